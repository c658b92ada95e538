import { useScriptedServer } from '../support/scripted-server';
import { byId, runSigfoxNode } from './harness';
import { credentialsFor } from './fixtures';

/**
 * Parameters of the API offered by the node (issue 18): what the user picks arrives in Sigfox's query, and a
 * callback body Sigfox would refuse is refused before anything is sent.
 */
describe('API parameters offered by the Sigfox node', () => {
	const server = useScriptedServer();
	const deviceTypeId = '5f0c8e1a2b3c4d5e6f708192';

	it('Device → Get Messages sends two Include values as one comma-separated fields parameter', async () => {
		server.script('GET /devices/1A2B03/messages', [
			{ json: { data: [{ device: { id: '1A2B03' }, time: 1764144000000, seqNumber: 7 }] } },
		]);

		const { items, error } = await runSigfoxNode(
			{
				resource: 'device',
				operation: 'getMessages',
				deviceId: byId('1A2B03'),
				returnAll: false,
				limit: 10,
				filters: {
					fields: ['rinfos(cbStatus,rep,repetitions,baseStation(name))', 'device(name)'],
				},
			},
			{ credentials: credentialsFor(server) },
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query.fields).toBe(
			'rinfos(cbStatus,rep,repetitions,baseStation(name)),device(name)',
		);
	});

	it('Device Type → Get Many sends the Payload Type and Project IDs filters and the Sort', async () => {
		server.script('GET /device-types/', [
			{ json: { data: [{ id: deviceTypeId, name: 'Meters', payloadType: 3 }], paging: {} } },
		]);

		const { items, error } = await runSigfoxNode(
			{
				resource: 'deviceType',
				operation: 'getAll',
				returnAll: true,
				filters: { payloadType: 3, projectIds: 'meters, trackers', sort: '-name' },
			},
			{ credentials: credentialsFor(server) },
		);

		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name)).toEqual(['Meters']);
		expect(server.requests[0].query).toMatchObject({
			payloadType: '3',
			projectIds: 'meters, trackers',
			sort: '-name',
		});
	});

	describe('Callback → Create of a URL callback', () => {
		const create = (extra: Record<string, unknown>) => ({
			resource: 'callback',
			operation: 'create',
			deviceTypeId: byId(deviceTypeId),
			channel: 'URL',
			callbackType: 0,
			callbackSubtype: 2,
			url: 'https://n8n.example.org/webhook/sigfox',
			...extra,
		});

		it('n8n itself refuses a POST without Body Template, before the node runs', async () => {
			await expect(
				runSigfoxNode(create({ httpMethod: 'POST', bodyTemplate: '' }), {
					credentials: credentialsFor(server),
				}),
			).rejects.toThrow('Parameter "Body Template" is required.');
			expect(server.requests).toHaveLength(0);
		});

		it('refuses a POST whose Body Template comes out empty from the input, sending nothing', async () => {
			const { error } = await runSigfoxNode(
				create({ httpMethod: '={{ $json.method }}', bodyTemplate: '={{ $json.template }}' }),
				{ credentials: credentialsFor(server), input: [{ method: 'POST' }] },
			);

			expect(error?.message).toBe(
				'Body Template is required when Channel is URL and HTTP Method is POST or PUT',
			);
			expect(error?.description).toBe(
				'Fill in "Body Template", which Sigfox needs when Channel is URL and HTTP Method is POST or PUT; nothing was sent to Sigfox.',
			);
			expect(server.requests).toHaveLength(0);
		});

		it('refuses a Content Type when the HTTP Method from the input is GET, sending nothing', async () => {
			const { error } = await runSigfoxNode(
				create({
					httpMethod: '={{ $json.method }}',
					bodyTemplate: '={{ $json.template }}',
					contentType: 'application/json',
				}),
				{ credentials: credentialsFor(server), input: [{ method: 'GET' }] },
			);

			expect(error?.message).toBe(
				'Content Type applies only when Channel is URL and HTTP Method is POST or PUT',
			);
			expect(error?.description).toBe(
				'Clear "Content Type": Sigfox takes it only when Channel is URL and HTTP Method is POST or PUT. Nothing was sent to Sigfox.',
			);
			expect(server.requests).toHaveLength(0);
		});

		it('creates a GET callback without Body Template or Content Type', async () => {
			server.script(`POST /device-types/${deviceTypeId}/callbacks`, [
				{ status: 201, json: { id: '5f0c8e1a2b3c4d5e6f708199' } },
			]);

			const { items, error } = await runSigfoxNode(create({ httpMethod: 'GET' }), {
				credentials: credentialsFor(server),
			});

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([{ id: '5f0c8e1a2b3c4d5e6f708199' }]);
			expect(server.requests[0].body).not.toHaveProperty('bodyTemplate');
			expect(server.requests[0].body).not.toHaveProperty('contentType');
		});

		it('accepts a POST with a Body Template, sending it with its Content Type', async () => {
			server.script(`POST /device-types/${deviceTypeId}/callbacks`, [
				{ status: 201, json: { id: '5f0c8e1a2b3c4d5e6f708199' } },
			]);
			const bodyTemplate = '{"device":"{device}","data":"{data}"}';

			const { items, error } = await runSigfoxNode(
				create({ httpMethod: '={{ $json.method }}', bodyTemplate }),
				{ credentials: credentialsFor(server), input: [{ method: 'POST' }] },
			);

			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([{ id: '5f0c8e1a2b3c4d5e6f708199' }]);
			expect(server.requests[0].body).toMatchObject({
				channel: 'URL',
				httpMethod: 'POST',
				bodyTemplate,
				contentType: 'application/json',
			});
		});
	});
});
