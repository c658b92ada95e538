'use strict';

const { usePayloadDecoder } = require('../../simulator/callbacks/custom-data');
// The package's decoder from source: what these tests check does not depend on whether dist/ is built.
const packageDecoder = require('../../nodes/shared/payload');
const {
	startTestSimulator,
	seed,
	urlCallback,
	batchCallback,
	startReceiver,
	waitFor,
} = require('../support/test-simulator');

/** 1/1000 of Sigfox's timing: retries after 60, 120 and 240 ms, DATA_ADVANCED after 30 ms. */
const TIME_SCALE = 0.001;

let sim;
let receiver;
let answerWith;

beforeAll(async () => {
	receiver = await startReceiver((request) => answerWith(request));
	sim = await startTestSimulator({ timeScale: TIME_SCALE });
});

afterAll(async () => {
	await sim.stop();
	await receiver.close();
});

beforeEach(async () => {
	answerWith = () => ({ status: 204 });
	receiver.requests.length = 0;
	await sim.control('POST', '/reset');
});

async function createCallback(deviceTypeId, body) {
	const answer = await sim.api('POST', `/device-types/${deviceTypeId}/callbacks`, { body });
	expect(answer.status).toBe(201);
	return answer.body.id;
}

/** A device type with device 00AB and this callback; returns both, the callback as callbackId. */
async function withCallback(body) {
	const deviceType = await seed(sim, { deviceIds: ['00AB'] });
	return { deviceType, callbackId: await createCallback(deviceType.id, body) };
}

/** The same with a URL data callback of these fields. */
const withUrlCallback = (fields) => withCallback(urlCallback(fields));
const frame = (device, body) => sim.control('POST', `/devices/${device}/frames`, body);

