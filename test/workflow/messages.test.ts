import { useWorkflowSimulator } from '../support/workflow-simulator';
import { runSigfoxNode } from './harness';

const MESSAGES = 3000;

describe('Device → Get Messages over long histories', () => {
	const sim = useWorkflowSimulator();
	const getMessages = (extra = {}) => ({
		resource: 'device',
		operation: 'getMessages',
		deviceId: { __rl: true, mode: 'id', value: '00D00001' },
		...extra,
	});

	beforeAll(async () => {
		await sim.seedDeviceType('Chatty meters', ['00D00001', '00D00002']);
		sim.addMessages('00D00001', MESSAGES);
		sim.addMessages('00D00002', 1, { withoutSeqNumber: true });
	});

	it('follows paging.next through thousands of messages, newest first, none lost or repeated', async () => {
		const { items, error, requests } = await runSigfoxNode(getMessages({ returnAll: true }), {
			credentials: sim.credentials,
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(MESSAGES);
		expect(new Set(items.map((i) => i.json.messageId)).size).toBe(MESSAGES);
		const times = items.map((i) => i.json.timestamp as number);
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(requests).toHaveLength(MESSAGES / 100);
		// Sigfox pages message lists by time: the next page is `before` the 100th message (docs/sigfox/api.md#paging).
		expect(requests[1].query.before).toBe(String(times[99]));
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('recovers a 429 in the middle of a long listing without a visible error', async () => {
		await sim.faults({ rate429: 0.1, seed: 7 });
		try {
			const { items, error, requests } = await runSigfoxNode(getMessages({ returnAll: true }), {
				credentials: sim.credentials,
			});

			expect(error).toBeUndefined();
			expect(items).toHaveLength(MESSAGES);
			expect(new Set(items.map((i) => i.json.messageId)).size).toBe(MESSAGES);
			// Every page once, plus the requests Sigfox refused and the node sent again.
			expect(requests.length).toBeGreaterThan(MESSAGES / 100);
		} finally {
			await sim.faults({});
		}
	});

	it('stops at the limit', async () => {
		const { items, requests } = await runSigfoxNode(getMessages({ returnAll: false, limit: 250 }), {
			credentials: sim.credentials,
		});
		expect(items).toHaveLength(250);
		expect(requests).toHaveLength(3);
	});

	it('gives lqi, linkQuality and computedLocation as the triggers give them', async () => {
		const { items } = await runSigfoxNode(getMessages({ returnAll: false, limit: 1 }), {
			credentials: sim.credentials,
		});

		// The API lists lqi 2 and computedLocation [] (none): the item says Good and 2, and has no location.
		expect(items[0].json).toMatchObject({ lqi: 'Good', linkQuality: 2 });
		expect(items[0].json).not.toHaveProperty('computedLocation');
		expect(items[0].json.rinfos).toEqual(expect.any(Array));
	});

	it('builds the message ID with an empty sequence number when Sigfox gives none', async () => {
		const { items } = await runSigfoxNode(
			getMessages({ deviceId: { __rl: true, mode: 'id', value: '00D00002' }, returnAll: true }),
			{ credentials: sim.credentials },
		);
		const { timestamp } = items[0].json as { timestamp: number };
		expect(items[0].json.messageId).toBe(`00D00002::${Math.floor(timestamp / 1000)}`);
		expect(items[0].json.time).toBe(new Date(timestamp).toISOString());
	});
});
