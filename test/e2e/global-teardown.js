'use strict';
const fs = require('node:fs');

/** Stops n8n (by its pid) and the simulator; keeps the n8n folder only when a test failed, for its log. */
module.exports = async function globalTeardown(_config, _projectConfig) {
	const running = globalThis.__SIGFOX_E2E_STACK__;
	if (!running) return;
	await running.stop();
	if (globalThis.__SIGFOX_E2E_FAILED__)
		process.stdout.write(`[e2e] n8n folder kept for inspection: ${running.home}\n`);
	else fs.rmSync(running.home, { recursive: true, force: true });
};
