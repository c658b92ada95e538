'use strict';
/** What the e2e tests share: the running stack's addresses, and clients for n8n and the simulator. */
const runtime = require('../../scripts/n8n-runtime');
const { API_USER } = require('../../scripts/stack');
const { waitForService: waitFor } = require('../support/wait');

/** Devices global-setup.js creates on the simulator, in one device type. */
const FIXTURE_DEVICES = [
	{ id: 'E2E001', name: 'E2E device one' },
	{ id: 'E2E002', name: 'E2E device two' },
];

function e2eState() {
	if (!process.env.SIGFOX_E2E_STATE)
		throw new Error('SIGFOX_E2E_STATE is not set: run through test/e2e/jest.config.js');
	return JSON.parse(process.env.SIGFOX_E2E_STATE);
}

async function expectOk(res, what) {
	if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
	return res.status === 204 ? null : res.json();
}

/** A JSON client of one HTTP API: `(method, route, body)` → the parsed answer, an error naming the call otherwise. */
function jsonClient(baseUrl, headers, what) {
	return async (method, route, body) =>
		expectOk(
			await fetch(`${baseUrl}${route}`, {
				method,
				headers: { ...headers, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			}),
			`${what} ${method} ${route}`,
		);
}

function simulatorControl(controlUrl) {
	return jsonClient(controlUrl, {}, 'simulator control');
}

/** A simulator's Sigfox API v2, authenticated as the API user. */
function sigfoxApiAt(apiUrl) {
	const auth = Buffer.from(`${API_USER.login}:${API_USER.password}`).toString('base64');
	return jsonClient(apiUrl, { authorization: `Basic ${auth}` }, 'Sigfox API');
}

/** n8n's public API (/api/v1) of an instance, with an API key of its owner. */
function publicApiAt(n8nUrl, apiKey) {
	return jsonClient(`${n8nUrl}/api/v1`, { 'X-N8N-API-KEY': apiKey }, 'n8n public API');
}

/** The e2e stack's Sigfox API v2 (the simulator global-setup.js started). */
async function sigfoxApi(method, route, body) {
	return sigfoxApiAt(e2eState().simApiUrl)(method, route, body);
}

/** n8n's public API (/api/v1) with the key global-setup.js created. */
async function publicApi(method, route, body) {
	const { n8nUrl, apiKey } = e2eState();
	return publicApiAt(n8nUrl, apiKey)(method, route, body);
}

/** n8n's internal REST API as the logged-in owner (what the editor uses). */
async function n8nRest(route) {
	const { n8nUrl, cookie } = e2eState();
	return expectOk(await fetch(`${n8nUrl}${route}`, { headers: { cookie } }), `n8n GET ${route}`);
}

/** `n8n execute` of an imported workflow: a second n8n process beside the server, with its own broker port. */
async function executeWorkflow(workflowId) {
	const { runtimeDir, home } = e2eState();
	const { stdout } = await runtime.runN8nCli(
		runtime.runtimePaths(runtimeDir),
		['execute', `--id=${workflowId}`, '--rawOutput'],
		{
			home,
			port: await runtime.freePort(),
			brokerPort: await runtime.freePort(),
		},
	);
	return runtime.parseRawOutput(stdout);
}

module.exports = {
	FIXTURE_DEVICES,
	e2eState,
	simulatorControl,
	sigfoxApi,
	sigfoxApiAt,
	publicApi,
	publicApiAt,
	n8nRest,
	waitFor,
	executeWorkflow,
};
