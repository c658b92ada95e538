'use strict';
/**
 * The workflows `npm run bench` runs in n8n, written as files before n8n starts (published by the CLI, activated at
 * start). Each comparison feeds the same one-node workflow; ids are fixed so the bench can find them.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const SIM_CREDENTIAL = { sigfoxApi: { id: 'sigfoxSimCred001', name: 'Sigfox Simulator' } };
/** A second credential on the same simulator with the documented-limit pacing (the credential's default). */
const PACED_CREDENTIAL = {
	id: 'sigfoxBenchPaced',
	name: 'Sigfox Simulator, documented limits',
	type: 'sigfoxApi',
};
const PAYLOAD_CONFIG = 'temperature::int:16:little-endian humidity::uint:8 alarm::bool:7';
const DOWNLINK = '0102030405060708';

function node(name, type, parameters, extra = {}) {
	return {
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...extra,
	};
}

const noOp = () => node('No Operation', 'n8n-nodes-base.noOp', {});

function workflow(id, name, nodes, settings = {}) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	nodes.forEach((n, i) => (n.position = [i * 220, 0]));
	return {
		id,
		name,
		active: true,
		settings: { executionOrder: 'v1', ...settings },
		nodes,
		connections,
	};
}

function webhookNode(path, { lastNode = false } = {}) {
	return node(
		'Webhook',
		'n8n-nodes-base.webhook',
		{
			httpMethod: 'POST',
			path,
			responseMode: lastNode ? 'lastNode' : 'onReceived',
			...(lastNode ? { responseData: 'firstEntryJson' } : {}),
			options: lastNode ? {} : { noResponseBody: true },
		},
		{ typeVersion: 2, webhookId: crypto.randomUUID() },
	);
}

function trivialNode(fixedAnswer = '', extra = {}) {
	return node(
		'Bench Trivial Trigger',
		'n8n-nodes-bench-trivial.benchTrivialTrigger',
		fixedAnswer ? { fixedAnswer } : {},
		{ webhookId: crypto.randomUUID(), ...extra },
	);
}

function sigfoxTrigger(deviceTypeId, parameters) {
	return node(
		'Sigfox Trigger',
		'n8n-nodes-sigfox.sigfoxTrigger',
		{ deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId }, ...parameters },
		{ webhookId: crypto.randomUUID(), credentials: SIM_CREDENTIAL },
	);
}

function sigfoxNode(name, parameters, credentials = SIM_CREDENTIAL) {
	return node(name, 'n8n-nodes-sigfox.sigfox', parameters, { credentials });
}

function splitOut() {
	return node('Split Out', 'n8n-nodes-base.splitOut', {
		fieldToSplitOut: 'body.items',
		include: 'noOtherFields',
		options: {},
	});
}

/** Big outputs are not saved: the bench compares the node with a bare client, not n8n's execution store. */
const NOT_SAVED = { saveDataSuccessExecution: 'none', saveManualExecutions: false };

