'use strict';
/**
 * The Sigfox Trigger in a real n8n, against the simulator: activation registers its callbacks, every callback kind the
 * simulator sends starts an execution with the normalised item, bidirectional uplinks get their downlink (fixed value,
 * expression, from the workflow) and the simulator reports the acknowledgement, a wrong secret starts nothing,
 * deactivation leaves only the foreign callbacks, and n8n restarts never duplicate a callback.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../../scripts/n8n-runtime');
const stack = require('../../scripts/stack');
const { e2eState, publicApi, sigfoxApi, simulatorControl, waitFor } = require('./helpers');

const { FOREIGN_CALLBACK, OWNER_HEADER, triggerNode } = require('../support/workflow-nodes');
const { triggerScenario } = require('../support/trigger-scenario');

async function ownCallbacks(deviceTypeId) {
	const { n8nUrl } = e2eState();
	const { data } = await sigfoxApi('GET', `/device-types/${deviceTypeId}/callbacks`);
	return data.filter((callback) => callback.url.startsWith(`${n8nUrl}/webhook/`));
}

const scenario = triggerScenario({ publicApi, sigfoxApi, ownCallbacks, waitFor });

/** Items the trigger started executions with, newest execution first. */
const triggerItems = async (workflowId) =>
	(await scenario.triggerExecutions(workflowId)).map((execution) => execution.item);