describe('rendering and delivery', () => {
	test('renders URL, header values and body template, with time in seconds', async () => {
		const deviceType = await seed(sim, { deviceIds: ['00C0FFEE'] });
		await createCallback(
			deviceType.id,
			urlCallback({
				url: `${receiver.url}/sigfox/{device}?seq={seqNumber}`,
				headers: { 'x-n8n-sigfox-secret': 'secret-{device}' },
				contentType: 'application/json',
				bodyTemplate:
					'{"device":"{device}","deviceTypeId":"{deviceTypeId}","time":{time},"data":"{data}","seqNumber":{seqNumber},"rssi":{rssi},"station":"{station}","ack":"{ack}"}',
			}),
		);
		const answer = await frame('00C0FFEE', { data: 'CAFE01', seqNumber: 17, time: 1795675000123 });
		expect(answer.status).toBe(201);
		expect(answer.body.deliveries).toEqual([
			expect.objectContaining({ kind: 'UPLINK', status: 'delivered' }),
		]);

		const [request] = receiver.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/sigfox/00C0FFEE?seq=17');
		expect(request.headers['x-n8n-sigfox-secret']).toBe('secret-00C0FFEE');
		expect(request.headers['content-type']).toBe('application/json');
		const body = JSON.parse(request.body);
		expect(body).toMatchObject({
			device: '00C0FFEE',
			deviceTypeId: deviceType.id,
			time: 1795675000,
			data: 'cafe01',
			seqNumber: 17,
			station: expect.stringMatching(/^[0-9A-F]{4}$/),
		});
		expect(typeof body.rssi).toBe('number');
		// ack is a BIDIR variable: an UPLINK callback leaves it as written (docs/sigfox/callbacks.md#variables).
		expect(body.ack).toBe('{ack}');
	});

	test('sends GET callbacks with the variables in the URL and no body', async () => {
		await withUrlCallback({ httpMethod: 'GET', url: `${receiver.url}/get?id={device}&d={data}` });
		await frame('00AB', { data: '0102' });
		expect(receiver.requests[0]).toMatchObject({
			method: 'GET',
			url: '/get?id=00AB&d=0102',
			body: '',
		});
		expect(receiver.requests[0].headers['content-type']).toBeUndefined();
	});

	test('defaults the content type of POST callbacks to application/x-www-form-urlencoded', async () => {
		await withUrlCallback({ url: `${receiver.url}/form`, bodyTemplate: 'device={device}' });
		await frame('00AB', { data: '01' });
		expect(receiver.requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(receiver.requests[0].body).toBe('device=00AB');
	});

	test('sends only enabled callbacks of the device type of the device', async () => {
		const deviceType = await seed(sim, { deviceIds: ['00AB'] });
		const other = await seed(sim, { deviceIds: ['00AC'] });
		const disabled = await createCallback(
			deviceType.id,
			urlCallback({ url: `${receiver.url}/disabled` }),
		);
		await createCallback(deviceType.id, urlCallback({ url: `${receiver.url}/enabled` }));
		await createCallback(other.id, urlCallback({ url: `${receiver.url}/other-type` }));
		await createCallback(deviceType.id, {
			...urlCallback({ url: `${receiver.url}/ack` }),
			callbackType: 1,
			callbackSubtype: 4,
		});
		await sim.api(
			'PUT',
			`/device-types/${deviceType.id}/callbacks/${disabled}/enable?enabled=false`,
		);
		await frame('00AB', { data: '01' });
		expect(receiver.requests.map((request) => request.url)).toEqual(['/enabled']);
	});

	describe('with the package decoder', () => {
		beforeEach(() => usePayloadDecoder(packageDecoder));

		test('renders customData variables', async () => {
			await withUrlCallback({
				url: `${receiver.url}/custom`,
				payloadConfig: 'temperature::int:16 humidity::uint:8',
				bodyTemplate: 't={customData#temperature}&h={customData#humidity}',
			});
			await frame('00AB', { data: 'ff383c' });
			expect(receiver.requests[0].body).toBe('t=-200&h=60');
		});

		test('refuses a payloadConfig the decoder cannot compile', async () => {
			const deviceType = await seed(sim);
			const answer = await sim.api('POST', `/device-types/${deviceType.id}/callbacks`, {
				body: urlCallback({ url: `${receiver.url}/custom`, payloadConfig: 'temperature::uint:99' }),
			});
			expect(answer.status).toBe(400);
			expect(answer.body.errors).toEqual([
				{ type: 'body', field: 'payloadConfig', message: expect.stringMatching(/uint/) },
			]);
		});
	});

	describe('without a decoder (the simulator run alone before a build)', () => {
		beforeEach(() => usePayloadDecoder(undefined));
		afterEach(() => usePayloadDecoder(packageDecoder));

		test('leaves customData variables as written and accepts any payloadConfig', async () => {
			const deviceType = await seed(sim, { deviceIds: ['00AB'] });
			const answer = await sim.api('POST', `/device-types/${deviceType.id}/callbacks`, {
				body: urlCallback({
					url: `${receiver.url}/custom`,
					payloadConfig: 'temperature::uint:99',
					bodyTemplate: 't={customData#temperature}',
				}),
			});
			expect(answer.status).toBe(201);
			await frame('00AB', { data: 'ff383c' });
			expect(receiver.requests[0].body).toBe('t={customData#temperature}');
		});
	});

	test('records e-mail callbacks rendered, without sending mail', async () => {
		await withCallback({
			channel: 'EMAIL',
			callbackType: 0,
			callbackSubtype: 2,
			recipient: 'ops@example.org',
			subject: 'Frame of {device}',
			message: 'data {data}',
		});
		const answer = await frame('00AB', { data: '0a' });
		expect(answer.body.deliveries[0].request).toEqual({
			recipient: 'ops@example.org',
			subject: 'Frame of 00AB',
			message: 'data 0a',
		});
	});

	test('groups the messages of about one second in one BATCH_URL request, a line per message', async () => {
		const deviceType = await seed(sim, { deviceIds: ['00AB', '00AC'] });
		await createCallback(deviceType.id, batchCallback(`${receiver.url}/batch`, '{device};{data}'));
		await Promise.all([frame('00AB', { data: '01' }), frame('00AC', { data: '02' })]);
		expect(receiver.requests).toHaveLength(1);
		expect(receiver.requests[0].body.split('\n').sort()).toEqual(['00AB;01', '00AC;02']);
	});

	test('answers a frame waiting in a BATCH_URL window when a reset abandons the batch', async () => {
		await withCallback(batchCallback(`${receiver.url}/batch`, '{device}'));
		const sent = frame('00AB', { data: '01' });
		await waitFor(() => sim.state.messages.length === 1, { what: 'the frame' });
		await sim.control('POST', '/reset');
		expect((await sent).body.deliveries).toEqual([]);
		expect(receiver.requests).toEqual([]);
	});

	test('sends DATA_ADVANCED about 30 s (scaled) after the frame, with network variables as raw JSON', async () => {
		await withCallback({
			...urlCallback({ url: `${receiver.url}/advanced`, contentType: 'application/json' }),
			callbackType: 1,
			callbackSubtype: 6,
			bodyTemplate:
				'{"device":"{device}","time":{time},"lqi":"{lqi}","linkQuality":{linkQuality},"duplicates":{duplicates},"computedLocation":{computedLocation}}',
		});
		const sent = Date.now();
		const answer = await frame('00AB', { data: '01' });
		expect(answer.body.deliveries).toEqual([]);
		await waitFor(() => receiver.requests.length === 1, { what: 'DATA_ADVANCED' });
		expect(Date.now() - sent).toBeGreaterThanOrEqual(30_000 * TIME_SCALE);
		const body = JSON.parse(receiver.requests[0].body);
		expect(body.lqi).toMatch(/^(Limit|Average|Good|Excellent)$/);
		expect(body.duplicates[0]).toEqual({
			bsId: expect.any(String),
			nbRep: expect.any(Number),
			rssi: expect.any(Number),
			snr: expect.any(Number),
		});
		expect(body.computedLocation).toMatchObject({
			lat: expect.any(Number),
			lng: expect.any(Number),
		});
	});
});

describe('retries and undelivered callbacks', () => {
	/**
	 * Waits, without a fixed sleep, until a retry scheduled before this call could have been sent:
	 * a witness device's callback, started now, fails `retries` times, then succeeds. Its last retry
	 * waits the longest delay of those retries (1, 2 then 4 minutes, scaled); timers run in the order
	 * they fall due, so any retry scheduled earlier with no longer a delay has been sent first.
	 */
	async function afterRetryDelays(retries) {
		const answer = answerWith;
		let failures = 0;
		answerWith = (request) =>
			request.url === '/witness' ? { status: failures++ < retries ? 503 : 204 } : answer(request);
		const witnessType = await seed(sim, { deviceIds: ['00FF'] });
		await createCallback(witnessType.id, urlCallback({ url: `${receiver.url}/witness` }));
		await frame('00FF', { data: '00' });
		await waitFor(
			() =>
				sim.state.deliveries.some(
					(delivery) => delivery.device === '00FF' && delivery.status === 'delivered',
				),
			{ what: `the witness callback's retry ${retries}` },
		);
	}

	test('retries after 1, 2 and 4 minutes (scaled), then records the callback as not delivered', async () => {
		answerWith = () => ({ status: 500 });
		const { deviceType, callbackId } = await withUrlCallback({
			url: `${receiver.url}/failing`,
			headers: { authorization: 'Bearer s' },
			bodyTemplate: 'd={data}',
		});
		await frame('00AB', { data: 'beef', time: Date.now() - 5 });
		await waitFor(() => sim.state.undelivered.length === 1, { what: 'the retries to run out' });

		const [delivery] = sim.state.deliveries;
		expect(delivery.status).toBe('undelivered');
		expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500, 500]);
		const gaps = delivery.attempts
			.slice(1)
			.map((attempt, index) => attempt.time - delivery.attempts[index].time);
		expect(gaps[0]).toBeGreaterThanOrEqual(60_000 * TIME_SCALE);
		expect(gaps[1]).toBeGreaterThanOrEqual(120_000 * TIME_SCALE);
		expect(gaps[2]).toBeGreaterThanOrEqual(240_000 * TIME_SCALE);
		expect(receiver.requests).toHaveLength(4);

		const { body } = await sim.api('GET', '/devices/00AB/callbacks-not-delivered');
		expect(body.data).toEqual([
			expect.objectContaining({
				deviceId: '00AB',
				deviceTypeId: deviceType.id,
				data: 'beef',
				status: '500',
				callback: expect.objectContaining({
					url: `${receiver.url}/failing`,
					method: 'POST',
					body: 'd=beef',
				}),
				parameters: expect.objectContaining({ device: '00AB', data: 'beef' }),
			}),
		]);
		const { body: callbacks } = await sim.api('GET', `/device-types/${deviceType.id}/callbacks`);
		expect(callbacks.data.find((callback) => callback.id === callbackId).dead).toBe(true);
		const last = await sim.api(
			'GET',
			`/device-types/${deviceType.id}/callbacks/${callbackId}/callbacks-not-delivered`,
		);
		expect(last.body).toMatchObject({ deviceId: '00AB', status: '500' });
	});

	test('stops retrying once a retry succeeds', async () => {
		let calls = 0;
		answerWith = () => ({ status: ++calls < 3 ? 503 : 200 });
		await withUrlCallback({ url: `${receiver.url}/flaky` });
		await frame('00AB', { data: '01' });
		await waitFor(() => sim.state.deliveries[0].status === 'delivered', {
			what: 'the third attempt',
		});
		await afterRetryDelays(3);
		expect(sim.state.deliveries[0].attempts.map((attempt) => attempt.status)).toEqual([
			503, 503, 200,
		]);
		expect(receiver.requests.filter((request) => request.url === '/flaky')).toHaveLength(3);
		expect(sim.state.undelivered).toEqual([]);
	});

	test('abandons pending retries on a control reset', async () => {
		answerWith = () => ({ status: 500 });
		await withUrlCallback({ url: `${receiver.url}/reset` });
		await frame('00AB', { data: '01' });
		await sim.control('POST', '/reset');
		await afterRetryDelays(1);
		expect(receiver.requests.map((request) => request.url)).toEqual([
			'/reset',
			'/witness',
			'/witness',
		]);
		expect(sim.state.undelivered).toEqual([]);
	});

	test('counts a refused connection as a failure', async () => {
		await withUrlCallback({ url: 'http://127.0.0.1:9/closed' });
		await frame('00AB', { data: '01' });
		await waitFor(() => sim.state.undelivered.length === 1, { what: 'the retries to run out' });
		expect(sim.state.undelivered[0]).toMatchObject({
			status: '',
			callback: { error: expect.any(String) },
		});
	});

	test('does not send a JSON body that does not parse, and records it at once', async () => {
		await withUrlCallback({
			url: `${receiver.url}/json`,
			contentType: 'application/json',
			bodyTemplate: '{"ack":{ack}}',
		});
		const answer = await frame('00AB', { data: '01' });
		expect(answer.body.deliveries[0].status).toBe('undelivered');
		expect(receiver.requests).toEqual([]);
		expect(sim.state.undelivered[0].callback.error).toBe('JSON body could not be evaluated');
	});

	test('gives up on an answer later than the 10 s deadline', async () => {
		answerWith = () => ({ status: 204, delayMs: 10_500 });
		await withUrlCallback({ url: `${receiver.url}/slow` });
		const answer = await frame('00AB', { data: '01' });
		const [attempt] = answer.body.deliveries[0].attempts;
		expect(attempt.error).toBe('no answer within 10 s');
		expect(attempt.durationMs).toBeGreaterThanOrEqual(9900);
		expect(attempt.durationMs).toBeLessThan(10_500);
	}, 20_000);
});

