'use strict';
const { tail } = require('../../scripts/n8n-runtime');

/** Prints the tail of n8n's log when any e2e test failed: the server side of the failure. */
class N8nLogReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests > 0 || results.numRuntimeErrorTestSuites > 0;
		const running = globalThis.__SIGFOX_E2E_STACK__;
		if (!failed || !running) return;
		globalThis.__SIGFOX_E2E_FAILED__ = true;
		process.stdout.write(
			`\n[e2e] last lines of ${running.n8n.logFile}:\n${tail(running.n8n.logFile, 80)}\n`,
		);
	}
}

module.exports = N8nLogReporter;