describe('Sigfox Trigger in a real n8n', () => {
	const control = () => simulatorControl(e2eState().simControlUrl);
	let deviceTypeId;
	let workflowId;

	beforeAll(async () => {
		({ id: deviceTypeId } = await control()('POST', '/device-types', {
			name: 'E2E trigger device type',
			downlinkMode: 0,
			downlinkDataString: '0102030405060708',
		}));
		await control()('POST', '/devices', { id: 'E2E0B1', deviceTypeId });
		await sigfoxApi('POST', `/device-types/${deviceTypeId}/callbacks`, FOREIGN_CALLBACK);
		workflowId = await scenario.createWorkflow('E2E Sigfox Trigger, every kind', [
			scenario.everyKindTrigger(deviceTypeId),
		]);
	});

	test('activation registers one callback of ours per kind and takes the downlink over', async () => {
		await publicApi('POST', `/workflows/${workflowId}/activate`);

		// Activation is done when the BIDIR callback, registered last, holds the downlink.
		await scenario.expectFiveCallbacks(deviceTypeId);
		expect((await sigfoxApi('GET', `/device-types/${deviceTypeId}`)).downlinkMode).toBe(1);
	});

	test('every callback kind starts an execution with the normalised item', async () => {
		// The fixed downlink's expression answers with the device's own id.
		const { sent } = await scenario.sendEveryKind(control(), 'E2E0B1');
		const items = await waitFor(
			async () => {
				const all = await triggerItems(workflowId);
				return scenario.hasEveryKind(all) && all;
			},
			{
				what: 'an execution of every callback kind (DATA_ADVANCED comes ~30 s late)',
				timeoutMs: 90_000,
				intervalMs: 1000,
			},
		);
		scenario.expectEveryKindItems(items, { deviceId: 'E2E0B1', deviceTypeId, sent });
	});

	test('a callback with a wrong secret is refused with 401 and starts nothing', async () => {
		const [uplink] = (await ownCallbacks(deviceTypeId)).filter((c) => c.callbackSubtype === 2);
		const body = scenario.uplinkBody('E2E0B1', 1764115200);

		const refused = await scenario.postToCallback(uplink, body, scenario.WRONG_SECRET);
		const malformed = await scenario.postToCallback(uplink, { ...body, data: 'not hex' });

		expect(refused.status).toBe(401);
		expect(malformed.status).toBe(400);
		expect((await malformed.json()).message).toMatch(/"data" must be 0 to 12 bytes of hexadecimal/);
		await scenario.expectRefusedStartedNothing(uplink, body, workflowId);
	});

	/** A registered callback's body as Sigfox renders it: each `{variable}` replaced by the text given for it. */
	function renderAsSigfox(template, texts) {
		return template.replace(/\{([A-Za-z]+)\}/g, (written, name) => {
			if (!(name in texts)) throw new Error(`no text for {${name}} in ${template}`);
			return texts[name];
		});
	}

	/** Posts to the trigger's callback of one subtype, rendered from its registered template. */
	async function sendRendered(subtype, texts) {
		const [callback] = (await ownCallbacks(deviceTypeId)).filter(
			(c) => c.callbackSubtype === subtype,
		);
		const response = await fetch(callback.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				[OWNER_HEADER]: callback.headers[OWNER_HEADER],
			},
			body: renderAsSigfox(callback.bodyTemplate, texts),
		});
		return { status: response.status, text: await response.text() };
	}

	async function itemAt(event, time) {
		const items = await waitFor(
			async () => {
				const all = await triggerItems(workflowId);
				return all.some((item) => item.event === event && item.timestamp === time * 1000) && all;
			},
			{ what: `the ${event} callback of ${time}` },
		);
		return items.find((item) => item.event === event && item.timestamp === time * 1000);
	}

	// Texts as real Sigfox substituted them (captures under test/fixtures/sigfox-real/): title-case lqi,
	// numbers as text with decimals, booleans in lower case, computedLocation as an object.
	const REAL_TEXTS = {
		device: 'E2E0B1',
		data: 'b6098880',
		seqNumber: '2732',
		lqi: 'Limit',
		linkQuality: '0',
		fixedLat: '0.0',
		fixedLng: '0.0',
		operatorName: 'SIGFOX_Singapore_Unabiz',
		countryCode: '702',
		duplicates: '[{"bsId":"1D44","nbRep":3,"rssi":-123.00,"snr":18.86}]',
		computedLocation: '{"lat":1.123,"lng":103.123,"radius":4557,"source":2,"status":1}',
		rssi: '-123.00',
		snr: '18.86',
		station: '1D44',
		ack: 'true',
		longPolling: 'false',
		infoCode: '0',
		infoMessage: 'Acked',
		downlinkAck: 'true',
		downlinkOverusage: 'false',
	};

	test("a DATA_ADVANCED callback in Sigfox's real rendering reaches the workflow with the canonical item", async () => {
		const time = 1548304947;

		const answer = await sendRendered(6, { ...REAL_TEXTS, time: String(time) });

		expect(answer.status).toBe(204);
		const item = await itemAt('dataAdvanced', time);
		expect(item).toMatchObject({
			event: 'dataAdvanced',
			deviceId: 'E2E0B1',
			messageId: `E2E0B1:2732:${time}`,
			data: 'b6098880',
			seqNumber: 2732,
			lqi: 'Limit',
			linkQuality: 0,
			operatorName: 'SIGFOX_Singapore_Unabiz',
			countryCode: 702,
			fixedLat: 0,
			fixedLng: 0,
			decoded: { v: 0xb6 },
		});
		expect(item).not.toHaveProperty('warnings');
	});

	test('a DATA_ADVANCED callback with a value Sigfox never documented is kept with a warning, not refused', async () => {
		const time = 1548304948;

		const answer = await sendRendered(6, {
			...REAL_TEXTS,
			time: String(time),
			lqi: 'Superb',
			linkQuality: '',
		});

		expect(answer.status).toBe(204);
		const item = await itemAt('dataAdvanced', time);
		expect(item).toMatchObject({
			lqi: 'Superb',
			seqNumber: 2732,
			warnings: ['lqi "Superb" is none of Limit, Average, Good, Excellent, NA; kept as received'],
		});
	});

	test("BIDIR and ACKNOWLEDGE callbacks in Sigfox's real rendering get their answer and the canonical item", async () => {
		const time = 1511814827;

		const bidir = await sendRendered(3, {
			...REAL_TEXTS,
			time: String(time),
			data: 'b0513801a421f0019405a500',
			seqNumber: '1508',
			deviceTypeId,
		});
		const acknowledge = await sendRendered(4, { ...REAL_TEXTS, time: String(time + 5) });

		expect(bidir.status).toBe(200);
		expect(JSON.parse(bidir.text)).toEqual({ E2E0B1: { downlinkData: '00e2e0b10000abcd' } });
		expect(acknowledge.status).toBe(204);
		const bidirItem = await itemAt('bidir', time);
		expect(bidirItem).toMatchObject({
			event: 'bidir',
			deviceId: 'E2E0B1',
			deviceTypeId,
			messageId: `E2E0B1:1508:${time}`,
			seqNumber: 1508,
			ack: true,
			longPolling: false,
			decoded: { v: 0xb0 },
			downlink: { mode: 'fixed', data: '00e2e0b10000abcd' },
		});
		expect(bidirItem).not.toHaveProperty('warnings');
		const acknowledgeItem = await itemAt('acknowledge', time + 5);
		expect(acknowledgeItem).toMatchObject({
			infoCode: 0,
			infoCodeName: 'ACKED',
			infoMessage: 'Acked',
			downlinkAck: true,
			downlinkOverusage: false,
		});
		expect(acknowledgeItem).not.toHaveProperty('warnings');
	});

	test('deactivation removes only its own callbacks and gives the downlink back', async () => {
		await scenario.deactivate(workflowId, deviceTypeId);

		await scenario.expectOnlyForeignLeft(deviceTypeId);
	});

	test('"From the Workflow": the device gets the downlink when Build Answer runs, not when the workflow ends', async () => {
		const { id: otherTypeId } = await control()('POST', '/device-types', {
			name: 'E2E workflow downlink',
			downlinkMode: 1,
		});
		await control()('POST', '/devices', { id: 'E2E0B2', deviceTypeId: otherTypeId });
		const id = await scenario.createWorkflow(
			'E2E Sigfox Trigger, downlink from the workflow',
			[
				scenario.fromTheWorkflowTrigger(otherTypeId),
				scenario.BUILD_ANSWER,
				{
					id: crypto.randomUUID(),
					name: 'Slow Work After the Answer',
					type: 'n8n-nodes-base.wait',
					typeVersion: 1.1,
					position: [440, 0],
					parameters: { resume: 'timeInterval', amount: 4, unit: 'seconds' },
				},
			],
			{
				...scenario.TO_BUILD_ANSWER,
				'Build Answer': {
					main: [[{ node: 'Slow Work After the Answer', type: 'main', index: 0 }]],
				},
			},
		);
		await scenario.activateForDownlink(id, otherTypeId);

		const started = Date.now();
		const sent = await control()('POST', '/devices/E2E0B2/frames', { data: 'c0ffee', ack: true });
		const answeredMs = Date.now() - started;

		expect(sent.downlink).toMatchObject({ infoCode: 0, downlinkData: 'c0ffee0000000000' });
		// The 4 s of work after Build Answer do not delay the device.
		expect(answeredMs).toBeLessThan(4000);
		const [execution] = await waitFor(
			async () => {
				const { data } = await publicApi('GET', `/executions?workflowId=${id}`);
				return data.length > 0 && data[0].finished && data;
			},
			{ what: 'the execution to finish after the slow node' },
		);
		expect(new Date(execution.stoppedAt) - new Date(execution.startedAt)).toBeGreaterThanOrEqual(
			4000,
		);
		await scenario.deactivate(id, otherTypeId);
	});
	test('"From the Workflow" without a Build Answer: Sigfox gets 204, no downlink and no error', async () => {
		const { id: typeId } = await control()('POST', '/device-types', {
			name: 'E2E workflow without an answer',
			downlinkMode: 1,
		});
		await control()('POST', '/devices', { id: 'E2E0B3', deviceTypeId: typeId });
		const id = await scenario.createWorkflow(
			'E2E Sigfox Trigger, from the workflow without Build Answer',
			[
				scenario.fromTheWorkflowTrigger(typeId),
				{
					id: crypto.randomUUID(),
					name: 'Something Else',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			{ 'Sigfox Trigger': { main: [[{ node: 'Something Else', type: 'main', index: 0 }]] } },
		);
		await scenario.activateForDownlink(id, typeId);

		const sent = await control()('POST', '/devices/E2E0B3/frames', { data: '01', ack: true });

		const [bidir] = sent.deliveries.filter((d) => d.kind === 'BIDIR');
		expect(bidir.attempts.map((a) => a.status)).toEqual([204]);
		expect(sent.downlink).toMatchObject({ infoCode: 1 });
		expect(sent.downlink.downlinkData).toBeUndefined();
		await scenario.deactivate(id, typeId);
	});
});

