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

module.exports = { CREDENTIAL, FOREIGN_CALLBACK, OWNER_HEADER, triggerNode };
