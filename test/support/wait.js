// Waiting in tests: TypeScript tests may not touch timers (n8n's strict lint), so they wait through here.
const { setTimeout: sleep } = require('node:timers/promises');

/** Resolves once `condition()` is truthy, checking every `everyMs`; rejects after `timeoutMs`. */
async function waitFor(condition, { timeoutMs = 5000, everyMs = 20, what = 'condition' } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}

module.exports = { waitFor, sleep };
