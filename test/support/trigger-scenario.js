'use strict';
/**
 * The Sigfox Trigger scenario both real-n8n topologies run (test/e2e: one n8n; test/e2e-queue: main, webhook
 * processor and workers): one trigger with every kind on one device type, the five callbacks it registers, the three
 * frames that make Sigfox send every kind and the items they start; a wrong secret that starts nothing; deactivation
 * that leaves only the foreign callback; the "From the Workflow" trigger with Build Answer.
 *
 * triggerScenario binds it to what a suite knows of its n8n: `publicApi` on the process that activates workflows,
 * `sigfoxApi` on the simulator, `ownCallbacks(deviceTypeId)` (the callbacks calling its webhook URL), and `waitFor`.
 */
const crypto = require('node:crypto');

const { FOREIGN_CALLBACK, OWNER_HEADER, triggerNode } = require('./workflow-nodes');

const EVERY_KIND = ['uplink', 'bidir', 'dataAdvanced', 'acknowledge', 'error'];
/** A secret of the right length that the trigger never issued. */
const WRONG_SECRET = 'f'.repeat(48);

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

/** The downlink everyKindTrigger answers a device with. */
const fixedDownlinkOf = (deviceId) => `${deviceId.toLowerCase().padStart(8, '0')}0000abcd`;

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
	expect(bidir.downlink).toMatchObject({ infoCode: 0, downlinkData: fixedDownlinkOf(deviceId) });
	return { sent, bidir };
}

/** Whether the items hold one of every kind. */
const hasEveryKind = (items) => EVERY_KIND.every((kind) => items.some((i) => i.event === kind));

/** The normalised items sendEveryKind's frames started, among `items`; `sent` is what it returned. */
function expectEveryKindItems(items, { deviceId, deviceTypeId, sent }) {
	const seconds = Math.floor(sent.message.time / 1000);
	// Sigfox sends every message to the UPLINK callback, and to the BIDIR one too when both exist.
	expect(items.find((item) => item.event === 'uplink' && item.seqNumber === 41)).toEqual({
		event: 'uplink',
		deviceId,
		deviceTypeId,
		time: new Date(seconds * 1000).toISOString(),
		timestamp: seconds * 1000,
		messageId: `${deviceId}:41:${seconds}`,
		data: '2a',
		seqNumber: 41,
		decoded: { v: 42 },
	});
	expect(items.find((item) => item.event === 'bidir' && item.seqNumber === 42)).toMatchObject({
		ack: true,
		seqNumber: 42,
		decoded: { v: 43 },
		downlink: { mode: 'fixed', data: fixedDownlinkOf(deviceId) },
	});
	expect(items.find((item) => item.event === 'acknowledge')).toMatchObject({
		infoCode: 0,
		infoCodeName: 'ACKED',
		downlinkAck: true,
	});
	expect(items.find((item) => item.event === 'error')).toMatchObject({
		severity: 'WARN',
		info: 'Base station 1F2A is not communicating',
	});
	expect(
		items.find((item) => item.event === 'dataAdvanced' && item.seqNumber === 41),
	).toMatchObject({
		messageId: `${deviceId}:41:${seconds}`,
		lqi: expect.stringMatching(/^(Limit|Average|Good|Excellent|NA)$/),
		linkQuality: expect.any(Number),
		decoded: { v: 42 },
	});
}

/** An uplink as the trigger's UPLINK callback receives it, `time` in seconds. */
const uplinkBody = (deviceId, time) => ({
	event: 'uplink',
	device: deviceId,
	time,
	data: '01',
	seqNumber: '1',
});

/** Posts a body to one of the trigger's callbacks with its secret, or with `secret`. */
function postToCallback(callback, body, secret = callback.headers[OWNER_HEADER]) {
	return fetch(callback.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [OWNER_HEADER]: secret },
		body: JSON.stringify(body),
	});
}

/** The trigger answering BIDIR "From the Workflow": a node after it (Build Answer) gives the downlink. */
const fromTheWorkflowTrigger = (deviceTypeId) =>
	triggerNode(deviceTypeId, {
		events: ['bidir'],
		downlinkAnswer: 'workflow',
		options: { takeOverDownlink: true },
	});

