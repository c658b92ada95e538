import type { INodeTypeDescription } from 'n8n-workflow';

type NodeHeader = Pick<
	INodeTypeDescription,
	'displayName' | 'name' | 'group' | 'version' | 'description' | 'defaults'
>;

/**
 * How each of the package's nodes introduces itself: its names, its group, version 1. The icon and
 * the subtitle stay written in each node, where n8n's community-node lint rules look for them.
 */
export const sigfoxNodeHeader = (
	displayName: string,
	name: string,
	group: 'transform' | 'trigger',
	description: string,
): NodeHeader => ({
	displayName,
	name,
	group: [group],
	version: 1,
	description,
	defaults: { name: displayName },
});
