import { ENDPOINTS } from '../../nodes/shared/endpoints';
import { paceAnswered, paceRequest } from '../../nodes/shared/transport/pacing';

const MESSAGES = ENDPOINTS.listDeviceMessages;
const DEVICE = { id: '1A2B3C' };

describe('documented-limit pacing', () => {
	beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
	afterEach(() => jest.useRealTimers());

	/** Resolves `pending` while the fake clock moves; returns whether it had resolved after `ms`. */
	async function doneAfter(pending: Promise<unknown>, ms: number): Promise<boolean> {
		let done = false;
		void pending.then(() => (done = true));
		await jest.advanceTimersByTimeAsync(ms);
		return done;
	}

	it('sends the next read of a device one second after the previous one when no answer is known', async () => {
		await paceRequest('no-answer', MESSAGES, DEVICE);
		const next = paceRequest('no-answer', MESSAGES, DEVICE);

		expect(await doneAfter(next, 999)).toBe(false);
		expect(await doneAfter(next, 1)).toBe(true);
	});

	it('times the next read of a device from the answer of the previous one, so jitter cannot cause a 429', async () => {
		await paceRequest('answered', MESSAGES, DEVICE);
		jest.setSystemTime(Date.now() + 300);
		paceAnswered('answered', MESSAGES, DEVICE);
		const next = paceRequest('answered', MESSAGES, DEVICE);

		expect(await doneAfter(next, 999)).toBe(false);
		expect(await doneAfter(next, 1)).toBe(true);
	});

	it('lets reads of other devices go at once', async () => {
		await paceRequest('devices', MESSAGES, DEVICE);
		paceAnswered('devices', MESSAGES, DEVICE);

		expect(await doneAfter(paceRequest('devices', MESSAGES, { id: '4D5E6F' }), 0)).toBe(true);
	});

	it('lets requests to endpoints without a documented limit go at once, however many', async () => {
		const reads = Array.from({ length: 20 }, () => paceRequest('free', ENDPOINTS.listDeviceTypes));

		expect(await doneAfter(Promise.all(reads), 0)).toBe(true);
	});

	it('refuses a second change of one device within the hour instead of waiting, updates and deletions alike', async () => {
		expect(await paceRequest('change', ENDPOINTS.updateDevice, DEVICE)).toBeUndefined();

		expect(await paceRequest('change', ENDPOINTS.deleteDevice, DEVICE)).toMatch(
			/^Sigfox limits updates or deletions of one device \(1 per 60 minutes\).*would have to wait 3600 s$/,
		);
		expect(await paceRequest('change', ENDPOINTS.updateDevice, { id: '4D5E6F' })).toBeUndefined();
	});

	it('keeps the budgets of different API users apart', async () => {
		await paceRequest('user-a', ENDPOINTS.updateDevice, DEVICE);

		expect(await paceRequest('user-b', ENDPOINTS.updateDevice, DEVICE)).toBeUndefined();
	});
});
