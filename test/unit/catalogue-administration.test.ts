import type { INodeProperties } from 'n8n-workflow';

import { catalogue } from '../../nodes/Sigfox/catalogue';
import { Sigfox } from '../../nodes/Sigfox/Sigfox.node';

const operationsOf = (resource: string) => catalogue.find((r) => r.value === resource)!.operations;
const find = (resource: string, operation: string) =>
	operationsOf(resource).find((o) => o.value === operation)!;

describe('the Sigfox node catalogue, part 2', () => {
	it('has the 42 group, user, API user, profile, contract, coverage, tiles, base station and operator operations', () => {
		const resources = [
			'group',
			'user',
			'apiUser',
			'profile',
			'contract',
			'coverage',
			'tiles',
			'baseStation',
			'operator',
		];
		expect(resources.map((resource) => operationsOf(resource).length)).toEqual([
			7, 7, 8, 2, 5, 4, 6, 1, 2,
		]);
		for (const resource of resources) {
			for (const operation of operationsOf(resource)) expect(operation.endpoint).toBeDefined();
		}
	});

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
			const shown = find('apiUser', operation).output!(
				{ id: 'a', name: 'Integration', accessToken: 'secret' },
				{ path: '/api-users/' },
			);
			expect(shown).toEqual({ id: 'a', name: 'Integration' });
		}
	});

	it('downloads KMZ files as binary data named tiles.kmz', () => {
		for (const operation of ['downloadPublicCoverageKmz', 'downloadMonarchKmz']) {
			expect(find('tiles', operation).binary).toEqual({
				fileName: 'tiles.kmz',
				mimeType: 'application/vnd.google-earth.kmz',
			});
		}
	});

	it('waits on the job-status route of every operation that starts a job', () => {
		expect(find('contract', 'restartDevices').statusEndpoint).toBe(
			find('contract', 'getRestartJobStatus').endpoint,
		);
		expect(find('coverage', 'startBulkPrediction').statusEndpoint).toBe(
			find('coverage', 'getBulkPrediction').endpoint,
		);
		expect(find('tiles', 'startMonarchKmz').statusEndpoint).toBe(
			find('tiles', 'getMonarchKmzStatus').endpoint,
		);
	});
});
