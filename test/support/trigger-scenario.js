'use strict';
/**
 * The "every callback kind" scenario both real-n8n topologies run (test/e2e: one n8n; test/e2e-queue: main, webhook
 * processor and workers): one Sigfox Trigger with every kind on one device type, the five callbacks it registers, and
 * the three frames that make Sigfox send every kind.
 */
const { OWNER_HEADER, triggerNode } = require('./workflow-nodes');

const EVERY_KIND = ['uplink', 'bidir', 'dataAdvanced', 'acknowledge', 'error'];

/** The trigger with every kind, a payload config, and a fixed downlink naming the device (an n8n expression). */
function everyKindTrigger(deviceTypeId) {
	return triggerNode(deviceTypeId, {
		events: EVERY_KIND,
		payloadConfig: 'v::uint:8',
		downlinkAnswer: 'fixed',
		// n8n exposes the webhook request as $json inside the trigger: body.device as Sigfox rendered it.
		downlinkData: '={{ ("00000000" + $json.body.device).slice(-8) + "0000abcd" }}',
		options: { takeOverDownlink: true },
	});
}

/** Waits until the trigger holds its five callbacks, BIDIR with the downlink, and checks what they are. */
async function expectFiveCallbacks(ownCallbacks, deviceTypeId, waitFor) {
	const callbacks = await waitFor(
		async () => {
			const own = await ownCallbacks(deviceTypeId);
			return own.length === 5 && own.some((c) => c.downlinkHook) && own;
		},
		{ what: 'the trigger to register its five callbacks, BIDIR holding the downlink' },
	);
	expect(callbacks.map((c) => `${c.callbackType}/${c.callbackSubtype}`).sort()).toEqual([
		'0/2',
		'0/3',
		'1/4',
		'1/6',
		'2/7',
	]);
	expect(callbacks.every((c) => c.enabled && c.headers[OWNER_HEADER]?.length === 48)).toBe(true);
	return callbacks;
}

/**
 * An uplink (seqNumber 41), an ERROR warning and a bidirectional uplink (42) of one device: Sigfox then sends every
 * kind (DATA_ADVANCED some 30 s later). The bidirectional frame gets the fixed downlink naming the device.
 */
async function sendEveryKind(control, deviceId) {
	const sent = await control('POST', `/devices/${deviceId}/frames`, { data: '2a', seqNumber: 41 });
	await control('POST', `/devices/${deviceId}/errors`, {
		severity: 'WARN',
		info: 'Base station 1F2A is not communicating',
	});
	const bidir = await control('POST', `/devices/${deviceId}/frames`, {
		data: '2b',
		seqNumber: 42,
		ack: true,
	});
	expect(bidir.downlink).toMatchObject({
		infoCode: 0,
		downlinkData: `${deviceId.toLowerCase().padStart(8, '0')}0000abcd`,
	});
	return { sent, bidir };
}

module.exports = { EVERY_KIND, everyKindTrigger, expectFiveCallbacks, sendEveryKind };
