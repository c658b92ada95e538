import type { IDataObject } from 'n8n-workflow';

import { PollInstance } from './poll-harness';
import { useSigfoxCloud } from './trigger-support';

interface Backlog {
	deviceTypeId: string;
	deviceIds: string[];
	messages: number;
}

/**
 * Fleet-scale backlogs (issue 19): a poll emits at most Max Items per Poll items, oldest first, and
 * the next poll continues where it stopped, until caught up; every message exactly once.
 */
describe('Sigfox Poll Trigger over a large backlog', () => {
	const { sim, cloud, credentials } = useSigfoxCloud(0.001);

	async function backlog(deviceTypeId: string, body: IDataObject): Promise<Backlog> {
		const response = await fetch(`${sim().controlUrl}/device-types/${deviceTypeId}/backlog`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(201);
		return (await response.json()) as Backlog;
	}

	/** Polls until a poll emits nothing; what each poll emitted, reduced to ids and times. */
	async function catchUp(poll: PollInstance, maxPolls: number) {
		const polls: { ids: string[]; times: number[]; recent: number }[] = [];
		for (let n = 0; n < maxPolls; n++) {
			const items = await poll.poll();
			if (items.length === 0) return polls;
			polls.push({
				ids: items.map((item) => String(item.messageId)),
				times: items.map((item) => Number(item.timestamp)),
				recent: Object.keys((poll.saved.recent as IDataObject | undefined) ?? {}).length,
			});
		}
		throw new Error(`not caught up after ${maxPolls} polls`);
	}

	const expectExactlyOnceOldestFirst = (
		polls: { ids: string[]; times: number[] }[],
		expected: Set<string>,
	) => {
		const ids = polls.flatMap((p) => p.ids);
		const times = polls.flatMap((p) => p.times);
		expect(ids.length).toBe(expected.size);
		expect(new Set(ids).size).toBe(expected.size);
		expect(ids.filter((id) => !expected.has(id))).toEqual([]);
		expect(times.every((time, i) => i === 0 || time >= times[i - 1])).toBe(true);
	};

	it('polls a backlog of 160,000 messages without throwing, at most the cap per poll, each message exactly once', async () => {
		const deviceTypeId = await cloud.createDeviceType();
		const made = await backlog(deviceTypeId, { devices: 1000, messages: 160_000, hours: 23 });
		const expected = new Set<string>(
			sim().state.messages.map(
				(m: Record<string, unknown>) =>
					`${String(m.device)}:${String(m.seqNumber)}:${Math.floor(Number(m.time) / 1000)}`,
			),
		);
		expect(expected.size).toBe(made.messages);
		const poll = new PollInstance(credentials(), {
			source: 'deviceTypeMessages',
			deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
			startFrom: 'lookBack',
			lookBackHours: 24,
			maxItemsPerPoll: 5000,
		});

		const polls = await catchUp(poll, 100);

		expect(polls.every((p) => p.ids.length <= 5000)).toBe(true);
		expect(polls.length).toBeGreaterThanOrEqual(32);
		expect(polls.length).toBeLessThanOrEqual(40);
		expectExactlyOnceOldestFirst(polls, expected);
		// While catching up, the remembered ids stay few: everything before the watermark is done.
		expect(Math.max(...polls.map((p) => p.recent))).toBeLessThanOrEqual(5000);
	}, 120_000);

	it('splits messages of one second across polls and pages, and picks up a message that arrives while catching up', async () => {
		const deviceTypeId = await cloud.createDeviceType();
		const devices = ['0A0001', '0A0002', '0A0003'];
		for (const id of devices) await cloud.createDevice(id, deviceTypeId);
		const second = Math.floor(Date.now() / 1000) * 1000 - 600_000;
		let seq = 0;
		// 40 messages in 4 seconds, 10 per second across the devices.
		for (let n = 0; n < 40; n++)
			await cloud.sendFrame(devices[n % 3], {
				data: '01',
				time: second + Math.floor(n / 10) * 1000,
				seqNumber: ++seq,
			});
		const parameters = {
			startFrom: 'lookBack',
			lookBackHours: 1,
			maxItemsPerPoll: 7,
		};
		const typePoll = new PollInstance(credentials(), {
			source: 'deviceTypeMessages',
			deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
			...parameters,
		});
		const devicePoll = new PollInstance(credentials(), {
			source: 'deviceMessages',
			deviceIds: devices.join(','),
			...parameters,
		});

		const first = await typePoll.poll();
		const firstOfDevices = await devicePoll.poll();
		await cloud.sendFrame(devices[1], { data: '02', time: second + 1500, seqNumber: ++seq });
		const rest = await catchUp(typePoll, 20);
		const restOfDevices = await catchUp(devicePoll, 20);

		const expected = new Set<string>(
			sim()
				.state.messages.filter((m: Record<string, unknown>) => m.deviceTypeId === deviceTypeId)
				.map(
					(m: Record<string, unknown>) =>
						`${String(m.device)}:${String(m.seqNumber)}:${Math.floor(Number(m.time) / 1000)}`,
				),
		);
		expect(expected.size).toBe(41);
		expect(first).toHaveLength(7);
		expect(firstOfDevices).toHaveLength(7);
		for (const polls of [rest, restOfDevices]) {
			expect(polls.every((p) => p.ids.length <= 7)).toBe(true);
			const all = [{ ids: [], times: [] }, ...polls].flatMap((p) => p.ids);
			expect(all.length + 7).toBe(41);
		}
		const ids = (items: IDataObject[]) => items.map((item) => String(item.messageId));
		expect(new Set([...ids(first), ...rest.flatMap((p) => p.ids)])).toEqual(expected);
		expect(new Set([...ids(firstOfDevices), ...restOfDevices.flatMap((p) => p.ids)])).toEqual(
			expected,
		);
	});

	it('recovers a large backlog of undelivered callbacks in bounded polls, each once', async () => {
		const deviceTypeId = await cloud.createDeviceType();
		await backlog(deviceTypeId, { devices: 20, messages: 3000, hours: 2, undelivered: 3000 });
		const poll = new PollInstance(credentials(), {
			source: 'deviceTypeUndelivered',
			deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
			startFrom: 'lookBack',
			lookBackHours: 3,
			maxItemsPerPoll: 500,
			options: { callbackUrlContains: '/webhook/' },
		});

		const polls = await catchUp(poll, 20);

		expect(polls.every((p) => p.ids.length <= 500)).toBe(true);
		expect(polls.length).toBeLessThanOrEqual(7);
		const ids = polls.flatMap((p) => p.ids);
		expect(new Set(ids).size).toBe(3000);
	});
});
