'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { scanForSecrets, suiteSecrets } = require('../support/secrets');

/** The n8n folders of this run: the stack's, and those the tests started beside it (restarts, recovery, smoke). */
function runHomes(home) {
	// The package folder got its tarball when the run started and has not changed since.
	const since = fs.statSync(path.join(home, 'package')).mtimeMs;
	const others = fs
		.readdirSync(os.tmpdir())
		.filter((name) => /^sigfox-n8n-(restarts|recovery|smoke)-/.test(name))
		.map((name) => path.join(os.tmpdir(), name))
		.filter((dir) => fs.statSync(dir).mtimeMs >= since);
	return [home, ...others];
}

/**
 * Stops n8n (by its pid) and the simulator, then scans this run's n8n logs and execution records for the API password
 * and the callback secrets (RELIABILITY.md); keeps the n8n folder only when a test failed or a secret leaked.
 */
module.exports = async function globalTeardown(_config, _projectConfig) {
	const running = globalThis.__SIGFOX_E2E_STACK__;
	if (!running) return;
	await running.stop();
	const leaks = scanForSecrets({
		homes: runHomes(running.home),
		secrets: suiteSecrets(running.sim.state),
		paths: running.paths,
	});
	if (leaks.found.length > 0) {
		process.stdout.write(`[e2e] n8n folder kept for inspection: ${running.home}\n`);
		throw new Error(`Secrets leaked:\n${leaks.found.join('\n')}`);
	}
	process.stdout.write(
		`[e2e] secrets scan: ${leaks.scanned} log lines and execution records, clean\n`,
	);
	if (globalThis.__SIGFOX_E2E_FAILED__)
		process.stdout.write(`[e2e] n8n folder kept for inspection: ${running.home}\n`);
	else fs.rmSync(running.home, { recursive: true, force: true });
};
