'use strict';
/**
 * `npm run docs:screenshots`: the README's screenshots, taken in the real n8n editor that `npm start` runs. Starts that
 * stack (simulator demo fleet, n8n with the packed package, the credential and examples/) on free ports in a temporary
 * folder, logs into the editor as the owner with Debian's Chromium driven by playwright-core, and writes PNG files into
 * docs/screenshots/. n8n and the simulator are stopped by pid at the end, also when a step fails.
 *
 * The AI agent example runs once against a scripted OpenAI-compatible model server (scripts/scripted-chat-model.js: tool
 * calls from a script, no model), which calls two Sigfox Tools, so that its execution can be shown.
 *
 * Chromium comes from Debian's `chromium` package (playwright's own browser download does not work here); when
 * /usr/bin/chromium is missing and we run as root (as CI does), it is installed with apt-get.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { DEMO_DEVICE_TYPE_ID, startDemo } = require('../simulator/demo');
const runtime = require('./n8n-runtime');
const { scriptedChatModel } = require('./scripted-chat-model');
const stack = require('./stack');

const CHROMIUM = '/usr/bin/chromium';
// Headless on a closed network: without the background-networking flags Chromium keeps trying to reach Google's hosts.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const OUT_DIR = path.join(stack.REPO, 'docs', 'screenshots');
const VIEWPORT = { width: 1440, height: 900 };
const EXECUTION_TIMEOUT_MS = 120_000;

/** Example workflows by id, as in examples/. */
const WORKFLOWS = {
	readings: 'sigfoxTrigReadng1',
	bidirectional: 'sigfoxBidirCfg01',
	bulkCsv: 'sigfoxBulkCsv001',
	listDevices: 'sigfoxListDevs01',
	agent: 'sigfoxAgentTool1',
};

/**
 * The screenshots in order: a step opens the `workflow` canvas (with `execution`, that of the workflow's execution
 * main() waited for) or stays on the page the step before left, opens the execution's logs panel with `logs`, opens
 * `node` when named, then saves `file`.
 */
