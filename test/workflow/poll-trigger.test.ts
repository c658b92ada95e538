import type { IDataObject } from 'n8n-workflow';

import { OVERLAP_MS } from '../../nodes/SigfoxPollTrigger/poll';
import { normaliseCallback, parseCallbackBody } from '../../nodes/shared/callbacks/normalise';
import { startScriptedServer } from '../support/scripted-server';
import { recordUnhandledRejections } from '../support/unhandled';
import { waitFor } from '../support/wait';
import { PollInstance } from './poll-harness';
import { API_USER, useSigfoxCloud } from './trigger-support';

describe('Sigfox Poll Trigger', () => {
	const { sim, cloud, credentials } = useSigfoxCloud(0.001);
	let deviceTypeId: string;
	let devices: string[];
	let seq = 0;

	const deviceTypePoll = (parameters: IDataObject = {}, saved?: IDataObject) =>
		new PollInstance(
			credentials(),
			{
				source: 'deviceTypeMessages',
				deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
				...parameters,
			},
			saved,
		);
	const send = (device: string, time: number, data = '0102') =>
		cloud.sendFrame(device, { data, time, seqNumber: ++seq % 4096 });

	beforeEach(async () => {
		deviceTypeId = await cloud.createDeviceType();
		devices = [];
		for (let i = 0; i < 2; i++) {
			const id = (0x2b0000 + Math.floor(Math.random() * 0xffff)).toString(16).toUpperCase();
			await cloud.createDevice(id, deviceTypeId);
			devices.push(id);
		}
	});

	it('starts at activation time, then emits each new message once, oldest first', async () => {
		const poll = deviceTypePoll();
		const before = Date.now() - 60_000;
		await send(devices[0], before);

		expect(await poll.poll()).toEqual([]);
		const start = Number(poll.saved.watermark);
		await send(devices[0], start + 1000, 'aa');
		await send(devices[1], start + 2000, 'bb');

		const first = await poll.poll();
		const second = await poll.poll();

		expect(first.map((m) => m.data)).toEqual(['aa', 'bb']);
		expect(second).toEqual([]);
	});

	it('emits a message that reaches the API late, inside the overlap window, exactly once', async () => {
		const poll = deviceTypePoll();
		await poll.poll();
		const start = Number(poll.saved.watermark);
		await send(devices[0], start + OVERLAP_MS, 'aa');
		expect((await poll.poll()).map((m) => m.data)).toEqual(['aa']);

		// Stamped before the watermark, listed only now.
		await send(devices[1], start + OVERLAP_MS / 2, 'ee');

		expect((await poll.poll()).map((m) => m.data)).toEqual(['ee']);
		expect(await poll.poll()).toEqual([]);
	});

	it('continues after a restart from what n8n saved, without repeating or missing a message', async () => {
		const poll = deviceTypePoll();
		await poll.poll();
		const start = Number(poll.saved.watermark);
		await send(devices[0], start + 1000, 'aa');
		await poll.poll();

		await send(devices[0], start + 2000, 'bb');
		const restarted = deviceTypePoll({}, JSON.parse(JSON.stringify(poll.saved)) as IDataObject);

		expect((await restarted.poll()).map((m) => m.data)).toEqual(['bb']);
	});

	it('reads every page of a backlog, looking back hours on its first poll', async () => {
		const now = Date.now();
		for (let i = 0; i < 250; i++)
			await send(
				devices[i % 2],
				now - 3_600_000 + i * 1000,
				(i % 256).toString(16).padStart(2, '0'),
			);
		await send(devices[0], now - 5 * 3_600_000, 'ff');

		const items = await deviceTypePoll({ startFrom: 'lookBack', lookBackHours: 2 }).poll();

		expect(items).toHaveLength(250);
		expect(new Set(items.map((m) => m.messageId)).size).toBe(250);
		expect(items.map((m) => m.timestamp)).toEqual(
			[...items.map((m) => m.timestamp)].sort((a, b) => Number(a) - Number(b)),
		);
	});

	it('gives items the fields and values the callback trigger gives the same message', async () => {
		const poll = deviceTypePoll({ payloadConfig: 'v::uint:16' });
		await poll.poll();
		const time = Number(poll.saved.watermark) + 1000;
		const sent = await cloud.sendFrame(devices[0], { data: '0102', time, seqNumber: 77 });

		const [item] = await poll.poll();

		const fromCallback = normaliseCallback(
			parseCallbackBody(
				{
					event: 'uplink',
					device: devices[0],
					time: Math.floor(time / 1000),
					data: '0102',
					seqNumber: '77',
				},
				['uplink'],
			),
		);
		expect(item).toMatchObject({ ...fromCallback, decoded: { v: 258 } });
		expect(item.linkQuality).toBe((sent.message as IDataObject).lqi);
		expect(item.lqi).toMatch(/^(Limit|Average|Good|Excellent|NA)$/);
	});

	it('watches chosen devices, one device after the other', async () => {
		const poll = new PollInstance(credentials(), {
			source: 'deviceMessages',
			deviceIds: devices.join(', '),
		});
		await poll.poll();
		const start = Number(poll.saved.watermark);
		await send(devices[1], start + 1000, 'bb');
		await send(devices[0], start + 2000, 'aa');

		expect((await poll.poll()).map((m) => [m.deviceId, m.data])).toEqual([
			[devices[1], 'bb'],
			[devices[0], 'aa'],
		]);
	});

	it("recovers messages whose callbacks Sigfox gave up on, with the callback trigger's messageId", async () => {
		await cloud.api('POST', `/device-types/${deviceTypeId}/callbacks`, {
			channel: 'URL',
			callbackType: 0,
			callbackSubtype: 2,
			url: 'http://127.0.0.1:9/webhook/down',
			httpMethod: 'POST',
			headers: { 'x-n8n-sigfox-secret': 'not-to-be-shown' },
			sendSni: false,
			bodyTemplate: '{"device":"{device}","seqNumber":"{seqNumber}"}',
			contentType: 'application/json',
		});
		const poll = new PollInstance(credentials(), {
			source: 'deviceTypeUndelivered',
			deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
			startFrom: 'lookBack',
			lookBackHours: 1,
			options: { callbackUrlContains: '/webhook/' },
		});
		const time = Date.now() - 1000;
		await cloud.sendFrame(devices[0], { data: 'cafe', time, seqNumber: 300 });
		// Retries after 1, 2 and 4 minutes, time-scaled.
		await waitFor(() => sim().state.deliveries.some((d) => d.status === 'undelivered'), {
			what: 'Sigfox to give up on the callback',
		});

		const items = await poll.poll();

		expect(items).toEqual([
			expect.objectContaining({
				event: 'uplink',
				deviceId: devices[0],
				data: 'cafe',
				seqNumber: 300,
				messageId: `${devices[0]}:300:${Math.floor(time / 1000)}`,
				undelivered: expect.objectContaining({ url: 'http://127.0.0.1:9/webhook/down' }),
			}),
		]);
		expect(JSON.stringify(items)).not.toContain('not-to-be-shown');
	});

	it('returns the newest real message for "Fetch Test Event", leaving the watermark alone', async () => {
		const poll = deviceTypePoll();
		await poll.poll();
		const saved = JSON.stringify(poll.saved);
		await send(devices[0], Date.now() - 10_000, 'aa');
		await send(devices[1], Date.now() - 5_000, 'bb');

		expect((await poll.poll('manual')).map((m) => m.data)).toEqual(['bb']);
		expect(JSON.stringify(poll.saved)).toBe(saved);
	});

	it('is not failed by a page asked for ahead that it no longer needs, even when that page fails', async () => {
		// The next page is asked for while a page is worked on; a window abandoned after its first page leaves
		// that request unread. Here it fails (403): the poll must still emit, and Node must see no unhandled failure.
		const server = await startScriptedServer();
		const unhandled = recordUnhandledRejections();
		try {
			const id = '5f0c8e1a2b3c4d5e6f708193';
			const first = 1764115200000;
			const messages = [0, 1, 2].map((n) => ({
				device: { id: '1A2B03' },
				time: first + n * 60_000,
				data: '01',
				seqNumber: n,
				lqi: 2,
			}));
			server.script(`GET /device-types/${id}/messages`, [
				({ query }) => {
					if (query.get('offset'))
						return {
							status: 403,
							json: { message: 'You are not allowed to access the resource.' },
						};
					const since = Number(query.get('since'));
					const before = query.get('before') ? Number(query.get('before')) : Infinity;
					const data = messages
						.filter((m) => m.time >= since && m.time < before)
						.sort((a, b) => b.time - a.time);
					// Every window of more than one message says there is more, as a long list would.
					const next = `${server.baseUrl}/device-types/${id}/messages?offset=${data.length}`;
					return { json: { data, paging: data.length > 1 ? { next } : {} } };
				},
			]);
			const poll = new PollInstance(
				{ ...API_USER, baseUrl: server.baseUrl, rateLimiting: 'serverSignals' },
				{
					source: 'deviceTypeMessages',
					deviceTypeId: { __rl: true, mode: 'id', value: id },
					maxItemsPerPoll: 1,
				},
				{ watermark: first - 1000, start: first - 1000, recent: {} },
			);

			const emitted = await poll.poll();
			await unhandled.settled();

			expect(emitted.map((m) => m.seqNumber)).toEqual([0]);
			const ahead = server.requests.filter((r) => r.query.offset !== undefined);
			expect(ahead.length).toBeGreaterThan(0);
			expect(unhandled.reasons).toEqual([]);
		} finally {
			unhandled.stop();
			await server.close();
		}
	});

	it('leaves the watermark where it was when a poll fails, and catches up on the next one', async () => {
		const server = await startScriptedServer();
		try {
			const id = '5f0c8e1a2b3c4d5e6f708192';
			const message = (n: number) => ({
				device: { id: '1A2B03' },
				time: 1764115200000 + n * 1000,
				data: '01',
				seqNumber: n,
				lqi: 2,
			});
			const poll = new PollInstance(
				{ ...API_USER, baseUrl: server.baseUrl, rateLimiting: 'serverSignals' },
				{ source: 'deviceTypeMessages', deviceTypeId: { __rl: true, mode: 'id', value: id } },
				{ watermark: 1764115100000, recent: {} },
			);
			const pages =
				(failing: boolean) =>
				({ query }: { query: URLSearchParams }) =>
					query.get('offset')
						? failing
							? { status: 403, json: { message: 'You are not allowed to access the resource.' } }
							: { json: { data: [message(1)], paging: {} } }
						: {
								json: {
									data: [message(2)],
									paging: { next: `${server.baseUrl}/device-types/${id}/messages?offset=1` },
								},
							};
			server.script(`GET /device-types/${id}/messages`, [pages(true)]);

			await expect(poll.poll()).rejects.toThrow('not allowed');
			expect(poll.saved).toEqual({ watermark: 1764115100000, recent: {} });

			server.script(`GET /device-types/${id}/messages`, [pages(false)]);
			expect((await poll.poll()).map((m) => m.seqNumber)).toEqual([1, 2]);
			// Everything up to the poll's time was read: the watermark is there, past the newest message.
			expect(poll.saved.watermark).toBeGreaterThanOrEqual(1764115202000);
		} finally {
			await server.close();
		}
	});
});