describe('Sigfox Trigger across n8n restarts', () => {
	let running;
	/** The n8n of the latest restart: the stack's stop() knows only the first one. */
	let current;

	afterAll(async () => {
		if (current) await current.stop();
		if (running) await running.stop();
	});

	test('five restarts of n8n leave exactly one callback per kind', async () => {
		const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sigfox-n8n-restarts-'));
		const [tarball] = fs
			.readdirSync(path.join(e2eState().home, 'package'))
			.filter((name) => name.endsWith('.tgz'))
			.map((name) => path.join(e2eState().home, 'package', name));
		const workflowFile = path.join(home, 'trigger-workflow.json');
		let deviceTypeId;
		running = await stack.startStack({
			home,
			tarball,
			workflows: [workflowFile],
			// The device type must exist before n8n activates the workflow that names it.
			seed: async (sim) => {
				const seedControl = simulatorControl(sim.controlUrl);
				({ id: deviceTypeId } = await seedControl('POST', '/device-types', { name: 'Restarts' }));
				fs.writeFileSync(
					workflowFile,
					JSON.stringify({
						id: 'sigfoxE2eRestart',
						name: 'E2E Sigfox Trigger across restarts',
						active: true,
						settings: { executionOrder: 'v1' },
						nodes: [triggerNode(deviceTypeId, { events: ['uplink', 'dataAdvanced', 'error'] })],
						connections: {},
					}),
				);
				return () => {};
			},
		});
		const callbacks = async () =>
			(
				await fetch(`${running.sim.apiUrl}/device-types/${deviceTypeId}/callbacks`, {
					headers: {
						authorization: `Basic ${Buffer.from(`${stack.API_USER.login}:${stack.API_USER.password}`).toString('base64')}`,
					},
				}).then((r) => r.json())
			).data;
		const registered = await waitFor(
			async () => {
				const list = await callbacks();
				return list.length >= 3 && list;
			},
			{ what: 'the trigger to register its three callbacks' },
		);
		const first = registered.map((c) => c.id).sort();
		expect(first).toHaveLength(3);
		// The webhook answers 401 (no secret) once n8n has activated the workflow again, 404 before.
		const webhookUrl = registered[0].url;
		const activated = () =>
			waitFor(
				async () =>
					(
						await fetch(webhookUrl, {
							method: 'POST',
							headers: { 'content-type': 'application/json' },
							body: '{}',
						})
					).status === 401,
				{ what: 'n8n to activate the trigger workflow' },
			);
		await activated();

		const port = Number(new URL(running.n8n.url).port);
		current = running.n8n;
		for (let restart = 1; restart <= 5; restart++) {
			await current.stop();
			current = await runtime.startN8n(running.paths, {
				home,
				port,
				brokerPort: await runtime.freePort(),
				env: runtime.ownerEnv(running.paths, stack.OWNER),
			});
			await activated();
		}

		expect((await callbacks()).map((c) => c.id).sort()).toEqual(first);
	}, 600_000);
});
