'use strict';

const { startTestSimulator, seed } = require('../support/test-simulator');

/**
 * Stops the clock until the test ends: the simulator runs in this process and its rate limiter reads
 * Date.now, so `advance(ms)` lets a window pass, to the millisecond, without the test waiting for it.
 */
function stopClock() {
	let now = Date.now();
	jest.spyOn(Date, 'now').mockImplementation(() => now);
	return {
		advance(ms) {
			now += ms;
		},
	};
}

afterEach(() => jest.restoreAllMocks());

describe('documented rate limits', () => {
	let sim;

	beforeAll(async () => {
		sim = await startTestSimulator({ rateLimits: 'documented' });
		await seed(sim, { deviceIds: ['00D1', '00D2', '00D3'] });
	});

	afterAll(() => sim.stop());

	test('answers the 51st device list of 10 seconds with 429, Sigfox text and Retry-After', async () => {
		const statuses = [];
		for (let request = 0; request < 50; request++)
			statuses.push((await sim.api('GET', '/devices/')).status);
		expect(statuses.every((status) => status === 200)).toBe(true);
		const limited = await sim.api('GET', '/devices/');
		expect(limited.status).toBe(429);
		expect(limited.text).toBe('HTTP 429: too many requests');
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(10);
	});

	test('limits messages to one request per second per device, each device apart', async () => {
		const clock = stopClock();
		expect((await sim.api('GET', '/devices/00D1/messages')).status).toBe(200);
		expect((await sim.api('GET', '/devices/00D1/messages')).status).toBe(429);
		expect((await sim.api('GET', '/devices/00D2/messages')).status).toBe(200);
		clock.advance(999);
		expect((await sim.api('GET', '/devices/00D1/messages')).status).toBe(429);
		clock.advance(1);
		expect((await sim.api('GET', '/devices/00D1/messages')).status).toBe(200);
	});

	test('allows one update or delete of a device per hour', async () => {
		expect((await sim.api('PUT', '/devices/00D1', { body: { name: 'First' } })).status).toBe(204);
		const second = await sim.api('PUT', '/devices/00D1', { body: { name: 'Second' } });
		expect(second.status).toBe(429);
		expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(3500);
		expect((await sim.api('DELETE', '/devices/00D1')).status).toBe(429);
		expect((await sim.api('PUT', '/devices/00D2', { body: { name: 'Other' } })).status).toBe(204);
	});

	test('does not count requests that follow paging.next', async () => {
		// A device no other test has read: its one request a second is still free.
		for (let frame = 0; frame < 4; frame++)
			await sim.control('POST', '/devices/00D3/frames', { data: '00' });
		let answer = await sim.api('GET', '/devices/00D3/messages?limit=1');
		expect(answer.status).toBe(200);
		let pages = 1;
		while (answer.body.paging.next) {
			answer = await sim.api('GET', answer.body.paging.next);
			expect(answer.status).toBe(200);
			pages += 1;
		}
		expect(pages).toBe(4);
	});

	test('allows five bulk starts per ten minutes', async () => {
		const { body: deviceTypes } = await sim.api('GET', '/device-types/');
		const body = { deviceTypeId: deviceTypes.data[0].id, data: [] };
		const statuses = [];
		for (let request = 0; request < 6; request++)
			statuses.push((await sim.api('POST', '/devices/bulk', { body })).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
	});
});

describe('without rate limits', () => {
	test("answers every request when started with rateLimits 'off'", async () => {
		const sim = await startTestSimulator({ rateLimits: 'off' });
		try {
			await seed(sim, { deviceIds: ['00E1'] });
			for (let request = 0; request < 3; request++) {
				expect((await sim.api('GET', '/devices/00E1/messages')).status).toBe(200);
			}
		} finally {
			await sim.stop();
		}
	});
});

describe('fault injection', () => {
	let sim;

	beforeAll(async () => {
		sim = await startTestSimulator();
	});

	afterAll(() => sim.stop());

	async function outcomes(count) {
		const seen = { 200: 0, 429: 0, 500: 0, dropped: 0 };
		for (let request = 0; request < count; request++) {
			try {
				const answer = await sim.api('GET', '/device-types/');
				seen[answer.status] += 1;
			} catch {
				seen.dropped += 1;
			}
		}
		return seen;
	}

	test('injects 429s, 500s and dropped connections in about the given shares', async () => {
		await sim.control('PUT', '/faults', { rate429: 0.2, rate500: 0.2, rateDrop: 0.1, seed: 7 });
		const seen = await outcomes(400);
		expect(seen[429] / 400).toBeCloseTo(0.2, 1);
		expect(seen[500] / 400).toBeCloseTo(0.2, 1);
		expect(seen.dropped / 400).toBeCloseTo(0.1, 1);
		expect(seen[200] / 400).toBeCloseTo(0.5, 1);
	});

	test('repeats the same faults for the same seed', async () => {
		await sim.control('PUT', '/faults', { rate500: 0.5, seed: 42 });
		const first = await outcomes(40);
		await sim.control('PUT', '/faults', { rate500: 0.5, seed: 42 });
		expect(await outcomes(40)).toEqual(first);
	});

	test('answers a share of requests slowly', async () => {
		await sim.control('PUT', '/faults', { rateSlow: 1, slowMs: 300 });
		const started = Date.now();
		expect((await sim.api('GET', '/device-types/')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	test('injected 429s carry Sigfox text and Retry-After; 500s have no body', async () => {
		await sim.control('PUT', '/faults', { rate429: 1 });
		const limited = await sim.api('GET', '/device-types/');
		expect([limited.status, limited.text, limited.headers.get('retry-after')]).toEqual([
			429,
			'HTTP 429: too many requests',
			'1',
		]);
		await sim.control('PUT', '/faults', { rate500: 1 });
		const failed = await sim.api('GET', '/device-types/');
		expect([failed.status, failed.text]).toEqual([500, '']);
	});

	test('refuses shares outside 0..1 and unknown settings', async () => {
		expect((await sim.control('PUT', '/faults', { rate500: 1.5 })).status).toBe(400);
		expect((await sim.control('PUT', '/faults', { rate503: 0.1 })).status).toBe(400);
		expect((await sim.control('PUT', '/faults', { rate429: 0.6, rate500: 0.6 })).status).toBe(400);
	});

	test('leaves the control API alone and stops after a reset', async () => {
		await sim.control('PUT', '/faults', { rateDrop: 1 });
		expect((await sim.control('GET', '')).status).toBe(200);
		await sim.control('POST', '/reset');
		expect((await sim.api('GET', '/device-types/')).status).toBe(200);
	});
});
