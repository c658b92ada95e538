import type { INodeProperties } from 'n8n-workflow';

import { catalogue } from '../catalogue';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

function listProperties(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

const firstResource = catalogue[0].value;

/** The node's parameters, derived from the catalogue: resource, operation, then each operation's fields. */
export function catalogueProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: catalogue.map((r) => ({ name: r.name, value: r.value })).sort(byName),
			default: firstResource,
		},
	];
	for (const resource of catalogue) {
		const firstOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations
				.map((o) => ({
					name: o.name,
					value: o.value,
					action: o.action,
					description: o.description,
				}))
				.sort(byName),
			default: firstOperation,
		});
	}
	for (const resource of catalogue) {
		for (const operation of resource.operations) {
			const show = { resource: [resource.value], operation: [operation.value] };
			for (const field of operation.fields) {
				properties.push({ ...field.property, displayOptions: { show } });
			}
			if (operation.list) properties.push(...listProperties(show));
		}
	}
	return properties;
}
