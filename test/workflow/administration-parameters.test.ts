import { useScriptedServer } from '../support/scripted-server';
import { credentialsFor } from './fixtures';
import { byId, runSigfoxNode } from './harness';

/**
 * Parameters of the administration operations that depend on a group's type, filter contracts by date, or add
 * related objects to a read: what the user gives, what Sigfox receives, what the node outputs.
 */
describe('administration parameters', () => {
	const server = useScriptedServer();

	const rootGroupId = '5f0c8e1a2b3c4d5e6f700001';
	const operatorGroupId = '5f0c8e1a2b3c4d5e6f700002';

	describe('Group → Create', () => {
		it('creates an SVNO group on the network of its operator group, without the fields of billable groups', async () => {
			server.script('POST /groups/', [{ status: 201, json: { id: '5f0c8e1a2b3c4d5e6f700003' } }]);

			const { items, error } = await runSigfoxNode(
				{
					resource: 'group',
					operation: 'create',
					name: 'Reseller Spain',
					description: 'Our SVNO',
					type: 5,
					timezone: 'Europe/Madrid',
					parentId: byId(rootGroupId),
					networkOperatorId: byId(operatorGroupId),
					// Set while the type was Basic, then hidden by choosing SVNO: not sent.
					billableFields: { billable: true, maxPrototypeAllowed: 10 },
				},
				{ credentials: credentialsFor(server) },
			);

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([{ id: '5f0c8e1a2b3c4d5e6f700003' }]);
			expect(server.requests[0].body).toEqual({
				name: 'Reseller Spain',
				description: 'Our SVNO',
				type: 5,
				timezone: 'Europe/Madrid',
				parentId: rootGroupId,
				networkOperatorId: operatorGroupId,
			});
		});

		it('sends the billing fields of a Basic group, and no network operator', async () => {
			server.script('POST /groups/', [{ status: 201, json: { id: '5f0c8e1a2b3c4d5e6f700004' } }]);

			const { error } = await runSigfoxNode(
				{
					resource: 'group',
					operation: 'create',
					name: 'Field meters',
					description: 'Meters in the field',
					type: 2,
					timezone: 'Europe/Paris',
					parentId: byId(rootGroupId),
					networkOperatorId: byId(operatorGroupId),
					billableFields: { billable: true, maxPrototypeAllowed: 10 },
				},
				{ credentials: credentialsFor(server) },
			);

			expect(error).toBeUndefined();
			expect(server.requests[0].body).toEqual({
				name: 'Field meters',
				description: 'Meters in the field',
				type: 2,
				timezone: 'Europe/Paris',
				parentId: rootGroupId,
				billable: true,
				maxPrototypeAllowed: 10,
			});
		});
	});

	describe('Contract → Get Many', () => {
		it('lists the contracts running within a period: its dates sent in milliseconds', async () => {
			const contract = { id: '5f0c8e1a2b3c4d5e6f7000c1', name: 'Meters 2026', pricingModel: 2 };
			server.script('GET /contract-infos/', [{ json: { data: [contract], paging: {} } }]);

			const { items, error } = await runSigfoxNode(
				{
					resource: 'contract',
					operation: 'getAll',
					returnAll: true,
					filters: {
						fromTime: '2026-01-01T00:00:00.000Z',
						toTime: '2026-07-01T00:00:00.000Z',
						pricingModel: 2,
					},
				},
				{ credentials: credentialsFor(server) },
			);

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([contract]);
			expect(server.requests[0].query).toMatchObject({
				fromTime: String(Date.UTC(2026, 0, 1)),
				toTime: String(Date.UTC(2026, 6, 1)),
				pricingModel: '2',
			});
		});
	});

	describe('User → Get', () => {
		it('includes the groups and profiles of the user’s roles, and the API user’s rights, in one request', async () => {
			const user = {
				id: '5f0c8e1a2b3c4d5e6f7000a1',
				email: 'ops@example.com',
				userRoles: [
					{
						group: { id: rootGroupId, name: 'Acme', type: 2, level: 0 },
						profile: { id: '5a0c8e1a2b3c4d5e6f700101', name: 'Device manager [W]' },
					},
				],
				actions: ['users:edit'],
			};
			server.script('GET /users/5f0c8e1a2b3c4d5e6f7000a1', [{ json: user }]);

			const { items, error } = await runSigfoxNode(
				{
					resource: 'user',
					operation: 'get',
					userId: '5f0c8e1a2b3c4d5e6f7000a1',
					options: {
						fields: [
							'userRoles(group(name,type,level,bssId,customerBssId),profile(name,roles(name,perms(name))))',
						],
						authorizations: true,
					},
				},
				{ credentials: credentialsFor(server) },
			);

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([user]);
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0].query).toEqual({
				fields:
					'userRoles(group(name,type,level,bssId,customerBssId),profile(name,roles(name,perms(name))))',
				authorizations: 'true',
			});
		});
	});

	describe('Group → Get Many', () => {
		it('sends the group types picked as one comma-separated value', async () => {
			const group = { id: rootGroupId, name: 'Acme', type: 2 };
			server.script('GET /groups/', [{ json: { data: [group], paging: {} } }]);

			const { items, error } = await runSigfoxNode(
				{
					resource: 'group',
					operation: 'getAll',
					returnAll: true,
					filters: { types: [2, 9] },
				},
				{ credentials: credentialsFor(server) },
			);

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([group]);
			expect(server.requests[0].query).toMatchObject({ types: '2,9' });
		});
	});
});
