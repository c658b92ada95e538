// What Node would call an unhandled promise rejection (the failure that ends an n8n process), recorded for a test.
// TypeScript tests may not touch `process` (n8n's strict lint), so they record through here.

/**
 * Records every unhandled rejection from now until `stop()`. `settled()` resolves after the event loop has had a
 * turn, so that a rejection left without a handler has been reported by then.
 */
function recordUnhandledRejections() {
	const reasons = [];
	const record = (reason) => reasons.push(reason);
	process.on('unhandledRejection', record);
	return {
		reasons,
		settled: () => new Promise((resolve) => setImmediate(resolve)),
		stop: () => process.off('unhandledRejection', record),
	};
}

module.exports = { recordUnhandledRejections };
