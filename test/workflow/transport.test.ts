import { useScriptedServer } from '../support/scripted-server';
import type { ScriptedAnswer } from '../support/scripted-server';
import { runSigfoxNode } from './harness';
import { credentialsFor, device, devices, LOGIN, PASSWORD } from './fixtures';
import { TransportProbe } from './transport-probe';

const getDevice = {
	resource: 'device',
	operation: 'get',
	deviceId: { __rl: true, mode: 'id', value: '1A2B03' },
};
const listDevices = { resource: 'device', operation: 'getAll', returnAll: true };
const TOO_MANY = {
	status: 429,
	text: 'HTTP 429: too many requests',
	headers: { 'retry-after': '0' },
};

describe('Sigfox transport, through the node in a workflow', () => {
	const server = useScriptedServer();

	describe('retries', () => {
		it.each<[string, ScriptedAnswer[]]>([
			['retries a 429 and returns the answer that follows', [TOO_MANY, TOO_MANY]],
			['retries a GET after a 5xx', [{ status: 502, headers: { 'retry-after': '0' } }]],
			['retries a GET after a dropped connection', [{ drop: true }]],
		])('%s', async (_behaviour, failures) => {
			server.script('GET /devices/1A2B03', [...failures, { json: device(3) }]);

			const { items, error } = await runSigfoxNode(getDevice, {
				credentials: credentialsFor(server),
			});

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([device(3)]);
			expect(server.requests).toHaveLength(failures.length + 1);
		});

		it('waits as long as Retry-After asks before sending again', async () => {
			server.script('GET /devices/1A2B03', [
				{ status: 429, text: 'HTTP 429: too many requests', headers: { 'retry-after': '1' } },
				{ json: device(3) },
			]);

			const { error } = await runSigfoxNode(getDevice, { credentials: credentialsFor(server) });

			expect(error).toBeUndefined();
			const [first, second] = server.requests;
			expect(second.time - first.time).toBeGreaterThanOrEqual(1000);
		});

		it('retries a 429 while following paging.next without losing or repeating a page', async () => {
			server.script('GET /devices/', [
				({ query }) =>
					query.get('offset')
						? { json: { data: devices(100, 10), paging: {} } }
						: {
								json: {
									data: devices(0, 100),
									paging: { next: `${server.baseUrl}/devices/?limit=100&offset=100` },
								},
							},
			]);
			let calls = 0;
			server.script('GET /devices/', [
				({ query }) => {
					calls++;
					if (!query.get('offset')) {
						return {
							json: {
								data: devices(0, 100),
								paging: { next: `${server.baseUrl}/devices/?limit=100&offset=100` },
							},
						};
					}
					return calls === 2 ? TOO_MANY : { json: { data: devices(100, 10), paging: {} } };
				},
			]);

			const { items, error } = await runSigfoxNode(listDevices, {
				credentials: credentialsFor(server),
			});

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(devices(0, 110).map((d) => d.id));
			expect(server.requests.map((r) => r.query.offset ?? '0')).toEqual(['0', '100', '100']);
		});

		it("gives up after repeated 5xx with Sigfox's own message in a NodeApiError", async () => {
			server.script('GET /devices/1A2B03', [
				{
					status: 503,
					json: { message: 'Service temporarily unavailable' },
					headers: { 'retry-after': '0' },
				},
			]);

			const { error } = await runSigfoxNode(getDevice, { credentials: credentialsFor(server) });

			expect(error?.message).toBe(
				'Sigfox failed with HTTP 503 on GET /devices/1A2B03 after 6 attempts',
			);
			expect(error?.description).toContain('Sigfox said: "Service temporarily unavailable"');
			expect(error?.httpCode).toBe('503');
			expect(server.requests).toHaveLength(6);
		});
	});

	describe('a POST whose outcome is unknown', () => {
		const createDevice = {
			method: 'POST',
			path: '/devices/',
			body: JSON.stringify({
				id: '1A2B03',
				name: 'Meter 3',
				deviceTypeId: '5f0c8e1a2b3c4d5e6f708192',
				pac: '585CB3B42AC98BD4',
			}),
		};

		it('is not sent again after a dropped connection, and says the outcome is unknown', async () => {
			server.script('POST /devices/', [{ drop: true }, { status: 201, json: { id: '1A2B03' } }]);

			const { error } = await runSigfoxNode(createDevice, {
				credentials: credentialsFor(server),
				nodeType: new TransportProbe(),
			});

			expect(server.requestsTo('POST /devices/')).toHaveLength(1);
			expect(error?.message).toBe(
				'The connection to Sigfox dropped during POST /devices/; the outcome is unknown',
			);
			expect(error?.description).toMatch(/was not sent again/);
		});

		it('is not sent again after a 5xx either', async () => {
			server.script('POST /devices/', [{ status: 500 }, { status: 201, json: { id: '1A2B03' } }]);

			const { error } = await runSigfoxNode(createDevice, {
				credentials: credentialsFor(server),
				nodeType: new TransportProbe(),
			});

			expect(server.requestsTo('POST /devices/')).toHaveLength(1);
			expect(error?.message).toMatch(/outcome is unknown and the request was not sent again/);
		});

		it('is reconciled: what Sigfox shows it created is adopted instead of created twice', async () => {
			server.script('POST /devices/', [{ drop: true }]);
			server.script('GET /devices/', [
				{ json: { data: [{ id: '1A2B03', name: 'Meter 3' }], paging: {} } },
			]);

			const { items, error } = await runSigfoxNode(
				{ ...createDevice, reconcileFrom: '/devices/' },
				{ credentials: credentialsFor(server), nodeType: new TransportProbe() },
			);

			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({ id: '1A2B03', name: 'Meter 3', reconciled: true });
			expect(server.requestsTo('POST /devices/')).toHaveLength(1);
		});

		it('is still retried after a 429, which Sigfox never acted on', async () => {
			server.script('POST /devices/', [TOO_MANY, { status: 201, json: { id: '1A2B03' } }]);

			const { items, error } = await runSigfoxNode(createDevice, {
				credentials: credentialsFor(server),
				nodeType: new TransportProbe(),
			});

			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: '1A2B03' });
			expect(server.requestsTo('POST /devices/')).toHaveLength(2);
		});
	});

	describe('pacing', () => {
		const twoMessageReads = { method: 'GET', path: '/devices/1A2B03/messages' };
		const input = [{}, {}];

		it("spaces two reads of one device's messages at least 1 s apart under documented limits", async () => {
			server.script('GET /devices/1A2B03/messages', [{ json: { data: [], paging: {} } }]);

			const { error } = await runSigfoxNode(twoMessageReads, {
				credentials: credentialsFor(server, 'documented'),
				nodeType: new TransportProbe(),
				input,
			});

			expect(error).toBeUndefined();
			const [first, second] = server.requests;
			expect(second.time - first.time).toBeGreaterThanOrEqual(990);
		});

		it('sends them at once when only the server signals limits', async () => {
			server.script('GET /devices/1A2B03/messages', [{ json: { data: [], paging: {} } }]);

			await runSigfoxNode(twoMessageReads, {
				credentials: credentialsFor(server, 'serverSignals'),
				nodeType: new TransportProbe(),
				input,
			});

			const [first, second] = server.requests;
			expect(second.time - first.time).toBeLessThan(900);
		});

		it('refuses a second change of one device within 60 minutes instead of waiting an hour', async () => {
			server.script('PUT /devices/1A2B77', [{ status: 204 }]);

			const { error } = await runSigfoxNode(
				{ method: 'PUT', path: '/devices/1A2B77', body: JSON.stringify({ name: 'Renamed' }) },
				{
					credentials: credentialsFor(server, 'documented'),
					nodeType: new TransportProbe(),
					input,
				},
			);

			expect(server.requests).toHaveLength(1);
			expect(error?.message).toMatch(
				/Sigfox limits updates or deletions of one device \(1 per 60 minutes\)/,
			);
		});
	});

	describe('Sigfox errors', () => {
		it('lists every field error of a 400 in the message the user sees', async () => {
			server.script('GET /devices/', [
				{
					status: 400,
					json: {
						message: 'bad request',
						errors: [
							{ type: 'query', field: 'sort', message: 'must be one of id, name, lastCom' },
							{ type: 'query', field: 'groupIds', message: 'invalid id' },
						],
					},
				},
			]);

			const { error } = await runSigfoxNode(
				{ ...listDevices, filters: { sort: 'name', groupIds: 'zz' } },
				{ credentials: credentialsFor(server) },
			);

			expect(error?.message).toBe('Sigfox rejected the request: bad request');
			expect(error?.description).toContain('query field "sort": must be one of id, name, lastCom');
			expect(error?.description).toContain('query field "groupIds": invalid id');
			expect(error?.httpCode).toBe('400');
		});

		it.each([
			[401, undefined, /refused the API login or password/],
			[403, { message: 'You are not allowed to access the resource.' }, /not allowed to do this/],
			[409, { message: 'Device already exists' }, /conflict: Device already exists/],
			[412, undefined, /412 Precondition Failed/],
		])('maps HTTP %i to a message the user can act on', async (status, json, expected) => {
			server.script('GET /devices/1A2B03', [{ status, json }]);

			const { error } = await runSigfoxNode(getDevice, { credentials: credentialsFor(server) });

			expect(error?.message).toMatch(expected);
			expect(error?.httpCode).toBe(String(status));
		});

		it('says the rate limit persisted after the retries when every answer is 429', async () => {
			server.script('GET /devices/1A2B03', [TOO_MANY]);

			const { error } = await runSigfoxNode(getDevice, { credentials: credentialsFor(server) });

			expect(error?.message).toBe(
				'Sigfox is still rate-limiting GET /devices/1A2B03 after 6 attempts',
			);
			expect(error?.httpCode).toBe('429');
		});

		it('never shows the API password, in errors, outputs or the execution data', async () => {
			const withPasswordInUrl = {
				...credentialsFor(server),
				baseUrl: server.baseUrl.replace('http://', `http://${LOGIN}:${PASSWORD}@`),
			};
			server.script('GET /devices/1A2B03', [{ status: 500, headers: { 'retry-after': '0' } }]);
			server.script('GET /devices/', [{ status: 401 }]);
			server.script('POST /devices/', [{ drop: true }]);

			const runs = [
				await runSigfoxNode(getDevice, { credentials: credentialsFor(server) }),
				await runSigfoxNode(listDevices, {
					credentials: credentialsFor(server),
					continueOnFail: true,
				}),
				await runSigfoxNode(getDevice, { credentials: withPasswordInUrl }),
				await runSigfoxNode(
					{ method: 'POST', path: '/devices/', body: '{"id":"1A2B03"}' },
					{ credentials: credentialsFor(server), nodeType: new TransportProbe() },
				),
			];

			for (const { run, error, items } of runs) {
				expect(error ?? items[0]?.json.error).toBeDefined();
				const seen = JSON.stringify({
					data: run.data,
					error,
					items,
					stack: (error as { stack?: string })?.stack,
				});
				expect(seen).not.toContain(PASSWORD);
				expect(seen).not.toContain(Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64'));
			}
		});
	});
});
