import type { INodeProperties } from 'n8n-workflow';

import { catalogue } from '../../nodes/Sigfox/catalogue';
import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';
import { shown } from '../../nodes/Sigfox/executors/outputs';
import { ENDPOINTS } from '../../nodes/shared/endpoints';

const operationsOf = (resource: string) => catalogue.find((r) => r.value === resource)!.operations;
const find = (resource: string, operation: string) =>
	operationsOf(resource).find((o) => o.value === operation)!;

describe('the Sigfox node catalogue, part 2', () => {
	it.each([
		['group', 'get', 'groupId', 'searchGroups'],
		['contract', 'get', 'contractId', 'searchContracts'],
		['profile', 'get', 'profileId', 'searchProfiles'],
	])(
		'%s → %s names its %s with a searchable list the node provides, or a 24-hex ID',
		(resource, operation, name, method) => {
			const locator = find(resource, operation).fields.find((f) => f.property.name === name)!
				.property as INodeProperties;
			expect(locator.type).toBe('resourceLocator');
			expect(locator.modes?.[0].typeOptions?.searchListMethod).toBe(method);
			expect(JSON.stringify(locator.modes?.[1].validation)).toContain('[0-9a-fA-F]{24}');
			expect(Object.keys(new Sigfox().methods.listSearch)).toContain(method);
		},
	);

	it('renews an API user’s password only with an explicit confirmation', () => {
		const confirmations = find('apiUser', 'renewCredential').fields.filter((f) => f.confirms);
		expect(confirmations).toHaveLength(1);
		expect(confirmations[0].property).toMatchObject({ type: 'boolean', default: false });
	});

	it('never repeats an API user’s password in a read', () => {
		for (const operation of ['get', 'getAll']) {
			const read = find('apiUser', operation);
			const items = shown(read.output, [{ id: 'a', name: 'Integration', accessToken: 'secret' }], {
				endpoint: ENDPOINTS.getApiUser,
				params: { id: 'a' },
			});
			expect(items).toEqual([{ id: 'a', name: 'Integration' }]);
		}
	});

	it('downloads KMZ files as binary data named tiles.kmz', () => {
		for (const operation of ['downloadPublicCoverageKmz', 'downloadMonarchKmz']) {
			expect(find('tiles', operation)).toMatchObject({
				kind: 'binary',
				file: { fileName: 'tiles.kmz', mimeType: 'application/vnd.google-earth.kmz' },
			});
		}
	});

	it('waits for each job on a status route that an operation of the same resource also reads on its own', () => {
		for (const resource of catalogue) {
			for (const operation of resource.operations) {
				if (!('statusEndpoint' in operation) || !operation.statusEndpoint) continue;
				const readers = resource.operations.filter(
					(o) => o.kind === 'jobStatus' && o.endpoint === operation.statusEndpoint,
				);
				expect([`${resource.value}.${operation.value}`, operation.statusEndpoint.method]).toEqual([
					`${resource.value}.${operation.value}`,
					'GET',
				]);
				expect(operation.statusEndpoint.path).toContain('{jobId}');
				expect(readers.map((o) => o.value)).toHaveLength(1);
			}
		}
	});
});
