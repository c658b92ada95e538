import type { Endpoint } from '../../nodes/shared/endpoints';
import { ENDPOINTS, endpointPath, RATE_CLASSES } from '../../nodes/shared/endpoints';
import { loadContract } from '../support/contract';

interface ContractOperation {
	responses?: Record<string, { schema?: unknown }>;
}

const contract = loadContract() as { paths: Record<string, Record<string, ContractOperation>> };
const contractRoutes = Object.entries(contract.paths).flatMap(([path, item]) =>
	Object.entries(item)
		.filter(([method]) => method !== 'parameters')
		.map(([method, operation]) => ({ label: `${method.toUpperCase()} ${path}`, operation })),
);
const tableRoutes = Object.values(ENDPOINTS).map((e) => `${e.method} ${e.path}`);

describe('the endpoint table', () => {
	it('holds every route of the API contract exactly once', () => {
		expect([...tableRoutes].sort()).toEqual(contractRoutes.map((r) => r.label).sort());
	});

	it('marks as paged exactly the routes whose answer carries paging in the contract', () => {
		const pagedInContract = contractRoutes
			.filter((r) =>
				JSON.stringify(r.operation.responses?.['200']?.schema ?? {}).includes('"paging"'),
			)
			.map((r) => r.label)
			.sort();
		const pagedInTable = Object.values(ENDPOINTS)
			.filter((e) => 'paged' in e && e.paged)
			.map((e) => `${e.method} ${e.path}`)
			.sort();
		expect(pagedInTable).toEqual(pagedInContract);
	});

	it('names only methods of HTTP and the rate classes pacing knows', () => {
		const endpoints: Endpoint[] = Object.values(ENDPOINTS);
		for (const endpoint of endpoints) {
			expect(['GET', 'POST', 'PUT', 'DELETE']).toContain(endpoint.method);
			if (endpoint.rate !== undefined) expect(RATE_CLASSES).toContain(endpoint.rate);
		}
	});

	it('fills path parameters, each encoded as one segment', () => {
		expect(endpointPath(ENDPOINTS.getDevice, { id: '1A2B' })).toBe('/devices/1A2B');
		expect(endpointPath(ENDPOINTS.deleteCallback, { id: 'a/b', callbackId: '5f0' })).toBe(
			'/device-types/a%2Fb/callbacks/5f0',
		);
		expect(endpointPath(ENDPOINTS.getDeviceTypeByProject, { id: 'p1' })).toBe(
			'/device-types/project-id:p1',
		);
	});

	it('refuses to build a path with a parameter missing', () => {
		expect(() => endpointPath(ENDPOINTS.getDevice, {})).toThrow('/devices/{id} needs id');
	});
});
