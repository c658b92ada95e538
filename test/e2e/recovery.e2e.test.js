'use strict';
/**
 * Recovery of missed messages in a real n8n: the Sigfox Trigger and the Sigfox Poll Trigger (undelivered callbacks)
 * feed one Remove Duplicates node. n8n is stopped for longer than Sigfox's retry schedule (time-scaled), devices send
 * meanwhile, n8n restarts, and every message is processed exactly once.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../../scripts/n8n-runtime');
const stack = require('../../scripts/stack');
const {
	recoverMissedNode,
	removeSigfoxRetriesNode,
	triggerNode,
} = require('../support/workflow-nodes');
const { e2eState, simulatorControl, waitFor } = require('./helpers');

const DEVICES = ['ECE001', 'ECE002'];

function recoveryWorkflow(deviceTypeId) {
	return {
		id: 'sigfoxE2eRecover',
		name: 'E2E readings with recovery',
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [
			triggerNode(deviceTypeId, { events: ['uplink'], payloadConfig: 'n::uint:8' }),
			recoverMissedNode(deviceTypeId, {
				source: 'deviceTypeUndelivered',
				payloadConfig: 'n::uint:8',
				options: { callbackUrlContains: '/webhook/' },
			}),
			removeSigfoxRetriesNode(),
			{
				id: crypto.randomUUID(),
				name: 'Processed',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [440, 100],
				parameters: {},
			},
		],
		connections: {
			'Sigfox Trigger': { main: [[{ node: 'Remove Sigfox Retries', type: 'main', index: 0 }]] },
			'Recover Missed Callbacks': {
				main: [[{ node: 'Remove Sigfox Retries', type: 'main', index: 0 }]],
			},
			'Remove Sigfox Retries': { main: [[{ node: 'Processed', type: 'main', index: 0 }]] },
		},
	};
}

describe('recovery of the messages sent while n8n was down', () => {
	let running;
	let current;

	afterAll(async () => {
		if (current && current !== running?.n8n) await current.stop();
		if (running) await running.stop();
	});

	test('every message is processed exactly once, whether it came by callback or by recovery', async () => {
		const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sigfox-n8n-recovery-'));
		const packageDir = path.join(e2eState().home, 'package');
		const tarball = path.join(
			packageDir,
			fs.readdirSync(packageDir).find((name) => name.endsWith('.tgz')),
		);
		const workflowFile = path.join(home, 'recovery-workflow.json');
		running = await stack.startStack({
			home,
			tarball,
			workflows: [workflowFile],
			// Sigfox retries after 6, 12 and 24 s instead of 1, 2 and 4 minutes.
			simulator: { timeScale: 0.1 },
			seed: async (sim) => {
				const control = simulatorControl(sim.controlUrl);
				const { id } = await control('POST', '/device-types', { name: 'Recovery' });
				for (const device of DEVICES)
					await control('POST', '/devices', { id: device, deviceTypeId: id });
				fs.writeFileSync(workflowFile, JSON.stringify(recoveryWorkflow(id)));
				return () => {};
			},
		});
		current = running.n8n;
		const control = simulatorControl(running.sim.controlUrl);
		const { apiKey } = await stack.n8nApiKey(current.url);
		const processed = async () => {
			const query = new URLSearchParams({
				workflowId: 'sigfoxE2eRecover',
				includeData: 'true',
				limit: '100',
			});
			const res = await fetch(`${current.url}/api/v1/executions?${query}`, {
				headers: { 'X-N8N-API-KEY': apiKey },
			});
			const { data } = await res.json();
			return data
				.filter((execution) => execution.finished)
				.flatMap((execution) => execution.data.resultData.runData.Processed?.[0].data.main[0] ?? [])
				.map((item) => item.json);
		};
		const frame = (device, n) =>
			control('POST', `/devices/${device}/frames`, { data: n.toString(16).padStart(2, '0') });

		// n8n activates published workflows just after it reports ready.
		await waitFor(
			async () => {
				const callback = [...running.sim.state.callbacks.values()][0];
				if (!callback) return false;
				const probe = await fetch(callback.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{}',
				});
				return probe.status === 401;
			},
			{ what: 'the Sigfox Trigger to register its callback and answer', timeoutMs: 120_000 },
		);

		// While n8n is up: delivered by callback. Six at once, so that their executions store Remove Duplicates' first
		// keys together (where n8n's first-record race fails some of them; the node retries).
		const live = await Promise.all(
			[1, 2, 3, 4, 5, 6].map((n) => frame(DEVICES[n % DEVICES.length], n)),
		);
		expect(live.flatMap((sent) => sent.deliveries.map((d) => d.status))).toEqual(
			Array(6).fill('delivered'),
		);
		await waitFor(async () => (await processed()).length === 6, {
			what: 'the six live messages',
			timeoutMs: 120_000,
			intervalMs: 1000,
		});

		// While n8n is down: Sigfox retries, then gives up and lists the callbacks as undelivered.
		await current.stop();
		const missed = [
			await frame(DEVICES[0], 7),
			await frame(DEVICES[1], 8),
			await frame(DEVICES[0], 9),
		];
		const missedTimes = new Set(missed.map((sent) => sent.message.time));
		await waitFor(
			() =>
				running.sim.state.deliveries.filter(
					(d) => d.status === 'undelivered' && missedTimes.has(d.messageTime),
				).length === 3,
			{
				what: 'Sigfox to give up on the three callbacks (retries after 6, 12, 24 s)',
				timeoutMs: 120_000,
				intervalMs: 1000,
			},
		);
		current = await runtime.startN8n(running.paths, {
			home,
			port: Number(new URL(running.n8n.url).port),
			brokerPort: await runtime.freePort(),
			env: runtime.ownerEnv(running.paths, stack.OWNER),
		});

		// The poll trigger picks the undelivered ones up at its next minute.
		const items = await waitFor(
			async () => {
				const all = await processed();
				return all.length >= 9 && all;
			},
			{ what: 'the recovered messages', timeoutMs: 150_000, intervalMs: 2000 },
		);
		const sent = [...live, ...missed].map((s) => s.message);
		expect(items.map((item) => item.messageId).sort()).toEqual(
			sent
				.map((m) => `${m.device.id ?? m.device}:${m.seqNumber}:${Math.floor(m.time / 1000)}`)
				.sort(),
		);
		expect(items.map((item) => item.decoded.n).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(items.filter((item) => item.undelivered)).toHaveLength(3);
	}, 600_000);
});
