'use strict';
/**
 * Starts the stack the e2e tests drive: the n8n runtime (installed on first use), the Sigfox Cloud simulator with the
 * e2e fixtures, and n8n with the packed package, the credential, the example and e2e workflows. If any step fails,
 * whatever already started is stopped by its pid before the error reaches jest.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const stack = require('../../scripts/stack');
const { createDemoFleet } = require('../../simulator/demo');
const { simulatorControl, FIXTURE_DEVICES } = require('./helpers');

async function seedFixtures(sim) {
	// The example workflows name the demo's device type: it must exist before n8n activates them.
	await createDemoFleet(sim);
	const control = simulatorControl(sim.controlUrl);
	const deviceType = await control('POST', '/device-types', { name: 'E2E device type' });
	for (const device of FIXTURE_DEVICES) {
		await control('POST', '/devices', { ...device, deviceTypeId: deviceType.id });
	}
	return () => {};
}

module.exports = async function globalSetup() {
	const started = Date.now();
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sigfox-n8n-e2e-'));
	process.stdout.write(`\n[e2e] n8n folder ${home}\n`);
	const tarball = stack.buildAndPack(path.join(home, 'package'));
	const running = await stack.startStack({
		home,
		tarball,
		workflows: stack.workflowFiles([stack.EXAMPLES_DIR, path.join(__dirname, 'workflows')]),
		seed: seedFixtures,
		// DATA_ADVANCED ~3 s after a frame instead of ~30 s; retries after 6, 12, 24 s instead of 1, 2, 4 min.
		simulator: { timeScale: 0.1 },
	});
	globalThis.__SIGFOX_E2E_STACK__ = running;
	// Ctrl-C on jest skips globalTeardown: stop n8n by its pid here too.
	const onSignal = (signal) =>
		running.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const { cookie, apiKey } = await stack.n8nApiKey(running.n8n.url);
		process.env.SIGFOX_E2E_STATE = JSON.stringify({
			home,
			runtimeDir: running.paths.dir,
			n8nUrl: running.n8n.url,
			n8nLog: running.n8n.logFile,
			simApiUrl: running.sim.apiUrl,
			simControlUrl: running.sim.controlUrl,
			cookie,
			apiKey,
		});
	} catch (error) {
		await running.stop();
		throw error;
	}
	process.stdout.write(`[e2e] stack ready in ${Math.round((Date.now() - started) / 1000)} s\n`);
};
