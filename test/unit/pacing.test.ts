import { paceAnswered, paceRequest } from '../../nodes/shared/transport/pacing';

const MESSAGES = '/devices/1A2B3C/messages';

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
		await paceRequest('no-answer', 'GET', MESSAGES);
		const next = paceRequest('no-answer', 'GET', MESSAGES);

		expect(await doneAfter(next, 999)).toBe(false);
		expect(await doneAfter(next, 1)).toBe(true);
	});

	it('times the next read of a device from the answer of the previous one, so jitter cannot cause a 429', async () => {
		await paceRequest('answered', 'GET', MESSAGES);
		jest.setSystemTime(Date.now() + 300);
		paceAnswered('answered', 'GET', MESSAGES);
		const next = paceRequest('answered', 'GET', MESSAGES);

		expect(await doneAfter(next, 999)).toBe(false);
		expect(await doneAfter(next, 1)).toBe(true);
	});

	it('lets reads of other devices go at once', async () => {
		await paceRequest('devices', 'GET', MESSAGES);
		paceAnswered('devices', 'GET', MESSAGES);

		expect(await doneAfter(paceRequest('devices', 'GET', '/devices/4D5E6F/messages'), 0)).toBe(
			true,
		);
	});

	it('ignores answers of endpoints without a documented limit', () => {
		expect(() => paceAnswered('none', 'GET', '/device-types/')).not.toThrow();
	});
});
