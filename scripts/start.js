'use strict';
/**
 * `npm start`: a real n8n with this package on a local Sigfox Cloud simulator whose demo devices send frames every few
 * seconds, with the example workflows imported and active. Ctrl-C stops everything.
 *
 * `npm start -- --smoke`: the same on fresh ports and a fresh n8n folder; waits until an example workflow has produced a
 * successful execution, prints it, stops everything and exits 0 (non-zero on any failure).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startDemo } = require('../simulator/demo');
const stack = require('./stack');

const SMOKE_TIMEOUT_MS = 120_000;

/** The simulator's demo device type and devices, sending frames every few seconds; returns what stops them. */
async function seedDemo(sim) {
	const demo = await startDemo(sim);
	stack.log(
		`demo devices ${demo.deviceIds.join(', ')} (device type ${demo.deviceTypeId}) send a frame every few seconds`,
	);
	return demo.stop;
}

/** The newest successful execution of one of the example workflows, with its data, or null. */
async function latestSuccess(n8nUrl, apiKey, workflowIds) {
	for (const workflowId of workflowIds) {
		const [execution] = await stack.successfulExecutions(n8nUrl, apiKey, workflowId, 1);
		if (execution) return execution;
	}
	return null;
}

function lastNodeItems(execution) {
	const { runData, lastNodeExecuted } = execution.data.resultData;
	const runs = runData[lastNodeExecuted];
	return {
		node: lastNodeExecuted,
		items: runs[runs.length - 1].data.main[0].map((item) => item.json),
	};
}

let running = null;
let stopping = false;

async function shutdown(code, { removeHome } = {}) {
	if (stopping) return;
	stopping = true;
	if (running) {
		stack.log('stopping n8n and the simulator');
		await running.stop();
		if (removeHome) fs.rmSync(running.home, { recursive: true, force: true });
	}
	process.exit(code);
}

async function main() {
	const smoke = process.argv.includes('--smoke');
	const home = smoke
		? fs.mkdtempSync(path.join(os.tmpdir(), 'sigfox-n8n-smoke-'))
		: path.join(stack.REPO, '.tmp', 'n8n-home');
	fs.mkdirSync(home, { recursive: true });
	const examples = stack.workflowFiles([stack.EXAMPLES_DIR]);
	const tarball = stack.buildAndPack(path.join(home, 'package'));

	process.on('SIGINT', () => shutdown(smoke ? 130 : 0));
	process.on('SIGTERM', () => shutdown(smoke ? 143 : 0));

	running = await stack.startStack({
		home,
		tarball,
		workflows: examples,
		port: smoke ? undefined : Number(process.env.N8N_PORT || 5678),
		seed: seedDemo,
	});
	if (stopping) return;
	const { url } = running.n8n;
	const activeIds = examples
		.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')))
		.filter((w) => w.active);

	process.stdout.write(
		[
			'',
			`  n8n editor:  ${url}`,
			`  login:       ${stack.OWNER.email} / ${stack.OWNER.password}`,
			`  simulator:   API ${running.sim.apiUrl} (credential "${stack.CREDENTIAL.name}"), control ${running.sim.controlUrl}`,
			'  active workflows:',
			...activeIds.map((w) => `    ${w.name}: ${url}/workflow/${w.id}`),
			smoke ? '' : '  Ctrl-C stops everything.',
			'',
		].join('\n') + '\n',
	);
	if (!smoke) return;

	const { apiKey } = await stack.n8nApiKey(url);
	const deadline = Date.now() + SMOKE_TIMEOUT_MS;
	let execution = null;
	while (!execution && Date.now() < deadline && !stopping) {
		execution = await latestSuccess(
			url,
			apiKey,
			activeIds.map((w) => w.id),
		);
		if (!execution) await new Promise((r) => setTimeout(r, 1000));
	}
	if (!execution) {
		process.stderr.write(
			`no successful execution within ${SMOKE_TIMEOUT_MS / 1000} s; n8n log:\n${running.n8n.logTail(80)}\n`,
		);
		return shutdown(1);
	}
	const { node, items } = lastNodeItems(execution);
	stack.log(
		`execution ${execution.id} of workflow ${execution.workflowId} succeeded; "${node}" returned:`,
	);
	process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
	return shutdown(0, { removeHome: true });
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error.message}\n`);
	return shutdown(1);
});
