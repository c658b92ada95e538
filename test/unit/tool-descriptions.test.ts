import type { INode, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { catalogue } from '../../nodes/Sigfox/catalogue';
import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';

const plain = new Sigfox().description;
/** Sigfox Tool's description as n8n builds it: renamed `<name>Tool`, so that `@tool` display options hold. */
const tool: INodeTypeDescription = { ...plain, name: `${plain.name}Tool` };

/**
 * The description an agent or an MCP client gets for a Sigfox Tool node saved with these parameters: n8n resolves
 * the parameters with their defaults when it loads the workflow (n8n-workflow's Workflow), then reads
 * getToolDescriptionForNode (n8n-core's createNodeAsTool).
 */
function descriptionSeen(saved: INodeParameters): string {
	const node = {
		name: 'Sigfox Tool',
		type: 'n8n-nodes-sigfox.sigfoxTool',
		typeVersion: 1,
		parameters: saved,
	} as unknown as INode;
	node.parameters = NodeHelpers.getNodeParameters(tool.properties, saved, true, false, node, tool)!;
	return NodeHelpers.getToolDescriptionForNode(node, { description: tool } as INodeType);
}

const operations = catalogue.flatMap((resource) =>
	resource.operations.map((operation) => ({ resource, operation })),
);

describe('the description a client sees for each Sigfox tool by default', () => {
	it('covers the 90 operations of the API and the two local ones', () => {
		expect(operations.filter(({ operation }) => 'endpoint' in operation)).toHaveLength(90);
	});

	it.each(
		operations.map(({ resource, operation }) => [
			`${resource.name} → ${operation.name}`,
			resource,
			operation,
		]),
	)('%s', (_, resource, operation) => {
		const seen = descriptionSeen({ resource: resource.value, operation: operation.value });

		// What it does, in the operation's own words (not n8n's "<action> in Sigfox").
		expect(seen).not.toMatch(/ in Sigfox$/);
		expect(seen.startsWith(`Sigfox ${resource.name} → ${operation.name}: `)).toBe(true);
		expect(seen).toContain(operation.description.replace(/\.$/, ''));
		// What it returns.
		expect(seen).toMatch(/\breturns\b|one call is one device|Not usable as a tool/i);
		// A paged list says how many items come back and how to reach the others.
		if (operation.kind === 'list' && operation.endpoint.paged) {
			expect(seen).toContain('at most Limit of them (50 unless the workflow sets otherwise)');
			expect(seen).toMatch(/To (read older ones|reach others), ask again with /);
		}
		// What needs the user's yes, by the parameter's name.
		for (const field of operation.fields.filter((f) => f.confirms)) {
			expect(seen).toContain(
				`Not sent unless ${field.property.displayName} (${field.property.name}) is true`,
			);
			expect(seen).toContain(field.confirms);
		}
		expect(seen.length).toBeLessThan(1000);
	});

	it('reads, for example, like this', () => {
		expect(descriptionSeen({ resource: 'device', operation: 'create' })).toBe(
			'Sigfox Device → Create: Register one device with its ID and PAC in a device type. To register many devices use Device Bulk → Create. ' +
				"Returns Sigfox's answer as one item (the new ID after a creation, success: true when Sigfox answers with nothing). " +
				'Not sent unless Confirm Registration (confirmRegistration) is true: set it only when the user explicitly agreed that the device takes a token of the contract, which is billed, when it first communicates.',
		);
		expect(descriptionSeen({ resource: 'deviceType', operation: 'getMessages' })).toBe(
			'Sigfox Device Type → Get Messages: List the uplink messages of all devices of a device type, newest first, with ISO time and the message ID the trigger uses. ' +
				'Returns one item per element, at most Limit of them (50 unless the workflow sets otherwise). ' +
				'To read older ones, ask again with Before set to the time of the oldest one received.',
		);
	});

	it('keeps a description the workflow set by hand, also one saved when n8n offered "Set Manually"', () => {
		expect(
			descriptionSeen({
				descriptionType: 'manual',
				toolDescription: 'Reads one device by its ID.',
				resource: 'device',
				operation: 'get',
			}),
		).toBe('Reads one device by its ID.');
	});

	it('gives a workflow saved with "Set Automatically" the operation\'s description instead of "Get a device in Sigfox"', () => {
		expect(
			descriptionSeen({ descriptionType: 'auto', resource: 'device', operation: 'get' }),
		).toMatch(
			/^Sigfox Device → Get: Retrieve a device with its state, token and last communication\./,
		);
	});

	it('is a parameter of the tool variant only: the Sigfox node of a workflow shows none', () => {
		const shown = (type: INodeTypeDescription) =>
			Object.keys(
				NodeHelpers.getNodeParameters(
					type.properties,
					{ resource: 'device', operation: 'get' },
					true,
					false,
					{ type: type.name, typeVersion: 1, parameters: {} } as unknown as INode,
					type,
				)!,
			);
		expect(shown(tool)).toContain('toolDescription');
		expect(shown(plain)).not.toContain('toolDescription');
	});
});
