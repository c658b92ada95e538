'use strict';
/**
 * The workflows `npm run bench:fleet` runs in n8n, written as files before n8n starts. They use the stack's credential
 * (rate limiting "Only When the Server Says So"): the simulator's scaled limits then pace the node through 429 and
 * Retry-After, which scale with the simulator's time (the node's own documented pacing runs on real time).
 */
const crypto = require('node:crypto');

const { CREDENTIAL } = require('../scripts/stack');
const { node } = require('./workflows');

const SIM_CREDENTIAL = { sigfoxApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
/** Big outputs are not saved: the bench measures the nodes, not n8n's execution store. */
const NOT_SAVED = {
	saveDataSuccessExecution: 'none',
	saveDataErrorExecution: 'all',
	saveManualExecutions: false,
};

function workflow(id, name, nodes, { active = true, settings = {} } = {}) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	nodes.forEach((n, i) => (n.position = [i * 220, 0]));
	return {
		id,
		name,
		active,
		settings: { executionOrder: 'v1', ...NOT_SAVED, ...settings },
		nodes,
		connections,
	};
}

/** A Webhook answering with every item of the last node (`allEntries`) or its first one. */
function webhookNode(path, responseData = 'allEntries') {
	return node(
		'Webhook',
		'n8n-nodes-base.webhook',
		{ httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
		{ typeVersion: 2, webhookId: crypto.randomUUID() },
	);
}

function splitOut() {
	return node('Split Out', 'n8n-nodes-base.splitOut', {
		fieldToSplitOut: 'body.items',
		include: 'noOtherFields',
		options: {},
	});
}

function sigfoxNode(name, parameters) {
	return node(name, 'n8n-nodes-sigfox.sigfox', parameters, { credentials: SIM_CREDENTIAL });
}

/** One item per execution: how many items arrived (no list of them in n8n's answer). */
function countItems(field) {
	return node('Count', 'n8n-nodes-base.aggregate', {
		aggregate: 'aggregateIndividualFields',
		fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: field }] },
		options: {},
	});
}

const rl = (value) => ({ __rl: true, mode: 'id', value });

/**
 * `ids`: the simulator's device type ids by role; `collectorUrl`: where the poll workflow reports what it emitted;
 * `pagesFile`: where the page reader (the catch-up's n8n baseline) finds the pages to request.
 */
function fleetWorkflows(
	ids,
	{ collectorUrl = 'http://127.0.0.1:9/', caps = [], pagesFile = '' } = {},
) {
	return {
		bulkCreate: workflow('fleetBulkCreate1', 'Fleet: Device Bulk → Create', [
			webhookNode('fleet-bulk-create'),
			splitOut(),
			sigfoxNode('Create Devices', {
				resource: 'deviceBulk',
				operation: 'create',
				deviceTypeId: rl(ids.bulk),
				jobSize: 10000,
				waitForCompletion: true,
			}),
		]),
		listDevices: workflow('fleetListDevs001', 'Fleet: Device → Get Many (Return All)', [
			webhookNode('fleet-list-devices', 'firstEntryJson'),
			sigfoxNode('List Devices', {
				resource: 'device',
				operation: 'getAll',
				returnAll: true,
				filters: { deviceTypeId: rl(ids.bulk) },
			}),
			countItems('id'),
		]),
		typeMessages: workflow('fleetTypeMsgs001', 'Fleet: Device Type → Get Messages (Return All)', [
			webhookNode('fleet-type-messages', 'firstEntryJson'),
			sigfoxNode('Get Messages', {
				resource: 'deviceType',
				operation: 'getMessages',
				deviceTypeId: rl(ids.backlog),
				returnAll: true,
				filters: { since: '={{ $json.body.since }}', before: '={{ $json.body.before }}' },
			}),
			countItems('messageId'),
		]),
		// Inactive at start: the bench activates each once per poll (each activation polls at once, see fleet-poll.js).
		...Object.fromEntries(caps.map((cap) => [`poll${cap}`, pollWorkflow(ids, collectorUrl, cap)])),
		// The control: the same workflow starting from now, so that every poll finds nothing to emit.
		pollIdle: pollWorkflow(ids, collectorUrl, 2000, { startFrom: 'now', id: 'fleetPollIdle001' }),
		// The n8n baseline of the catch-up: the pages the node read, through n8n's request helper (its activation polls).
		pageReader: workflow(
			'fleetPageReader1',
			"Fleet: the node's pages through n8n's request helper",
			[
				node(
					'Bench Page Reader',
					'n8n-nodes-bench-trivial.benchPageReader',
					{ pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] }, pagesFile },
					{ credentials: SIM_CREDENTIAL },
				),
			],
			{ active: false },
		),
	};
}

/** The Poll Trigger (72 hours back, at most `cap` items a poll) → the emitted message IDs posted to the collector. */
function pollWorkflow(ids, collectorUrl, cap, { startFrom = 'lookBack', id } = {}) {
	return workflow(
		id ?? `fleetPoll${String(cap).padStart(7, '0')}`,
		`Fleet: Sigfox Poll Trigger catching up, ${cap} a poll`,
		[
			node(
				'Sigfox Poll Trigger',
				'n8n-nodes-sigfox.sigfoxPollTrigger',
				{
					pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] },
					source: 'deviceTypeMessages',
					deviceTypeId: rl(ids.backlog),
					startFrom,
					...(startFrom === 'lookBack' ? { lookBackHours: 72 } : {}),
					maxItemsPerPoll: cap,
				},
				{ credentials: SIM_CREDENTIAL },
			),
			node('Collect IDs', 'n8n-nodes-base.aggregate', {
				aggregate: 'aggregateIndividualFields',
				fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'messageId' }] },
				options: {},
			}),
			node(
				'Report',
				'n8n-nodes-base.httpRequest',
				{
					method: 'POST',
					url: collectorUrl,
					sendBody: true,
					contentType: 'raw',
					rawContentType: 'application/json',
					body: '={{ JSON.stringify($json.messageId) }}',
					options: {},
				},
				{ typeVersion: 4.2 },
			),
		],
		{ active: false },
	);
}

module.exports = { fleetWorkflows, SIM_CREDENTIAL };
