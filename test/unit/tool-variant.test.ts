import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { catalogue } from '../../nodes/Sigfox/catalogue';
import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';

const plain = new Sigfox().description;
/** The description n8n gives "Sigfox Tool": `@tool` display options hold for a type name ending in "Tool". */
const tool: INodeTypeDescription = { ...plain, name: `${plain.name}Tool` };

const operations = catalogue.flatMap((resource) =>
	resource.operations.map((operation) => ({ resource, operation })),
);

/** The parameters a node of this type shows for an operation, with their defaults, as n8n resolves them. */
function shown(type: INodeTypeDescription, resource: string, operation: string): INodeParameters {
	const node = {
		name: 'Sigfox',
		type: type.name,
		typeVersion: 1,
		parameters: { resource, operation },
	} as unknown as INode;
	return (
		NodeHelpers.getNodeParameters(type.properties, node.parameters, true, false, node, type) ?? {}
	);
}

const confirmationsOf = (operation: (typeof operations)[number]['operation']) =>
	operation.fields.filter((field) => field.confirms).map((field) => field.property.name);

describe('Sigfox Tool, the variant n8n offers AI agents and MCP clients', () => {
	it('asks a confirmation for every operation that registers or restarts devices (they take billed tokens)', () => {
		const spending = operations.filter(
			({ operation }) =>
				'endpoint' in operation &&
				operation.endpoint.method === 'POST' &&
				/^\/devices\/(bulk)?$|\/bulk\/restart$/.test(operation.endpoint.path),
		);
		expect(
			spending.map(({ resource, operation }) => `${resource.name} → ${operation.name}`),
		).toEqual([
			'Device → Create',
			'Device Bulk → Create',
			'Device Bulk → Restart',
			'Device Type → Restart Devices',
			'Contract → Restart Devices',
		]);
		for (const { resource, operation } of spending) {
			const asTool = shown(tool, resource.value, operation.value);
			const names = confirmationsOf(operation);
			expect(names.length).toBeGreaterThan(0);
			for (const name of names) expect(asTool[name]).toBe(false);
		}
	});

	it('shows the plain node exactly the parameters it had: no tool confirmation appears there', () => {
		for (const { resource, operation } of operations) {
			const inWorkflow = Object.keys(shown(plain, resource.value, operation.value));
			const asTool = Object.keys(shown(tool, resource.value, operation.value));
			const toolOnly = asTool.filter((name) => !inWorkflow.includes(name));
			for (const name of toolOnly) {
				expect(
					plain.properties
						.filter((p) => p.name === name)
						.every((p) => p.displayOptions?.show?.['@tool']?.[0] === true),
				).toBe(true);
			}
			for (const name of confirmationsOf(operation).filter((n) => toolOnly.includes(n))) {
				expect(inWorkflow).not.toContain(name);
			}
		}
		expect(Object.keys(shown(plain, 'device', 'create'))).not.toContain('confirmRegistration');
		expect(Object.keys(shown(tool, 'device', 'create'))).toContain('confirmRegistration');
	});
});
