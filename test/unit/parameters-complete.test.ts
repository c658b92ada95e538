import type { INodeProperties } from 'n8n-workflow';

import { catalogue } from '../../nodes/Sigfox/catalogue';
import { NOT_OFFERED } from '../../nodes/Sigfox/catalogue/notOffered';
import type { CatalogueField, CatalogueOperation } from '../../nodes/Sigfox/catalogue/types';
import { bodySchemaOf, flatten, loadContract, operationOf } from '../support/contract';

/**
 * Every query parameter and body field of the API contract is either a parameter of the node or written down as
 * deliberately not offered, with its reason: a new field of the spec fails here instead of going unnoticed.
 */
const contract = loadContract();

interface ContractParameter {
	name: string;
	in: string;
	readOnly?: boolean;
}

type Place = 'query' | 'body' | 'device';

/** The names the contract takes for an operation, by where they go; read-only fields are answers only. */
function contractNames(
	operation: CatalogueOperation & { endpoint: { method: string; path: string } },
) {
	const spec = operationOf(contract, operation.endpoint.method, operation.endpoint.path);
	const names: Array<[Place, string]> = (spec.parameters as ContractParameter[])
		.filter((p) => p.in === 'query')
		.map((p) => ['query', p.name]);
	const body = bodySchemaOf(contract, spec);
	if (body) {
		const variants = [body, ...(body.subtypes ?? [])];
		const writable = (schema: { properties: Record<string, { readOnly?: boolean }> }) =>
			Object.entries(schema.properties)
				.filter(([, s]) => !s.readOnly)
				.map(([name]) => name);
		for (const name of new Set(variants.flatMap(writable))) names.push(['body', name]);
		const data = body.properties.data as { items?: object } | undefined;
		if (operation.kind === 'bulk' && data?.items) {
			for (const name of writable(flatten(contract, data.items))) names.push(['device', name]);
		}
	}
	return names;
}

/** The API names a field sends: its own, or for a collection each option's. */
function offeredNames(field: CatalogueField): string[] {
	if (field.property.type === 'collection') {
		return ((field.property.options ?? []) as INodeProperties[]).map((o) => o.name);
	}
	return [field.apiName ?? field.property.name];
}

function offered(operation: CatalogueOperation, place: Place, name: string): boolean {
	return operation.fields.some((f) => f.in === place && offeredNames(f).includes(name));
}

const requesting = catalogue.flatMap((resource) =>
	resource.operations
		.filter((o): o is Extract<CatalogueOperation, { endpoint: unknown }> => 'endpoint' in o)
		.map((operation) => ({ label: `${resource.name} → ${operation.name}`, operation })),
);

describe('the parameters of the Sigfox node against the API contract', () => {
	it.each(requesting.map((r) => [r.label, r.operation] as const))(
		'%s offers every parameter of its route or says why not',
		(_label, operation) => {
			const missing = contractNames(operation)
				.filter(([place, name]) => !offered(operation, place, name))
				.filter(([place, name]) => !NOT_OFFERED.reasonFor(operation, place, name))
				.map(([place, name]) => `${place} ${name}`);
			expect(missing).toEqual([]);
		},
	);
});
