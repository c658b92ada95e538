import type { CatalogueOperation } from './types';

/**
 * The API parameters the node does not offer as parameters of its own, each with its reason. Most are set by the
 * node itself; the rest are kept from users on purpose. An operation's own are in its row (`notOffered`).
 */
const FOR_EVERY_LIST: Record<string, string> = {
	offset:
		'The node follows paging.next from page to page; an offset of its own would skip or repeat elements.',
	pageId: 'Part of the paging.next address the node follows.',
	limit: 'Set from Return All and Limit: the page size Sigfox allows, up to the Limit.',
};

export const NOT_OFFERED = {
	reasonFor(operation: CatalogueOperation, place: string, name: string): string | undefined {
		const own = operation.notOffered?.[name];
		if (own) return own;
		if (place === 'query' && operation.kind === 'list' && operation.endpoint.paged) {
			return FOR_EVERY_LIST[name];
		}
		if (place === 'body' && operation.kind === 'bulk' && name === 'data') {
			return 'The input items: one element per device.';
		}
		return undefined;
	},
};
