import { useScriptedServer } from '../support/scripted-server';
import { runSigfoxNode } from './harness';
import { basicAuth, credentialsFor, device, devices } from './fixtures';

describe('Sigfox node operations', () => {
	const server = useScriptedServer();

	describe('Device → Get', () => {
		it('returns the device Sigfox holds for the ID, with HTTP Basic authentication', async () => {
			server.script('GET /devices/1A2B03', [{ json: device(3) }]);

			const { items, error } = await runSigfoxNode(
				{
					resource: 'device',
					operation: 'get',
					deviceId: { __rl: true, mode: 'id', value: '1A2B03' },
				},
				{ credentials: credentialsFor(server) },
			);

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([device(3)]);
			expect(items[0].pairedItem).toEqual({ item: 0 });
			expect(server.requests[0].headers.authorization).toBe(basicAuth);
		});

		it('refuses an ID from the input data that is not a Sigfox device ID, without calling Sigfox', async () => {
			const { error } = await runSigfoxNode(
				{
					resource: 'device',
					operation: 'get',
					deviceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				},
				{ credentials: credentialsFor(server), input: [{ id: 'not-hex!' }] },
			);

			expect(error?.message).toBe('Device "not-hex!" is not valid');
			expect(error?.description).toMatch(/1 to 8 hexadecimal characters/);
			expect(server.requests).toHaveLength(0);
		});

		it('tells the user to check the ID when Sigfox answers 404', async () => {
			server.script('GET /devices/FFFF', [
				{ status: 404, json: { message: 'The requested resource was not found.' } },
			]);

			const { error } = await runSigfoxNode(
				{
					resource: 'device',
					operation: 'get',
					deviceId: { __rl: true, mode: 'id', value: 'FFFF' },
				},
				{ credentials: credentialsFor(server) },
			);

			expect(error?.message).toBe('Sigfox found nothing at /devices/FFFF');
			expect(error?.description).toMatch(/Check the ID/);
			expect(error?.httpCode).toBe('404');
		});

		it('names the failing input item in the error when Sigfox refuses the second of two devices', async () => {
			server.script('GET /devices/1A2B01', [{ json: device(1) }]);
			server.script('GET /devices/FFFF', [{ status: 404, json: { message: 'not found' } }]);

			const { error } = await runSigfoxNode(
				{
					resource: 'device',
					operation: 'get',
					deviceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				},
				{ credentials: credentialsFor(server), input: [{ id: '1A2B01' }, { id: 'FFFF' }] },
			);

			expect(error?.message).toBe('Sigfox found nothing at /devices/FFFF');
			expect(error?.context?.itemIndex).toBe(1);
		});

		it('with Continue On Fail, outputs one error item per failed input item, paired with it', async () => {
			server.script('GET /devices/1A2B01', [{ json: device(1) }]);
			server.script('GET /devices/FFFF', [{ status: 404, json: { message: 'not found' } }]);

			const { items, error } = await runSigfoxNode(
				{
					resource: 'device',
					operation: 'get',
					deviceId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				},
				{
					credentials: credentialsFor(server),
					input: [{ id: '1A2B01' }, { id: 'FFFF' }],
					continueOnFail: true,
				},
			);

			expect(error).toBeUndefined();
			expect(items).toHaveLength(2);
			expect(items[0]).toMatchObject({ json: device(1), pairedItem: { item: 0 } });
			expect(items[1]).toMatchObject({
				json: { error: 'Sigfox found nothing at /devices/FFFF' },
				pairedItem: { item: 1 },
			});
		});
	});

	describe('Device → Get Many', () => {
		it('follows offset next links until the last page when returning all', async () => {
			server.script('GET /devices/', [
				({ query }) => {
					const offset = Number(query.get('offset') ?? 0);
					const page = devices(offset, offset < 200 ? 100 : 30);
					const next =
						offset < 200
							? { next: `${server.baseUrl}/devices/?limit=100&offset=${offset + 100}` }
							: {};
					return { json: { data: page, paging: next } };
				},
			]);

			const { items, error } = await runSigfoxNode(
				{ resource: 'device', operation: 'getAll', returnAll: true },
				{ credentials: credentialsFor(server) },
			);

			expect(error).toBeUndefined();
			expect(items).toHaveLength(230);
			expect(items[229].json).toEqual(device(229));
			expect(server.requests.map((r) => r.query.offset ?? '0')).toEqual(['0', '100', '200']);
			expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		});

		it('follows pageId next links verbatim, filtered by device type', async () => {
			const deviceTypeId = '5f0c8e1a2b3c4d5e6f708192';
			server.script('GET /devices/', [
				({ query }) => {
					const pageId = query.get('pageId');
					if (query.get('deviceTypeId') !== deviceTypeId) {
						return { status: 400, json: { message: 'filter lost' } };
					}
					if (!pageId) {
						return {
							json: {
								data: devices(0, 100),
								paging: {
									next: `${server.baseUrl}/devices/?deviceTypeId=${deviceTypeId}&limit=100&pageId=tok-b`,
								},
							},
						};
					}
					if (pageId === 'tok-b') {
						return {
							json: {
								data: devices(100, 100),
								paging: {
									next: `${server.baseUrl}/devices/?deviceTypeId=${deviceTypeId}&limit=100&pageId=tok-c`,
								},
							},
						};
					}
					return { json: { data: devices(200, 5), paging: {} } };
				},
			]);

			const { items, error } = await runSigfoxNode(
				{
					resource: 'device',
					operation: 'getAll',
					returnAll: true,
					filters: { deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId } },
				},
				{ credentials: credentialsFor(server) },
			);

			expect(error).toBeUndefined();
			expect(items).toHaveLength(205);
			expect(server.requests.map((r) => r.query.pageId)).toEqual([undefined, 'tok-b', 'tok-c']);
		});

		it('stops requesting pages as soon as the limit is reached', async () => {
			server.script('GET /devices/', [
				({ query }) => {
					const offset = Number(query.get('offset') ?? 0);
					return {
						json: {
							data: devices(offset, Number(query.get('limit'))),
							paging: {
								next: `${server.baseUrl}/devices/?limit=${query.get('limit')}&offset=${offset + 100}`,
							},
						},
					};
				},
			]);

			const { items } = await runSigfoxNode(
				{ resource: 'device', operation: 'getAll', returnAll: false, limit: 150 },
				{ credentials: credentialsFor(server) },
			);

			expect(items).toHaveLength(150);
			expect(server.requests).toHaveLength(2);
			expect(server.requests[0].query.limit).toBe('100');
		});

		it('names the input item whose listing Sigfox answered with a paging link to another host', async () => {
			let listings = 0;
			server.script('GET /devices/', [
				() => {
					listings += 1;
					const next =
						listings === 1 ? {} : { next: 'https://elsewhere.example/v2/devices/?offset=2' };
					return { json: { data: devices(0, 2), paging: next } };
				},
			]);

			const { error } = await runSigfoxNode(
				{ resource: 'device', operation: 'getAll', returnAll: true },
				{ credentials: credentialsFor(server), input: [{}, {}] },
			);

			expect(error?.message).toMatch(/paging link outside/);
			expect(error?.context?.itemIndex).toBe(1);
		});

		it('refuses a paging link to another host, so that the credential is not sent there', async () => {
			server.script('GET /devices/', [
				{
					json: {
						data: devices(0, 2),
						paging: { next: 'https://elsewhere.example/v2/devices/?offset=2' },
					},
				},
			]);

			const { error } = await runSigfoxNode(
				{ resource: 'device', operation: 'getAll', returnAll: true },
				{ credentials: credentialsFor(server) },
			);

			expect(error?.message).toMatch(/paging link outside/);
			expect(server.requests).toHaveLength(1);
		});
	});

	describe('Device Type → Get Many', () => {
		it('lists device types filtered by name, up to the limit', async () => {
			server.script('GET /device-types/', [
				({ query }) => ({
					json: {
						data: [
							{ id: '5f0c8e1a2b3c4d5e6f708192', name: `Meters ${query.get('name')}` },
							{ id: '5f0c8e1a2b3c4d5e6f708193', name: 'Meters B' },
						],
						paging: {},
					},
				}),
			]);

			const { items } = await runSigfoxNode(
				{ resource: 'deviceType', operation: 'getAll', limit: 1, filters: { name: 'A' } },
				{ credentials: credentialsFor(server) },
			);

			expect(items.map((i) => i.json)).toEqual([
				{ id: '5f0c8e1a2b3c4d5e6f708192', name: 'Meters A' },
			]);
			expect(server.requests[0].query).toMatchObject({ name: 'A', limit: '1' });
		});
	});
});
