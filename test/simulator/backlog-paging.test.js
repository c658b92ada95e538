'use strict';

const { startTestSimulator, seed } = require('../support/test-simulator');

let sim;
let deviceType;

beforeAll(async () => {
	sim = await startTestSimulator();
});

afterAll(() => sim.stop());

beforeEach(async () => {
	await sim.control('POST', '/reset');
	deviceType = await seed(sim, { deviceIds: ['00C1', '00C2'] });
});

/** Every page of `path`, following paging.next; the links handed out, and the items newest first. */
async function walk(path) {
	const items = [];
	const links = [];
	for (let next = path; next; ) {
		const { status, body } = await sim.api('GET', next);
		expect(status).toBe(200);
		items.push(...body.data);
		next = body.paging.next;
		if (next) links.push(new URL(next));
	}
	return { items, links };
}

const key = (message) => `${message.device.id}:${message.seqNumber}:${message.time}`;

describe('backlog generator', () => {
	test('writes devices and messages spread over the last hours straight into the state, fast', async () => {
		const started = Date.now();
		const { status, body } = await sim.control('POST', `/device-types/${deviceType.id}/backlog`, {
			devices: 300,
			messages: 60_000,
			hours: 2,
			undelivered: 500,
		});
		const took = Date.now() - started;

		expect(status).toBe(201);
		expect(body).toMatchObject({
			deviceTypeId: deviceType.id,
			devices: 300,
			messages: 60_000,
			undelivered: 500,
		});
		expect(body.deviceIds).toHaveLength(300);
		expect(new Set(body.deviceIds).size).toBe(300);
		expect(took).toBeLessThan(5000);
		expect(sim.state.messages).toHaveLength(60_000);
		expect(sim.state.undelivered).toHaveLength(500);
		const times = sim.state.messages.map((m) => m.time);
		expect(Math.min(...times.slice(0, 1000))).toBeGreaterThanOrEqual(started - 2 * 3600_000 - 1000);
		expect(times[times.length - 1]).toBeLessThanOrEqual(Date.now());
		expect(times.every((time) => time % 1000 === 0)).toBe(true);
		// 60,000 messages in 7,200 s: several share one second.
		expect(new Set(times).size).toBeLessThan(7300);
		const device = await sim.api('GET', `/devices/${body.deviceIds[7]}`);
		expect(device.body.deviceType.id).toBe(deviceType.id);
	});

	test('sends with the existing devices of the type when asked for no new ones', async () => {
		const { status, body } = await sim.control('POST', `/device-types/${deviceType.id}/backlog`, {
			messages: 10,
			hours: 1,
		});
		expect(status).toBe(201);
		expect(body.deviceIds.sort()).toEqual(['00C1', '00C2']);
		expect(new Set(sim.state.messages.map((m) => m.device))).toEqual(new Set(['00C1', '00C2']));
	});

	test('refuses an unknown device type, unknown fields and counts out of bounds', async () => {
		const unknown = await sim.control('POST', '/device-types/0123456789abcdef01234567/backlog', {
			messages: 1,
		});
		expect(unknown.status).toBe(404);
		for (const body of [{ messages: -1 }, { messages: 1.5 }, { hours: 73 }, { extra: 1 }]) {
			const answer = await sim.control('POST', `/device-types/${deviceType.id}/backlog`, body);
			expect(answer.status).toBe(400);
		}
	});
});

describe('message lists page by time, as Sigfox does', () => {
	test('reads a backlog far beyond offset 40,000 to its end, newest first, each message once', async () => {
		await sim.control('POST', `/device-types/${deviceType.id}/backlog`, {
			devices: 50,
			messages: 45_000,
			hours: 1,
		});

		const { items, links } = await walk(`/device-types/${deviceType.id}/messages?limit=100`);

		expect(items).toHaveLength(45_000);
		expect(new Set(items.map(key)).size).toBe(45_000);
		const times = items.map((m) => m.time);
		expect(times.every((time, i) => i === 0 || time <= times[i - 1])).toBe(true);
		// `before` moves down; an offset appears only to skip what one millisecond already gave.
		expect(links.every((link) => link.searchParams.has('before'))).toBe(true);
		expect(
			Math.max(...links.map((link) => Number(link.searchParams.get('offset') ?? 0))),
		).toBeLessThan(100);
	});

	test('splits messages of one millisecond across pages without skipping or repeating one', async () => {
		const time = Date.now() - 60_000;
		for (let n = 0; n < 7; n++)
			await sim.control('POST', '/devices/00C1/frames', { data: `0${n}`, time, seqNumber: n });
		await sim.control('POST', '/devices/00C2/frames', { data: 'ff', time: time - 1000 });

		const { items, links } = await walk(`/devices/00C1/messages?limit=3&since=${time - 5000}`);

		expect(items.map((m) => m.data)).toEqual(['06', '05', '04', '03', '02', '01', '00']);
		expect(
			links.map((link) => [link.searchParams.get('before'), link.searchParams.get('offset')]),
		).toEqual([
			[String(time + 1), '3'],
			[String(time + 1), '6'],
		]);
		const all = await walk(`/device-types/${deviceType.id}/messages?limit=7`);
		expect(all.items.map((m) => m.data)).toEqual(['06', '05', '04', '03', '02', '01', '00', 'ff']);
		expect(all.links.map((link) => link.searchParams.get('before'))).toEqual([String(time)]);
		expect(all.links[0].searchParams.get('offset')).toBeNull();
	});

	test('pages undelivered callbacks by time as well, within since and before', async () => {
		await sim.control('POST', `/device-types/${deviceType.id}/backlog`, {
			messages: 1_000,
			hours: 1,
			undelivered: 1_000,
		});
		const since = sim.state.undelivered[100].time;
		const before = sim.state.undelivered[900].time;
		const expected = sim.state.undelivered.filter((r) => r.time >= since && r.time < before);

		const { items } = await walk(
			`/device-types/${deviceType.id}/callbacks-not-delivered?limit=100&since=${since}&before=${before}`,
		);

		expect(items).toHaveLength(expected.length);
		expect(items.map((r) => r.time)).toEqual(expected.map((r) => r.time).reverse());
	});
});