const SHOTS = [
	{ workflow: 'bidirectional', node: 'Sigfox Trigger', file: 'sigfox-trigger-parameters.png' },
	{
		workflow: 'readings',
		node: 'Recover Missed Callbacks',
		file: 'sigfox-poll-trigger-parameters.png',
	},
	{ workflow: 'bulkCsv', node: 'Register Devices', file: 'sigfox-node-parameters.png' },
	{ workflow: 'readings', execution: true, file: 'trigger-example-execution.png' },
	{ node: 'Row for the Readings Sheet', file: 'trigger-example-items.png' },
	{
		workflow: 'listDevices',
		execution: true,
		node: 'Get Devices',
		file: 'sigfox-node-output.png',
	},
	{ workflow: 'agent', execution: true, logs: true, file: 'ai-agent-execution.png' },
	{ node: 'Device Type Messages', file: 'ai-agent-tool-call.png' },
];

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)`,
		);
	}
	stack.log(`${CHROMIUM} is missing: installing Debian's chromium package with apt-get`);
	const run = (args) => {
		const res = spawnSync('apt-get', args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (res.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${res.status})`);
	};
	run(['update']);
	run(['install', '-y', '--no-install-recommends', 'chromium']);
}

/** The newest successful execution of a workflow in which `nodeName` output items, or null. */
async function executionWithItems(n8nUrl, apiKey, workflowId, nodeName) {
	const executions = await stack.successfulExecutions(n8nUrl, apiKey, workflowId, 20);
	return (
		executions.find((execution) =>
			execution.data.resultData.runData[nodeName]?.some((run) => run.data?.main?.[0]?.length > 0),
		) ?? null
	);
}

async function waitForExecution(n8nUrl, apiKey, workflowId, nodeName) {
	const deadline = Date.now() + EXECUTION_TIMEOUT_MS;
	while (Date.now() < deadline) {
		const execution = await executionWithItems(n8nUrl, apiKey, workflowId, nodeName);
		if (execution) return execution;
		await new Promise((r) => setTimeout(r, 1000));
	}
	throw new Error(
		`no execution of ${workflowId} with items in "${nodeName}" within ${EXECUTION_TIMEOUT_MS / 1000} s`,
	);
}

/** The editor's sign-in form, as a user fills it. */
async function signIn(page, n8nUrl) {
	await page.goto(`${n8nUrl}/signin`);
	await page.fill('input[name="emailOrLdapLoginId"]', stack.OWNER.email);
	await page.fill('input[name="password"]', stack.OWNER.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** Opens a page showing a workflow canvas and waits until its nodes are drawn; closes the production checklist. */
async function openCanvas(page, url) {
	await page.goto(url);
	await page.waitForSelector('[data-test-id="canvas-node"]');
	const checklistClose = page.locator('[data-test-id="suggested-actions-close"]');
	if (await checklistClose.isVisible()) await checklistClose.click();
	await page.mouse.move(0, VIEWPORT.height / 2);
	await page.waitForTimeout(1000);
}

/** Opens a node's parameters (and its input/output in an execution) by double-clicking it on the canvas. */
async function openNode(page, nodeName) {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick();
	await page.waitForSelector('[data-test-id="ndv"]');
	await page.waitForTimeout(1500);
}

/** Opens the logs panel under an execution's canvas: an agent's model calls and tool calls, step by step. */
async function openLogs(page) {
	await page.getByText('Logs', { exact: true }).click();
	await page.waitForTimeout(1500);
}

async function shoot(page, name) {
	const file = path.join(OUT_DIR, name);
	await page.screenshot({ path: file });
	stack.log(`saved ${path.relative(stack.REPO, file)}`);
}

async function takeScreenshots(n8nUrl, executions) {
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
	});
	try {
		// A new context is a new, empty browser profile.
		const context = await browser.newContext({ viewport: VIEWPORT });
		const page = await context.newPage();
		await signIn(page, n8nUrl);
		for (const shot of SHOTS) {
			if (shot.workflow) {
				const url = `${n8nUrl}/workflow/${WORKFLOWS[shot.workflow]}`;
				const execution = shot.execution ? `/executions/${executions[shot.workflow].id}` : '';
				await openCanvas(page, `${url}${execution}`);
			}
			if (shot.logs) await openLogs(page);
			if (shot.node) await openNode(page, shot.node);
			await shoot(page, shot.file);
		}
	} finally {
		await browser.close();
	}
}

/**
 * What the scripted model does with the question of the agent example: read the demo device type's messages of the
 * last hour, read the device that sent the newest, then answer.
 */
function agentScript(deviceTypeId) {
	const since = new Date(Date.now() - 3_600_000).toISOString();
	return {
		screenshot: [
			{ toolCalls: [{ name: 'Device_Type_Messages', args: { deviceTypeId, limit: 3, since } }] },
			(record) => {
				const [newest] = [].concat(JSON.parse(record.toolResults[0].content));
				return { toolCalls: [{ name: 'Get_Device', args: { deviceId: newest.deviceId } }] };
			},
			(record) => {
				const device = [].concat(JSON.parse(record.toolResults[1].content))[0];
				return {
					content: `${device.name} (${device.id}) sent the newest of the last messages; its state is ${device.state}.`,
				};
			},
		],
	};
}

/**
 * Runs the AI agent example once: its OpenAI credential pointed at the scripted model server, the workflow published,
 * its webhook asked a question. Returns the execution.
 */
async function runAgentExample(n8nUrl, apiKey, model) {
	await model.listen();
	const file = path.join(running.home, 'openai-credential.json');
	const credential = {
		id: 'openAiScripted001',
		name: 'OpenAI (scripted model server)',
		type: 'openAiApi',
		data: { apiKey: 'sk-scripted-screenshots', url: model.baseUrl, header: false },
	};
	fs.writeFileSync(file, JSON.stringify([credential]));
	await runtime.runN8nCli(running.paths, ['import:credentials', `--input=${file}`], {
		home: running.home,
		port: await runtime.freePort(),
		brokerPort: await runtime.freePort(),
	});
	const activate = await fetch(`${n8nUrl}/api/v1/workflows/${WORKFLOWS.agent}/activate`, {
		method: 'POST',
		headers: { 'X-N8N-API-KEY': apiKey },
	});
	if (!activate.ok) throw new Error(`activating the agent example failed: ${activate.status}`);
	const deadline = Date.now() + EXECUTION_TIMEOUT_MS;
	for (;;) {
		const res = await fetch(`${n8nUrl}/webhook/sigfox-fleet-agent`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				prompt:
					'[scenario:screenshot] Which demo sensor sent last in the past hour, and how is it doing?',
			}),
		});
		const text = await res.text();
		if (res.ok) {
			stack.log(`the agent answered: ${text}`);
			break;
		}
		// Publishing registers the webhook shortly after the public API answers.
		if (res.status !== 404 || Date.now() > deadline) {
			throw new Error(`the agent example answered ${res.status}: ${text}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return waitForExecution(n8nUrl, apiKey, WORKFLOWS.agent, 'Fleet Agent');
}

let running = null;

async function stopStack() {
	const current = running;
	running = null;
	if (!current) return;
	stack.log('stopping n8n and the simulator');
	await current.stop();
	fs.rmSync(current.home, { recursive: true, force: true });
}

async function main() {
	const started = Date.now();
	ensureChromium();
	fs.mkdirSync(OUT_DIR, { recursive: true });
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sigfox-n8n-screenshots-'));
	const onSignal = (signal) =>
		stopStack().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const tarball = stack.buildAndPack(path.join(home, 'package'));
	running = await stack.startStack({
		home,
		tarball,
		workflows: stack.workflowFiles([stack.EXAMPLES_DIR]),
		seed: async (sim) => (await startDemo(sim)).stop,
	});
	const n8nUrl = running.n8n.url;
	const { apiKey } = await stack.n8nApiKey(n8nUrl);
	stack.log('waiting for executions of the trigger and list examples with items');
	const executions = {
		readings: await waitForExecution(
			n8nUrl,
			apiKey,
			WORKFLOWS.readings,
			'Row for the Readings Sheet',
		),
		listDevices: await waitForExecution(n8nUrl, apiKey, WORKFLOWS.listDevices, 'Get Devices'),
	};
	const model = scriptedChatModel(agentScript(DEMO_DEVICE_TYPE_ID));
	try {
		executions.agent = await runAgentExample(n8nUrl, apiKey, model);
		await takeScreenshots(n8nUrl, executions);
	} finally {
		await model.close();
	}
	await stopStack();
	stack.log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch(async (error) => {
	process.stderr.write(`${error.stack || error.message}\n`);
	if (running) process.stderr.write(`n8n log:\n${running.n8n.logTail(40)}\n`);
	await stopStack();
	process.exit(1);
});