describe('BIDIR downlinks and ACKNOWLEDGE', () => {
	let deviceType;

	beforeEach(async () => {
		deviceType = await seed(sim, { deviceType: { downlinkMode: 1 }, deviceIds: ['00AB'] });
		const bidir = await createCallback(
			deviceType.id,
			urlCallback({
				callbackSubtype: 3,
				url: `${receiver.url}/bidir`,
				contentType: 'application/json',
				bodyTemplate: '{"device":"{device}","ack":{ack},"longPolling":{longPolling}}',
			}),
		);
		await sim.api('PUT', `/device-types/${deviceType.id}/callbacks/${bidir}/downlink`);
		await createCallback(deviceType.id, {
			...urlCallback({ url: `${receiver.url}/acknowledge`, contentType: 'application/json' }),
			callbackType: 1,
			callbackSubtype: 4,
			bodyTemplate:
				'{"device":"{device}","time":{time},"infoCode":{infoCode},"infoMessage":"{infoMessage}","downlinkAck":{downlinkAck},"downlinkOverusage":{downlinkOverusage}}',
		});
	});

	const acknowledged = () =>
		receiver.requests
			.filter((request) => request.url === '/acknowledge')
			.map((request) => JSON.parse(request.body));

	test('reads the downlinkData of a 200 answer, acknowledges it with infoCode 0 and shows it on the message', async () => {
		answerWith = (request) =>
			request.url === '/bidir'
				? { status: 200, body: { '00AB': { downlinkData: '0102030405060708' } } }
				: { status: 204 };
		const answer = await frame('00AB', { data: '01', ack: true });
		const bidirRequest = receiver.requests.find((request) => request.url === '/bidir');
		expect(JSON.parse(bidirRequest.body)).toEqual({
			device: '00AB',
			ack: true,
			longPolling: false,
		});
		expect(answer.body.downlink).toEqual({
			infoCode: 0,
			infoMessage: 'Acked',
			downlinkData: '0102030405060708',
		});
		expect(acknowledged()).toEqual([
			expect.objectContaining({
				device: '00AB',
				infoCode: 0,
				downlinkAck: true,
				downlinkOverusage: false,
			}),
		]);
		const { body } = await sim.api(
			'GET',
			'/devices/00AB/messages?fields=downlinkAnswerStatus(baseStation(name))',
		);
		expect(body.data[0].downlinkAnswerStatus).toMatchObject({ data: '0102030405060708' });
	});

	test.each([
		['a 204 answer', { status: 204 }, 1],
		['a noData answer', { status: 200, body: { '00AB': { noData: true } } }, 1],
		[
			'an answer for another device',
			{ status: 200, body: { '00AC': { downlinkData: '0102030405060708' } } },
			1,
		],
		['a 500 answer', { status: 500 }, 1],
		['a 7-byte downlink', { status: 200, body: { '00AB': { downlinkData: '01020304050607' } } }, 2],
		[
			'a non-hex downlink',
			{ status: 200, body: { '00AB': { downlinkData: 'zz02030405060708' } } },
			2,
		],
		[
			'an answer that is not JSON',
			{ status: 200, body: 'ok', headers: { 'content-type': 'text/plain' } },
			2,
		],
	])('acknowledges %s with infoCode %s', async (_, bidirAnswer, infoCode) => {
		answerWith = (request) => (request.url === '/bidir' ? bidirAnswer : { status: 204 });
		const answer = await frame('00AB', { data: '01', ack: true });
		expect(answer.body.downlink.infoCode).toBe(infoCode);
		expect(acknowledged()).toEqual([expect.objectContaining({ infoCode, downlinkAck: false })]);
	});

	test('acknowledges INVALID_CONFIGURATION (8) when no BIDIR callback is selected', async () => {
		for (const callback of sim.state.callbacks.values()) callback.downlinkHook = false;
		const answer = await frame('00AB', { data: '01', ack: true });
		expect(answer.body.downlink.infoCode).toBe(8);
		expect(acknowledged()).toEqual([expect.objectContaining({ infoCode: 8 })]);
	});

	test('asks the BIDIR callback but sends no downlink nor ACKNOWLEDGE for a frame without ack', async () => {
		const answer = await frame('00AB', { data: '01' });
		expect(answer.body.downlink).toBeUndefined();
		expect(receiver.requests.map((request) => [request.url, JSON.parse(request.body).ack])).toEqual(
			[['/bidir', false]],
		);
	});

	test('blocks the fifth downlink of the day with OVERRUN_ERROR (3) and downlinkOverusage', async () => {
		answerWith = (request) =>
			request.url === '/bidir'
				? { status: 200, body: { '00AB': { downlinkData: 'aabbccddeeff0011' } } }
				: { status: 204 };
		const codes = [];
		for (let attempt = 0; attempt < 5; attempt++)
			codes.push((await frame('00AB', { data: '01', ack: true })).body.downlink.infoCode);
		expect(codes).toEqual([0, 0, 0, 0, 3]);
		expect(acknowledged().at(-1)).toMatchObject({
			infoCode: 3,
			downlinkAck: false,
			downlinkOverusage: true,
		});
	});

	test('sends the device type downlinkDataString in DIRECT mode without asking a callback', async () => {
		await sim.api('PUT', `/device-types/${deviceType.id}`, {
			body: { downlinkMode: 0, downlinkDataString: 'deadbeefcafe0001' },
		});
		const answer = await frame('00AB', { data: '01', ack: true });
		expect(answer.body.downlink).toMatchObject({ infoCode: 0, downlinkData: 'deadbeefcafe0001' });
	});

	test('lets only a BIDIR URL callback be selected for downlink, one per device type', async () => {
		const second = await createCallback(
			deviceType.id,
			urlCallback({ callbackSubtype: 3, url: `${receiver.url}/second` }),
		);
		await sim.api('PUT', `/device-types/${deviceType.id}/callbacks/${second}/downlink`);
		const { body } = await sim.api('GET', `/device-types/${deviceType.id}/callbacks`);
		expect(
			body.data.filter((callback) => callback.downlinkHook).map((callback) => callback.id),
		).toEqual([second]);
		const uplinkOnly = await createCallback(
			deviceType.id,
			urlCallback({ url: `${receiver.url}/uplink` }),
		);
		expect(
			(await sim.api('PUT', `/device-types/${deviceType.id}/callbacks/${uplinkOnly}/downlink`))
				.status,
		).toBe(400);
	});
});

describe('the deliveries control route', () => {
	test('filters deliveries by device, kind and status', async () => {
		const deviceType = await seed(sim, { deviceIds: ['00AB', '00AC'] });
		await createCallback(deviceType.id, urlCallback({ url: `${receiver.url}/x` }));
		await frame('00AB', { data: '01' });
		await frame('00AC', { data: '02' });
		const { body } = await sim.control(
			'GET',
			'/deliveries?device=00ab&kind=UPLINK&status=delivered',
		);
		expect(body.data.map((delivery) => delivery.device)).toEqual(['00AB']);
	});
});
