'use strict';
/**
 * Building blocks of the workflows the real-n8n suites (e2e, e2e-queue, reliability) create: the simulator's
 * credential as a node refers to it, the Sigfox Trigger node, and another system's callback on the same device type.
 */
const crypto = require('node:crypto');

const { CREDENTIAL: SIMULATOR_CREDENTIAL } = require('../../scripts/stack');
const { FOREIGN_CALLBACK } = require('./foreign-callback');

/** The trigger's secret header on the callbacks it registers. */
const OWNER_HEADER = 'x-n8n-sigfox-secret';
const CREDENTIAL = {
	sigfoxApi: { id: SIMULATOR_CREDENTIAL.id, name: SIMULATOR_CREDENTIAL.name },
};

function triggerNode(
	deviceTypeId,
	parameters,
	{ name = 'Sigfox Trigger', position = [0, 0] } = {},
) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-sigfox.sigfoxTrigger',
		typeVersion: 1,
		position,
		webhookId: crypto.randomUUID(),
		parameters: { deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId }, ...parameters },
		credentials: CREDENTIAL,
	};
}

/**
 * The README's recovery half ("Losing nothing when n8n is down"): a Sigfox Poll Trigger named Recover Missed Callbacks,
 * every minute, an hour back, on `parameters` (the source and its options).
 */
function recoverMissedNode(deviceTypeId, parameters) {
	return {
		id: crypto.randomUUID(),
		name: 'Recover Missed Callbacks',
		type: 'n8n-nodes-sigfox.sigfoxPollTrigger',
		typeVersion: 1,
		position: [0, 200],
		parameters: {
			pollTimes: { item: [{ mode: 'everyMinute' }] },
			deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
			startFrom: 'lookBack',
			lookBackHours: 1,
			...parameters,
		},
		credentials: CREDENTIAL,
	};
}

/** Remove Duplicates on `messageId` across executions, retrying as in the example: the execution that loses n8n's first-record race stores its key on a retry. */
function removeSigfoxRetriesNode() {
	return {
		id: crypto.randomUUID(),
		name: 'Remove Sigfox Retries',
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		position: [220, 100],
		retryOnFail: true,
		maxTries: 5,
		waitBetweenTries: 500,
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			logic: 'removeItemsWithAlreadySeenKeyValues',
			dedupeValue: '={{ $json.messageId }}',
			options: {},
		},
	};
}

module.exports = {
	CREDENTIAL,
	FOREIGN_CALLBACK,
	OWNER_HEADER,
	recoverMissedNode,
	removeSigfoxRetriesNode,
	triggerNode,
};