/** The Sigfox node's Build Answer after the trigger: the frame's data, padded to 8 bytes, back to the device. */
const BUILD_ANSWER = Object.freeze({
	id: crypto.randomUUID(),
	name: 'Build Answer',
	type: 'n8n-nodes-sigfox.sigfox',
	typeVersion: 1,
	position: [220, 0],
	parameters: {
		resource: 'downlink',
		operation: 'buildAnswer',
		deviceId: '={{ $json.deviceId }}',
		downlinkData: '={{ $json.data.padEnd(16, "0") }}',
	},
});

/** The connection from the trigger to Build Answer. */
const TO_BUILD_ANSWER = Object.freeze({
	'Sigfox Trigger': { main: [[{ node: 'Build Answer', type: 'main', index: 0 }]] },
});

/** The scenario on one topology: its steps bound to the suite's clients, with the nodes and helpers above. */
function triggerScenario({ publicApi, sigfoxApi, ownCallbacks, waitFor }) {
	async function createWorkflow(name, nodes, connections = {}) {
		const created = await publicApi('POST', '/workflows', {
			name,
			nodes,
			connections,
			settings: { executionOrder: 'v1' },
		});
		return created.id;
	}

	/** Finished executions of a workflow with the item the trigger started each with, newest first. */
	async function triggerExecutions(workflowId) {
		const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '250' });
		const { data } = await publicApi('GET', `/executions?${query}`);
		return data
			.filter((execution) => execution.finished)
			.map((execution) => ({
				id: String(execution.id),
				item: execution.data.resultData.runData['Sigfox Trigger'][0].data.main[0][0].json,
			}));
	}

	/** Waits until the trigger holds its five callbacks, BIDIR with the downlink, and checks what they are. */
	async function expectFiveCallbacks(deviceTypeId) {
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
	 * The refused calls of `body` started nothing: a valid one sent after them (60 s later) is executed, and by then the
	 * refused ones would have been too.
	 */
	async function expectRefusedStartedNothing(uplink, body, workflowId) {
		const valid = await postToCallback(uplink, { ...body, time: body.time + 60 });
		expect(valid.status).toBe(204);
		const all = await waitFor(
			async () => {
				const list = (await triggerExecutions(workflowId)).map((execution) => execution.item);
				return list.some((item) => item.timestamp === (body.time + 60) * 1000) && list;
			},
			{ what: 'the valid callback sent after the refused ones' },
		);
		expect(all.filter((item) => item.timestamp === body.time * 1000)).toEqual([]);
	}

	/** Deactivates a workflow and waits until its trigger has removed its callbacks from the device type. */
	async function deactivate(workflowId, deviceTypeId) {
		await publicApi('POST', `/workflows/${workflowId}/deactivate`);
		await waitFor(async () => (await ownCallbacks(deviceTypeId)).length === 0, {
			what: 'the trigger to remove its callbacks',
		});
	}

	/** After deactivation: only the other system's callback is left, and the device type has its downlink mode back. */
	async function expectOnlyForeignLeft(deviceTypeId) {
		const { data } = await sigfoxApi('GET', `/device-types/${deviceTypeId}/callbacks`);
		expect(data).toEqual([
			expect.objectContaining({ url: FOREIGN_CALLBACK.url, headers: FOREIGN_CALLBACK.headers }),
		]);
		expect((await sigfoxApi('GET', `/device-types/${deviceTypeId}`)).downlinkMode).toBe(0);
	}

	/** Activates a "From the Workflow" trigger's workflow and waits until its BIDIR callback holds the downlink. */
	async function activateForDownlink(workflowId, deviceTypeId) {
		await publicApi('POST', `/workflows/${workflowId}/activate`);
		await waitFor(async () => (await ownCallbacks(deviceTypeId)).some((c) => c.downlinkHook), {
			what: 'the BIDIR callback to be selected for downlink',
		});
	}

	return {
		BUILD_ANSWER,
		TO_BUILD_ANSWER,
		WRONG_SECRET,
		activateForDownlink,
		createWorkflow,
		deactivate,
		everyKindTrigger,
		expectEveryKindItems,
		expectFiveCallbacks,
		expectOnlyForeignLeft,
		expectRefusedStartedNothing,
		fromTheWorkflowTrigger,
		hasEveryKind,
		postToCallback,
		sendEveryKind,
		triggerExecutions,
		uplinkBody,
	};
}

module.exports = { triggerScenario };