/** Every bench workflow; `deviceTypes` are the simulator's device type ids by role. */
function benchWorkflows(deviceTypes) {
	const pacedCredential = { sigfoxApi: { id: PACED_CREDENTIAL.id, name: PACED_CREDENTIAL.name } };
	return {
		webhookUplink: workflow('benchWebhook0001', 'Bench: built-in Webhook', [
			webhookNode('bench-webhook'),
			noOp(),
		]),
		trivialUplink: workflow('benchTrivial0001', 'Bench: trivial trigger', [trivialNode(), noOp()]),
		// The same trivial trigger with the Sigfox Trigger's credential set (never used): n8n checks it on every execution.
		trivialCredentialUplink: workflow(
			'benchTrivialCred',
			'Bench: trivial trigger with a credential',
			[trivialNode('', { credentials: SIM_CREDENTIAL }), noOp()],
		),
		sigfoxUplink: workflow('benchSigfoxUp001', 'Bench: Sigfox Trigger, uplink', [
			sigfoxTrigger(deviceTypes.uplink, { events: ['uplink'], payloadConfig: PAYLOAD_CONFIG }),
			noOp(),
		]),
		trivialDownlink: workflow('benchTrivialDl01', 'Bench: trivial trigger, fixed answer', [
			trivialNode(JSON.stringify({ BE0001: { downlinkData: DOWNLINK } })),
			noOp(),
		]),
		trivialCredentialDownlink: workflow(
			'benchTrivCredDl1',
			'Bench: trivial trigger with a credential, fixed answer',
			[
				trivialNode(JSON.stringify({ BE0001: { downlinkData: DOWNLINK } }), {
					credentials: SIM_CREDENTIAL,
				}),
				noOp(),
			],
		),
		sigfoxDownlink: workflow('benchSigfoxDl001', 'Bench: Sigfox Trigger, fixed downlink', [
			sigfoxTrigger(deviceTypes.downlinkFixed, {
				events: ['bidir'],
				payloadConfig: PAYLOAD_CONFIG,
				downlinkAnswer: 'fixed',
				downlinkData: DOWNLINK,
			}),
			noOp(),
		]),
		sigfoxWorkflowDownlink: workflow(
			'benchSigfoxWf001',
			'Bench: Sigfox Trigger, downlink from the workflow',
			[
				sigfoxTrigger(deviceTypes.downlinkWorkflow, {
					events: ['bidir'],
					payloadConfig: PAYLOAD_CONFIG,
					downlinkAnswer: 'workflow',
				}),
				sigfoxNode('Build Answer', {
					resource: 'downlink',
					operation: 'buildAnswer',
					deviceId: '={{ $json.deviceId }}',
					downlinkData: '={{ $json.data.padEnd(16, "0") }}',
				}),
			],
		),
		listDevices: workflow(
			'benchListDevs001',
			'Bench: Device → Get Many (Return All)',
			[
				webhookNode('bench-list-devices', { lastNode: true }),
				sigfoxNode('List Devices', {
					resource: 'device',
					operation: 'getAll',
					returnAll: true,
					filters: { deviceTypeId: { __rl: true, mode: 'id', value: deviceTypes.fleet } },
				}),
			],
			NOT_SAVED,
		),
		messages: workflow(
			'benchMessages001',
			'Bench: Device → Get Messages, documented limits',
			[
				webhookNode('bench-messages', { lastNode: true }),
				splitOut(),
				sigfoxNode(
					'Get Messages',
					{
						resource: 'device',
						operation: 'getMessages',
						deviceId: { __rl: true, mode: 'id', value: '={{ $json.deviceId }}' },
						returnAll: false,
						limit: 100,
						filters: { before: '={{ $json.before }}' },
					},
					pacedCredential,
				),
			],
			NOT_SAVED,
		),
		bulkCreate: workflow(
			'benchBulkCreate1',
			'Bench: Device Bulk → Create',
			[
				webhookNode('bench-bulk-create', { lastNode: true }),
				splitOut(),
				sigfoxNode(
					'Create Devices',
					{
						resource: 'deviceBulk',
						operation: 'create',
						deviceTypeId: { __rl: true, mode: 'id', value: deviceTypes.bulk },
						jobSize: 20000,
						waitForCompletion: true,
					},
					pacedCredential,
				),
			],
			NOT_SAVED,
		),
	};
}

/**
 * Makes the bench's own baseline nodes (bench/trivial-trigger: the trivial trigger, the page reader) a dependency of
 * n8n's community-package folder in `home`, so that installing the package there installs them beside it.
 */
function addBaselineNodes(home) {
	const nodesDir = path.join(home, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify({
			name: 'installed-nodes',
			private: true,
			dependencies: {
				'n8n-nodes-bench-trivial': `file:${path.join(__dirname, 'trivial-trigger')}`,
			},
		}),
	);
}

module.exports = {
	addBaselineNodes,
	benchWorkflows,
	node,
	PACED_CREDENTIAL,
	PAYLOAD_CONFIG,
	DOWNLINK,
};
