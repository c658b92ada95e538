'use strict';
/**
 * What the agent and MCP suites share: the credentials their example workflows name (an OpenAI credential whose base URL
 * is the scripted model server, a header-auth credential for the MCP Server Trigger), imported into the running n8n with
 * its CLI, and activating an example workflow through n8n's public API.
 */
const fs = require('node:fs');
const path = require('node:path');

const runtime = require('../../scripts/n8n-runtime');
const { e2eState, publicApi } = require('./helpers');

const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples');

/** The MCP Server Trigger's header auth in examples/sigfox-mcp-server.json. */
const MCP_AUTH = { name: 'X-Sigfox-Mcp-Key', value: 'e2e-mcp-client-key-3f9a' };

function example(file) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
}

/** `n8n import:credentials` of the given credentials (with their fixed ids) into the running n8n's database. */
async function importCredentials(credentials) {
	const { runtimeDir, home } = e2eState();
	const file = path.join(home, `ai-credentials-${Date.now()}.json`);
	fs.writeFileSync(file, JSON.stringify(credentials));
	try {
		await runtime.runN8nCli(
			runtime.runtimePaths(runtimeDir),
			['import:credentials', `--input=${file}`],
			{
				home,
				port: await runtime.freePort(),
				brokerPort: await runtime.freePort(),
			},
		);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

const openAiCredential = (baseUrl) => ({
	id: 'openAiScripted001',
	name: 'OpenAI (scripted model server)',
	type: 'openAiApi',
	data: { apiKey: 'sk-scripted-e2e', url: baseUrl, header: false },
});

const mcpCredential = () => ({
	id: 'mcpHeaderAuth001',
	name: 'MCP client key',
	type: 'httpHeaderAuth',
	data: MCP_AUTH,
});

async function activate(workflowId) {
	return publicApi('POST', `/workflows/${workflowId}/activate`);
}

async function deactivate(workflowId) {
	return publicApi('POST', `/workflows/${workflowId}/deactivate`).catch(() => undefined);
}

module.exports = {
	MCP_AUTH,
	example,
	importCredentials,
	openAiCredential,
	mcpCredential,
	activate,
	deactivate,
};
