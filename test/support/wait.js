// Waiting in tests: TypeScript tests may not touch timers (n8n's strict lint), so they wait through here.
const { setTimeout: sleep } = require('node:timers/promises');

/**
 * Resolves with the first truthy value `probe()` returns, asking every `intervalMs`; rejects after
 * `timeoutMs`. The one polling loop of the tests (unit, simulator, e2e and reliability).
 */
async function waitFor(probe, { what = 'the condition', timeoutMs = 5000, intervalMs = 20 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(intervalMs);
	}
}

/** The same for real services (n8n, the simulator over HTTP), which take seconds: 30 s, every 250 ms. */
const waitForService = (probe, options) =>
	waitFor(probe, { timeoutMs: 30_000, intervalMs: 250, ...options });

module.exports = { waitFor, waitForService, sleep };
