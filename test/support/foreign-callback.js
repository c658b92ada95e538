'use strict';

/**
 * A callback of another system (an ERP) on the trigger's device type, which the trigger must never
 * touch: the in-process trigger tests and the real-n8n suites (through workflow-nodes.js) create it.
 */
const FOREIGN_CALLBACK = Object.freeze({
	channel: 'URL',
	callbackType: 0,
	callbackSubtype: 2,
	url: 'https://erp.example.com/sigfox',
	httpMethod: 'POST',
	headers: { authorization: 'Bearer erp' },
	bodyTemplate: '{"d":"{device}"}',
	contentType: 'application/json',
});

module.exports = { FOREIGN_CALLBACK };
