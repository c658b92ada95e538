import type { IDataObject } from 'n8n-workflow';

import { OWNER_HEADER } from '../../nodes/shared/callbacks/events';
import type { WebhookRelay } from '../support/webhook-relay';
import { startWebhookRelay } from '../support/webhook-relay';
import { waitFor } from '../support/wait';
import { TriggerInstance } from './trigger-harness';
import { useSigfoxCloud } from './trigger-support';

describe('Sigfox Trigger receiving callbacks', () => {
	const { cloud, credentials } = useSigfoxCloud(0.001);
	let relay: WebhookRelay;
	let instance: TriggerInstance | undefined;
	/** Items the trigger started executions with, in arrival order. */
	let executions: IDataObject[];
	let deviceTypeId: string;
	let deviceCount = 0;

	async function activate(
		parameters: IDataObject,
	): Promise<{ trigger: TriggerInstance; device: string }> {
		deviceTypeId = await cloud.createDeviceType({ downlinkMode: 1 });
		const device = (0x1a2b00 + ++deviceCount).toString(16).toUpperCase();
		await cloud.createDevice(device, deviceTypeId);
		instance = triggerOn(parameters);
		await instance.activate();
		return { trigger: instance, device };
	}

	/** A trigger on the device type, through the relay; given static data, on that registration. */
	const triggerOn = (parameters: IDataObject, staticData?: IDataObject) =>
		new TriggerInstance({
			credentials: credentials(),
			webhookBase: relay.origin,
			parameters: { deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId }, ...parameters },
			staticData,
		});

	/** Activates a trigger that takes over the downlink, answering as `answer` says; sends it a frame that asks for one. */
	async function bidirectionalUplink(answer: IDataObject, events = ['bidir']) {
		const { device } = await activate({ events, ...answer, options: { takeOverDownlink: true } });
		return { device, sent: await cloud.sendFrame(device, { data: '01', ack: true }) };
	}

	const secret = () => String(instance!.staticData.secret);
	const uplinkBody = (overrides: IDataObject = {}) => ({
		event: 'uplink',
		device: '1a2b03',
		time: 1764115200,
		deviceTypeId: '5f0c8e1a2b3c4d5e6f708192',
		data: '0102',
		seqNumber: '7',
		...overrides,
	});

	beforeAll(async () => {
		relay = await startWebhookRelay(async (request) => {
			if (!instance) return { status: 404 };
			return instance.relay(
				request,
				(items) => executions.push(...items),
				// "From the workflow": stands in for a last node built with Downlink → Build Answer.
				(items) => ({
					status: 200,
					body: { [String(items[0].deviceId)]: { downlinkData: 'cafe0000cafe0000' } },
				}),
			);
		});
	});
	afterAll(async () => relay.close());
	beforeEach(() => {
		executions = [];
		instance = undefined;
	});

	describe('through the simulator, which renders the registered templates', () => {
		it('turns an uplink into one normalised item with the decoded payload, answering 204', async () => {
			const { device } = await activate({
				events: ['uplink'],
				payloadConfig: 'temp::int:16:little-endian hum::uint:8',
			});

			const sent = await cloud.sendFrame(device, {
				data: '38ff2a',
				seqNumber: 12,
				time: 1764115200123,
			});

			const delivery = (sent.deliveries as IDataObject[])[0];
			expect((delivery.attempts as IDataObject[])[0]).toMatchObject({ status: 204 });
			expect(executions).toEqual([
				{
					event: 'uplink',
					deviceId: device,
					deviceTypeId,
					time: '2025-11-26T00:00:00.000Z',
					timestamp: 1764115200000,
					messageId: `${device}:12:1764115200`,
					data: '38ff2a',
					seqNumber: 12,
					decoded: { temp: -200, hum: 42 },
				},
			]);
		});

		it('answers a bidirectional uplink with the fixed downlink, then receives its acknowledgement', async () => {
			const { sent } = await bidirectionalUplink(
				{ downlinkAnswer: 'fixed', downlinkData: '0102030405060708' },
				['bidir', 'acknowledge'],
			);

			expect(sent.downlink).toMatchObject({ infoCode: 0, downlinkData: '0102030405060708' });
			expect(executions).toEqual([
				expect.objectContaining({
					event: 'bidir',
					ack: true,
					downlink: { mode: 'fixed', data: '0102030405060708' },
				}),
				expect.objectContaining({ event: 'acknowledge', infoCode: 0, infoCodeName: 'ACKED' }),
			]);
			const bidirDelivery = (sent.deliveries as IDataObject[]).find((d) => d.kind === 'BIDIR')!;
			expect((bidirDelivery.attempts as IDataObject[])[0]).toMatchObject({ status: 200 });
			const ack = (sent.deliveries as IDataObject[]).find((d) => d.kind === 'ACKNOWLEDGE')!;
			expect((ack.attempts as IDataObject[])[0]).toMatchObject({ status: 204 });
		});

		it('answers with the downlink an expression computes from the request', async () => {
			const { device, sent } = await bidirectionalUplink({
				downlinkAnswer: 'fixed',
				downlinkData: '={{ ("00000000" + $json.body.device).slice(-8) + "00000001" }}',
			});

			expect(sent.downlink).toMatchObject({
				infoCode: 0,
				downlinkData: `${device.padStart(8, '0')}00000001`.toLowerCase(),
			});
		});

		it('answers with the workflow\'s downlink in "from the workflow" mode', async () => {
			const { device, sent } = await bidirectionalUplink({ downlinkAnswer: 'workflow' });

			expect(sent.downlink).toMatchObject({ infoCode: 0, downlinkData: 'cafe0000cafe0000' });
			expect(executions).toEqual([
				expect.objectContaining({
					event: 'bidir',
					deviceId: device,
					ack: true,
					downlink: { mode: 'workflow' },
				}),
			]);
		});

		it('receives the Device Error and Data Advanced callbacks the simulator sends', async () => {
			const { device } = await activate({ events: ['uplink', 'dataAdvanced', 'error'] });

			await cloud.sendFrame(device, { data: '0a', seqNumber: 5 });
			const sent = await cloud.sendError(device, {
				severity: 'ERROR',
				info: 'No message received since 2026-11-25',
			});
			await waitFor(() => executions.some((item) => item.event === 'dataAdvanced'), {
				what: 'the time-scaled DATA_ADVANCED callback',
			});

			expect(((sent.deliveries as IDataObject[])[0].attempts as IDataObject[])[0]).toMatchObject({
				status: 204,
			});
			expect(executions.map((item) => item.event).sort()).toEqual([
				'dataAdvanced',
				'error',
				'uplink',
			]);
			expect(executions.find((item) => item.event === 'error')).toMatchObject({
				deviceId: device,
				severity: 'ERROR',
				info: 'No message received since 2026-11-25',
			});
			expect(executions.find((item) => item.event === 'dataAdvanced')).toMatchObject({
				deviceId: device,
				seqNumber: 5,
				messageId: executions.find((item) => item.event === 'uplink')!.messageId,
				lqi: expect.stringMatching(/^(Limit|Average|Good|Excellent)$/),
				linkQuality: expect.any(Number),
			});
		});
	});

	describe('authentication', () => {
		beforeEach(async () => {
			await activate({ events: ['uplink'] });
		});

		it.each([
			['missing', undefined],
			['wrong', 'f'.repeat(48)],
			['truncated', 'abc'],
			['over-long', 'f'.repeat(4096)],
		])('refuses a %s secret with 401 and starts nothing', async (_name, given) => {
			const headers = given === undefined ? {} : { [OWNER_HEADER]: given };

			const reception = await instance!.receive('default', { body: uplinkBody(), headers });

			expect(reception.status).toBe(401);
			expect(reception.items).toBeUndefined();
			expect(JSON.stringify(reception.body)).not.toContain(secret());
		});

		it('accepts the right secret from inside the allowed ranges, and refuses it from outside with 403', async () => {
			const restricted = triggerOn(
				{ events: ['uplink'], options: { allowedSourceRanges: '185.110.96.0/22' } },
				instance!.staticData,
			);
			const headers = { [OWNER_HEADER]: secret() };

			const inside = await restricted.receive('default', {
				body: uplinkBody(),
				headers,
				ip: '::ffff:185.110.99.254',
			});
			const outside = await restricted.receive('default', {
				body: uplinkBody(),
				headers,
				ip: '203.0.113.9',
			});

			expect(inside.status).toBe(204);
			expect(inside.items).toHaveLength(1);
			expect(outside.status).toBe(403);
			expect(outside.items).toBeUndefined();
		});
	});

	describe('bodies', () => {
		beforeEach(async () => {
			await activate({ events: ['uplink', 'bidir', 'dataAdvanced', 'acknowledge', 'error'] });
		});

		const receive = (webhook: 'default' | 'bidir', body: unknown) =>
			instance!.receive(webhook, { body, headers: { [OWNER_HEADER]: secret() } });

		it('leaves the answer to a valid callback to n8n: 204 once the execution is stored and queued', async () => {
			const reception = await receive('default', uplinkBody());

			expect(reception).toMatchObject({ status: 204, answeredByNode: false });
			expect(reception.items).toHaveLength(1);
		});

		it.each([
			['not an object', 'device=1A2B03', /must be a JSON object/],
			['an array', [uplinkBody()], /must be a JSON object/],
			['without an event', { device: '1A2B03', time: 1 }, /"event"/],
			['with an unknown event', uplinkBody({ event: 'status' }), /"event"/],
			[
				'with non-hex data',
				uplinkBody({ data: 'zz' }),
				/"data" must be 0 to 12 bytes of hexadecimal/,
			],
			['with odd-length data', uplinkBody({ data: '012' }), /"data" must be 0 to 12 bytes/],
			[
				'with 13 bytes of data',
				uplinkBody({ data: '00'.repeat(13) }),
				/"data" must be 0 to 12 bytes/,
			],
			[
				'with a device that is not a Sigfox ID',
				uplinkBody({ device: 'not-a-device' }),
				/"device" must be a Sigfox device ID/,
			],
			['with a time that is not a number', uplinkBody({ time: 'yesterday' }), /"time"/],
			['with a seqNumber of the wrong type', uplinkBody({ seqNumber: { n: 1 } }), /"seqNumber"/],
			[
				'of a bidirectional uplink on the uplink webhook',
				uplinkBody({ event: 'bidir', ack: true }),
				/receives uplink, dataAdvanced, acknowledge, error callbacks, not bidir/,
			],
			[
				'with a field its template never renders',
				uplinkBody({ padding: 'a'.repeat(1000) }),
				/has fields the callback registered by n8n never sends: "padding"/,
			],
			[
				'with a __proto__ key',
				JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(uplinkBody()).slice(1)}`),
				/never sends: "__proto__"/,
			],
			[
				'with a computed location nested deeper than Sigfox renders',
				{
					event: 'dataAdvanced',
					device: '1A2B03',
					time: 1764115200,
					data: '01',
					computedLocation: JSON.parse(`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`),
				},
				/"computedLocation(\.a)+" is nested deeper than 8 levels/,
			],
			[
				'with a __proto__ key inside the computed location',
				JSON.parse(
					'{"event":"dataAdvanced","device":"1A2B03","time":1764115200,"data":"01","computedLocation":{"__proto__":{"polluted":true}}}',
				),
				/"computedLocation" has a key no Sigfox object has: "__proto__"/,
			],
		])('refuses a body %s with 400 naming the problem', async (_name, body, message) => {
			const reception = await receive('default', body);

			expect(reception.status).toBe(400);
			expect((reception.body as IDataObject).message).toMatch(message);
			expect(reception.items).toBeUndefined();
		});

		it('keeps a body whose structure is right but one value unreadable, answering 204 with warnings', async () => {
			const reception = await receive('default', {
				event: 'dataAdvanced',
				device: '1A2B03',
				time: 1764115200,
				data: '01',
				seqNumber: '12',
				lqi: 'Superb',
				linkQuality: '',
				computedLocation: { lat: { deeper: { still: 1 } }, lng: '1.44' },
			});

			expect(reception.status).toBe(204);
			expect(reception.items).toHaveLength(1);
			expect(reception.items![0]).toMatchObject({
				event: 'dataAdvanced',
				messageId: '1A2B03:12:1764115200',
				lqi: 'Superb',
				computedLocation: { lat: { deeper: { still: 1 } }, lng: 1.44 },
				warnings: [
					'lqi "Superb" is none of Limit, Average, Good, Excellent, NA; kept as received',
					'computedLocation.lat {"deeper":{"still":1}} is not a number; kept as received',
				],
			});
			expect(reception.items![0]).not.toHaveProperty('linkQuality');
		});

		it('refuses a body that is not JSON with 415, whatever its fields', async () => {
			const reception = await instance!.receive('default', {
				body: uplinkBody(),
				headers: {
					[OWNER_HEADER]: secret(),
					'content-type': 'application/x-www-form-urlencoded',
				},
			});

			expect(reception.status).toBe(415);
			expect((reception.body as IDataObject).message).toMatch(/must be application\/json/);
			expect(reception.items).toBeUndefined();
		});

		it('accepts any JSON media type, with parameters', async () => {
			const reception = await instance!.receive('default', {
				body: uplinkBody(),
				headers: { [OWNER_HEADER]: secret(), 'content-type': 'application/json; charset=UTF-8' },
			});

			expect(reception.status).toBe(204);
			expect(reception.items).toHaveLength(1);
		});

		it('coerces what Sigfox rendered as text', async () => {
			const reception = await receive('bidir', {
				event: 'bidir',
				device: '1a2b03',
				time: '1764115200',
				data: '',
				seqNumber: '',
				ack: 'false',
				longPolling: 'true',
				rssi: '-121.50',
				snr: 'null',
				station: '1F2A',
			});

			expect(reception.status).toBe(204);
			expect(reception.items).toEqual([
				{
					event: 'bidir',
					deviceId: '1A2B03',
					time: '2025-11-26T00:00:00.000Z',
					timestamp: 1764115200000,
					messageId: '1A2B03::1764115200',
					data: '',
					ack: false,
					longPolling: true,
					rssi: -121.5,
					station: '1F2A',
				},
			]);
		});

		it('normalises Data Advanced, Downlink Acknowledge and Device Error callbacks', async () => {
			const advanced = await receive('default', {
				event: 'dataAdvanced',
				device: '1A2B03',
				time: 1764115200,
				data: '0102',
				seqNumber: '9',
				lqi: 'Good',
				linkQuality: '2',
				operatorName: 'SIGFOX_France',
				countryCode: '250',
				fixedLat: '',
				fixedLng: '',
				duplicates: [{ bsId: '1F2A', nbRep: 3, rssi: '-110.00', snr: '12.5' }],
				computedLocation: { lat: 43.6, lng: 1.44, radius: 1200, source: 2 },
			});
			const acknowledge = await receive('default', {
				event: 'acknowledge',
				device: '1A2B03',
				time: 1764115205,
				infoCode: '3',
				infoMessage: 'Overrun error',
				downlinkAck: false,
				downlinkOverusage: true,
			});
			const error = await receive('default', {
				event: 'error',
				device: '1A2B03',
				time: 1764115300,
				info: 'No message received since 2025-11-25',
				severity: 'ERROR',
			});

			expect(advanced.items![0]).toMatchObject({
				event: 'dataAdvanced',
				seqNumber: 9,
				lqi: 'Good',
				linkQuality: 2,
				countryCode: 250,
				duplicates: [{ bsId: '1F2A', nbRep: 3, rssi: -110, snr: 12.5 }],
				computedLocation: { lat: 43.6, lng: 1.44, radius: 1200, source: 2 },
				messageId: '1A2B03:9:1764115200',
			});
			expect(advanced.items![0]).not.toHaveProperty('fixedLat');
			expect(acknowledge.items![0]).toMatchObject({
				event: 'acknowledge',
				infoCode: 3,
				infoCodeName: 'OVERRUN_ERROR',
				infoMessage: 'Overrun error',
				downlinkAck: false,
				downlinkOverusage: true,
			});
			expect(error.items![0]).toEqual({
				event: 'error',
				deviceId: '1A2B03',
				time: '2025-11-26T00:01:40.000Z',
				timestamp: 1764115300000,
				messageId: '1A2B03::1764115300',
				severity: 'ERROR',
				info: 'No message received since 2025-11-25',
			});
		});

		it('answers 204 and records why when the fixed downlink is not 8 bytes of hex', async () => {
			const fixed = triggerOn(
				{ events: ['bidir'], downlinkAnswer: 'fixed', downlinkData: '0102' },
				instance!.staticData,
			);

			const reception = await fixed.receive('bidir', {
				body: {
					event: 'bidir',
					device: '1A2B03',
					time: 1764115200,
					data: '',
					seqNumber: 1,
					ack: true,
				},
				headers: { [OWNER_HEADER]: secret() },
			});

			expect(reception.status).toBe(204);
			expect(reception.items![0].downlink).toEqual({
				mode: 'fixed',
				error: 'No downlink sent: "0102" is not 8 bytes of hexadecimal (16 characters 0-9, a-f)',
			});
		});

		it('keeps a message whose data is too short for the payload config, saying why', async () => {
			const decoding = triggerOn(
				{ events: ['uplink'], payloadConfig: 'a::uint:8 b::uint:32' },
				instance!.staticData,
			);

			const reception = await decoding.receive('default', {
				body: uplinkBody(),
				headers: { [OWNER_HEADER]: secret() },
			});

			expect(reception.status).toBe(204);
			expect(reception.items![0]).not.toHaveProperty('decoded');
			expect(reception.items![0].decodeError).toMatch(/field "b"/);
		});
	});
});
