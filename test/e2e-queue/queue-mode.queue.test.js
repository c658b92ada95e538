'use strict';
/**
 * The Sigfox Trigger in n8n's queue mode (`npm run test:e2e:queue`): PostgreSQL, Redis, an n8n main, one webhook
 * processor and two workers (scripts/queue-stack.js) against the simulator. Activation on main registers one callback
 * per kind with the webhook processor's URL; callbacks arrive there and run on the workers; a BIDIR uplink answered
 * "from the workflow" gets its downlink back through the queue inside Sigfox's 10 s; deactivation cleans up;
 * restarting main and the webhook processor leaves no duplicates, and the registration (static data) lives in
 * PostgreSQL. The last case measures ingestion with 2 workers, 1 worker and a single regular-mode n8n on the same
 * database, and the BIDIR round trip through the queue; it prints the figures and writes them to
 * $SIGFOX_QUEUE_FIGURES when set.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Pool } = require('undici');

const queue = require('../../scripts/queue-stack');
const runtime = require('../../scripts/n8n-runtime');
const stack = require('../../scripts/stack');
const { writeBenchmarksSection } = require('../../bench/benchmarks-file');

const { FOREIGN_CALLBACK, OWNER_HEADER, triggerNode } = require('../support/workflow-nodes');
const { triggerScenario } = require('../support/trigger-scenario');
const { publicApiAt, sigfoxApiAt, simulatorControl, waitFor } = require('../e2e/helpers');

let running;
let apiKey;

// The stack is started in beforeAll and main restarts on the same address: the clients are made per call.
const control = (...call) => simulatorControl(running.sim.controlUrl)(...call);
const sigfoxApi = (...call) => sigfoxApiAt(running.sim.apiUrl)(...call);
/** n8n's public API on main (the process that activates workflows). */
const publicApi = (...call) => publicApiAt(running.main.url, apiKey)(...call);

const webhookBase = () => `${running.webhooks[0].url}/webhook/`;

/** Callbacks of ours on a device type: they call the webhook processor. */
async function ownCallbacks(deviceTypeId) {
	const { data } = await sigfoxApi('GET', `/device-types/${deviceTypeId}/callbacks`);
	return data.filter((callback) => callback.url.startsWith(webhookBase()));
}

const scenario = triggerScenario({ publicApi, sigfoxApi, ownCallbacks, waitFor });

/** Which worker ran each execution, from the workers' logs ("Worker started execution <id>"). */
function workerOf(executionIds) {
	const byWorker = {};
	for (const worker of running.workers) {
		const text = fs.readFileSync(worker.logFile, 'utf8');
		for (const id of executionIds) {
			if (new RegExp(`Worker started execution ${id} \\(`).test(text)) {
				(byWorker[worker.name] ??= []).push(id);
			}
		}
	}
	return byWorker;
}

/** The trigger's static data as n8n stored it in PostgreSQL. */
function staticDataInDb(workflowId) {
	const [[value] = []] = running.postgres.query(
		`select "staticData" from workflow_entity where id = '${workflowId}'`,
	);
	return value ? JSON.parse(value) : null;
}

beforeAll(async () => {
	const root = queue.tempRoot();
	process.stdout.write(`\n[e2e:queue] folder ${root}\n`);
	const tarball = stack.buildAndPack(path.join(root, 'package'));
	running = await queue.startQueueStack({
		root,
		tarball,
		workers: 2,
		webhookProcessors: 1,
		// DATA_ADVANCED ~3 s after a frame instead of ~30 s.
		simulator: { timeScale: 0.1 },
	});
	({ apiKey } = await stack.n8nApiKey(running.main.url));
}, 600_000);

afterAll(async () => {
	if (!running) return;
	await running.stop();
	if (process.env.SIGFOX_QUEUE_KEEP) return;
	// Only the n8n processes' logs stay; the database, Redis' folder, the package and the user folders go.
	queue.keepOnlyLogs(running.root, ['n8n.log']);
	process.stdout.write(`[e2e:queue] n8n logs in ${running.root}\n`);
}, 180_000);

describe('Sigfox Trigger in queue mode', () => {
	let deviceTypeId;
	let workflowId;

	test('activation on main registers exactly one callback per kind, calling the webhook processor', async () => {
		({ id: deviceTypeId } = await control('POST', '/device-types', {
			name: 'Queue mode, every kind',
			downlinkMode: 0,
		}));
		await control('POST', '/devices', { id: 'AE0001', deviceTypeId });
		await control('POST', '/devices', { id: 'AE0002', deviceTypeId });
		await sigfoxApi('POST', `/device-types/${deviceTypeId}/callbacks`, FOREIGN_CALLBACK);
		workflowId = await scenario.createWorkflow('Queue mode, every kind', [
			scenario.everyKindTrigger(deviceTypeId),
		]);

		await publicApi('POST', `/workflows/${workflowId}/activate`);

		const callbacks = await scenario.expectFiveCallbacks(deviceTypeId);
		// Nothing else registered (the foreign callback is the sixth).
		expect((await sigfoxApi('GET', `/device-types/${deviceTypeId}/callbacks`)).data).toHaveLength(
			6,
		);
		const uplinkUrl = callbacks.find((c) => c.callbackSubtype === 2).url;
		// Main serves no production webhooks in this topology: only the webhook processor takes them.
		const onMain = uplinkUrl.replace(running.webhooks[0].url, running.main.url);
		const mainAnswer = await fetch(onMain, {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json' },
		});
		expect(mainAnswer.status).toBe(404);
		const processorAnswer = await fetch(uplinkUrl, {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json' },
		});
		expect(processorAnswer.status).toBe(401);
		// The registration lives in the database, where every process reads it.
		const stored = JSON.stringify(staticDataInDb(workflowId));
		expect(stored).toContain(callbacks[0].headers[OWNER_HEADER]);
		for (const c of callbacks) expect(stored).toContain(c.id);
	});

	test('callbacks of every kind arrive at the webhook processor and run on the workers', async () => {
		const { sent } = await scenario.sendEveryKind(control, 'AE0001');

		// A burst of uplinks from two devices, so that both workers take some.
		const burst = [];
		for (let i = 0; i < 30; i++) {
			burst.push(
				control('POST', `/devices/AE000${1 + (i % 2)}/frames`, {
					data: (100 + i).toString(16),
					seqNumber: 100 + i,
				}),
			);
		}
		await Promise.all(burst);

		const all = await waitFor(
			async () => {
				const list = await scenario.triggerExecutions(workflowId);
				const burstDone =
					list.filter((e) => e.item.event === 'uplink' && e.item.seqNumber >= 100).length === 30;
				return burstDone && scenario.hasEveryKind(list.map((e) => e.item)) && list;
			},
			{ what: 'executions of every kind and of the burst', timeoutMs: 90_000, intervalMs: 1000 },
		);
		scenario.expectEveryKindItems(
			all.map((e) => e.item),
			{ deviceId: 'AE0001', deviceTypeId, sent },
		);
		// Every burst message decoded the same way, whichever worker ran it.
		for (const { item } of all.filter(
			(e) => e.item.event === 'uplink' && e.item.seqNumber >= 100,
		)) {
			expect(item.decoded).toEqual({ v: parseInt(item.data, 16) });
		}

		const byWorker = workerOf(all.map((e) => e.id));
		const ran = Object.values(byWorker).flat();
		expect(ran.sort()).toEqual(all.map((e) => e.id).sort());
		expect(Object.keys(byWorker).sort()).toEqual(['worker-1', 'worker-2']);
		process.stdout.write(
			`[e2e:queue] ${all.length} executions: ${Object.entries(byWorker)
				.map(([w, ids]) => `${w} ${ids.length}`)
				.join(', ')}\n`,
		);
	}, 180_000);

	test('the webhook processor refuses a wrong secret with 401 and starts nothing', async () => {
		const [uplink] = (await ownCallbacks(deviceTypeId)).filter((c) => c.callbackSubtype === 2);
		// A time no other case sends, so that the refused call could only show up as itself.
		const body = scenario.uplinkBody('AE0001', 1764115201);
		const refused = await scenario.postToCallback(uplink, body, scenario.WRONG_SECRET);
		expect(refused.status).toBe(401);
		// A valid call sent after it runs on a worker; by then the refused one would have been queued too.
		await scenario.expectRefusedStartedNothing(uplink, body, workflowId);
	});

	test('deactivation on main removes only its own callbacks and gives the downlink back', async () => {
		expect((await sigfoxApi('GET', `/device-types/${deviceTypeId}`)).downlinkMode).toBe(1);
		await scenario.deactivate(workflowId, deviceTypeId);
		await scenario.expectOnlyForeignLeft(deviceTypeId);
	});

	test('"From the Workflow": the downlink comes back through the queue inside 10 s', async () => {
		const { id: typeId } = await control('POST', '/device-types', {
			name: 'Queue mode, downlink from the workflow',
			downlinkMode: 1,
		});
		await control('POST', '/devices', { id: 'AB0001', deviceTypeId: typeId });
		const id = await scenario.createWorkflow(
			'Queue mode, downlink from the workflow',
			[scenario.fromTheWorkflowTrigger(typeId), scenario.BUILD_ANSWER],
			scenario.TO_BUILD_ANSWER,
		);
		await scenario.activateForDownlink(id, typeId);

		const durations = [];
		for (const [i, data] of ['c0ffee', 'beef01', '0a0b0c'].entries()) {
			const started = Date.now();
			const sent = await control('POST', '/devices/AB0001/frames', {
				data,
				seqNumber: 200 + i,
				ack: true,
			});
			durations.push(Date.now() - started);
			expect(sent.downlink).toMatchObject({ infoCode: 0, downlinkData: data.padEnd(16, '0') });
		}
		expect(Math.max(...durations)).toBeLessThan(10_000);
		const list = await waitFor(
			async () => {
				const l = await scenario.triggerExecutions(id);
				return l.length === 3 && l;
			},
			{ what: 'the three BIDIR executions' },
		);
		expect(Object.values(workerOf(list.map((e) => e.id))).flat()).toHaveLength(3);
		process.stdout.write(
			`[e2e:queue] BIDIR from the workflow through the queue: ${durations.join(', ')} ms\n`,
		);
		await scenario.deactivate(id, typeId);
	}, 120_000);

	test('restarting main and the webhook processor leaves no duplicates; the registration stays in PostgreSQL', async () => {
		const { id: typeId } = await control('POST', '/device-types', { name: 'Queue mode, restarts' });
		await control('POST', '/devices', { id: 'AC0001', deviceTypeId: typeId });
		const id = await scenario.createWorkflow('Queue mode, restarts', [
			triggerNode(typeId, {
				events: ['uplink', 'dataAdvanced', 'error'],
				payloadConfig: 'v::uint:8',
			}),
		]);
		await publicApi('POST', `/workflows/${id}/activate`);
		const first = await waitFor(
			async () => {
				const own = await ownCallbacks(typeId);
				return own.length === 3 && own;
			},
			{ what: 'the three callbacks' },
		);
		const ids = first.map((c) => c.id).sort();
		const secret = first[0].headers[OWNER_HEADER];
		// n8n stores the static data once the activation has returned, a moment after Sigfox lists the callbacks.
		const stored = await waitFor(
			() => {
				const text = JSON.stringify(staticDataInDb(id));
				return text.includes(secret) && text;
			},
			{ what: 'the registration in PostgreSQL' },
		);
		for (const c of first) expect(stored).toContain(c.id);

		const uplinkOf = async (seqNumber) => {
			await control('POST', '/devices/AC0001/frames', {
				data: (seqNumber % 256).toString(16).padStart(2, '0'),
				seqNumber,
			});
			return waitFor(
				async () =>
					(await scenario.triggerExecutions(id)).find(
						(e) => e.item.event === 'uplink' && e.item.seqNumber === seqNumber,
					),
				{ what: `the uplink ${seqNumber} to run` },
			);
		};
		const before = await uplinkOf(300);

		for (let restart = 1; restart <= 2; restart++) {
			await running.main.stop();
			running.main = await running.startRole('main');
			await running.webhooks[0].stop();
			// A fresh webhook processor: no cache, nothing in memory; the secret comes from PostgreSQL.
			running.webhooks[0] = await running.startRole('webhook', 0);
		}
		expect((await ownCallbacks(typeId)).map((c) => c.id).sort()).toEqual(ids);
		expect((await sigfoxApi('GET', `/device-types/${typeId}/callbacks`)).data).toHaveLength(3);
		expect(JSON.stringify(staticDataInDb(id))).toContain(secret);

		const after = await uplinkOf(301);
		// Same normalised item and decoding as before the restarts (the decoder cache started empty).
		const strip = ({ seqNumber, data, decoded, time, timestamp, messageId, ...rest }) => rest;
		expect(strip(after.item)).toEqual(strip(before.item));
		expect(after.item.decoded).toEqual({ v: 301 % 256 });
		expect(Object.values(workerOf([after.id])).flat()).toEqual([after.id]);
		await scenario.deactivate(id, typeId);
	}, 300_000);
});

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return 0;
	}
}

function percentile(sorted, p) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `count` POSTs with `concurrency` in flight over keep-alive connections; latencies in ms. */
async function load(url, { count, concurrency, body, headers, expectStatus }) {
	const target = new URL(url);
	const pool = new Pool(target.origin, { connections: concurrency });
	const latencies = [];
	const failures = [];
	let next = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const sent = performance.now();
			try {
				const res = await pool.request({
					method: 'POST',
					path: target.pathname,
					headers: { 'content-type': 'application/json', ...headers },
					body: JSON.stringify(body(i)),
				});
				const text = await res.body.text();
				latencies.push(performance.now() - sent);
				if (!expectStatus(res.statusCode, text)) failures.push(`${res.statusCode} ${text}`);
			} catch (error) {
				failures.push(error.message);
			}
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const wallMs = performance.now() - started;
	await pool.close();
	latencies.sort((a, b) => a - b);
	return { wallMs, latencies, failures };
}

/** This suite's own section of BENCHMARKS.md (the bench commands keep theirs). */
function queueFiguresSection(figures) {
	const int = (n) => Math.round(n).toLocaleString('en-US');
	const machine = `${os.cpus()[0].model.trim()} (${figures.cores} vCPU), ${os.platform()} ${os.arch()}`;
	const lines = [
		'## Queue mode: main, webhook processor, workers',
		'',
		`\`SIGFOX_QUEUE_BENCHMARKS=1 npm run test:e2e:queue\` on ${machine}, n8n ${runtime.N8N_VERSION}, PostgreSQL and Redis from`,
		"Debian's packages, `N8N_EXPRESSION_ENGINE=legacy`, executions saved. Every process — PostgreSQL, Redis, n8n main, the webhook",
		'processor, the workers with their task runners, the load client and the simulator — shares the same 2 cores, so **the machine',
		'bounds the scaling**: a second worker adds no core, only a process competing for the same two. Each run: 40 callbacks of warm-up,',
		`then ${figures.count} uplink callbacks (Sigfox Trigger → nothing, payload decoded) at ${figures.concurrency} in flight, straight to the webhook URL with`,
		'the secret; then 3 rounds of 20 BIDIR callbacks at once to a "From the Workflow" trigger → Downlink → Build Answer. "Executed" is',
		"callbacks ÷ (last execution's end − first execution's creation) from `execution_entity`; callback → done is each execution's",
		'end − creation. n8n CPU counts main, webhook processor and workers (not PostgreSQL, Redis or task runners).',
		'',
		'| Topology | Answered/s | Answer p50 | Answer p99 | Executed/s | Callback → done p50 | Callback → done p99 | n8n CPU per callback | BIDIR from the workflow p50 | BIDIR p99 (deadline 10 s) | Failures | Load average |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		...figures.runs.map(
			(r) =>
				`| ${r.label} | ${r.answeredPerSecond} | ${int(r.answerP50)} ms | ${int(r.answerP99)} ms | ${r.executionsPerSecond} | ${int(r.callbackToDoneP50)} ms | ${int(r.callbackToDoneP99)} ms | ${r.n8nCpuMsPerCallback} ms | ${int(r.bidirP50)} ms | ${int(r.bidirP99)} ms | ${r.failed + r.bidirFailures} | ${r.loadAverage} |`,
		),
		'',
		"Load average is the whole machine's at the end of each run: this test's own processes make about 3 on 2 cores, more means other",
		'jobs competed too; the two 2-worker rows show how far the run alone moves a figure. Read the rows as: the package runs unchanged in queue mode, every callback is',
		'executed, BIDIR answers stay far inside the 10 s deadline; queue mode costs more n8n CPU per callback than one process (the queue,',
		'the execution handed between processes); more workers only pay off with more cores — put them on other machines.',
	];
	return lines.join('\n');
}

describe('Figures (2 cores shared by every process: the machine bounds the scaling)', () => {
	const COUNT = Number(process.env.SIGFOX_QUEUE_COUNT || 300);
	const CONCURRENCY = 20;
	const figures = {
		count: COUNT,
		concurrency: CONCURRENCY,
		cores: os.cpus().length,
		runs: [],
	};

	test('ingestion with 2 workers, 1 worker and one regular-mode n8n; BIDIR from the workflow round trip', async () => {
		const { id: typeId } = await control('POST', '/device-types', { name: 'Queue mode, figures' });
		const ingestId = await scenario.createWorkflow('Queue mode, ingestion', [
			triggerNode(typeId, { events: ['uplink'], payloadConfig: 'v::uint:8' }),
		]);
		const { id: bidirTypeId } = await control('POST', '/device-types', {
			name: 'Queue mode, BIDIR figures',
		});
		const bidirId = await scenario.createWorkflow(
			'Queue mode, BIDIR from the workflow',
			[
				triggerNode(bidirTypeId, { events: ['bidir'], downlinkAnswer: 'workflow' }),
				scenario.BUILD_ANSWER,
			],
			scenario.TO_BUILD_ANSWER,
		);
		await publicApi('POST', `/workflows/${ingestId}/activate`);
		await publicApi('POST', `/workflows/${bidirId}/activate`);
		const [uplink] = await waitFor(
			async () => {
				const own = await ownCallbacks(typeId);
				return own.length === 1 && own;
			},
			{ what: 'the ingestion callback' },
		);
		const [bidir] = await waitFor(
			async () => {
				const own = await ownCallbacks(bidirTypeId);
				return own.length === 1 && own;
			},
			{ what: 'the BIDIR callback' },
		);
		const pathOf = (callback) => new URL(callback.url).pathname;
		const now = Math.floor(Date.now() / 1000);

		const executionRows = (workflowId, afterId) =>
			running.postgres.query(
				`select id, status, (extract(epoch from "stoppedAt" - "createdAt") * 1000)::int,
				 (extract(epoch from "createdAt") * 1000)::bigint, (extract(epoch from "stoppedAt") * 1000)::bigint
				 from execution_entity where "workflowId" = '${workflowId}' and id > ${afterId} and "stoppedAt" is not null`,
			);
		const lastId = () =>
			Number(running.postgres.query('select coalesce(max(id), 0) from execution_entity')[0][0]);

		const measure = async (label, base) => {
			const n8nPids = [running.main, ...running.webhooks, ...running.workers].map((p) => p.pid);
			const uplinkBody = (i) => ({
				event: 'uplink',
				device: `AD${String(i % 20).padStart(4, '0')}`,
				time: now,
				data: (i % 256).toString(16).padStart(2, '0'),
				seqNumber: i % 4096,
			});
			const uplinkLoad = (count) =>
				load(`${base}${pathOf(uplink)}`, {
					count,
					concurrency: CONCURRENCY,
					body: uplinkBody,
					headers: { [OWNER_HEADER]: uplink.headers[OWNER_HEADER] },
					expectStatus: (status) => status === 204,
				});
			// Warm-up, run to its end.
			let after = lastId();
			await uplinkLoad(40);
			await waitFor(() => executionRows(ingestId, after).length >= 40, {
				what: 'the warm-up executions',
				timeoutMs: 120_000,
			});

			after = lastId();
			const cpuBefore = n8nPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
			const answered = await uplinkLoad(COUNT);
			const rows = await waitFor(
				() => {
					const r = executionRows(ingestId, after);
					return r.length >= COUNT && r;
				},
				{ what: `${COUNT} executions (${label})`, timeoutMs: 300_000, intervalMs: 500 },
			);
			const cpu = n8nPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
			const done = rows.map((r) => Number(r[2])).sort((a, b) => a - b);
			const firstCreated = Math.min(...rows.map((r) => Number(r[3])));
			const lastStopped = Math.max(...rows.map((r) => Number(r[4])));

			// BIDIR from the workflow: 20 devices at once, three rounds.
			const bidirLatencies = [];
			const bidirFailures = [];
			for (let round = 0; round < 3; round++) {
				const res = await load(`${base}${pathOf(bidir)}`, {
					count: 20,
					concurrency: 20,
					body: (i) => ({
						event: 'bidir',
						device: `AB${String(i).padStart(4, '0')}`,
						time: now,
						data: 'c0ffee',
						seqNumber: round * 20 + i,
						ack: true,
					}),
					headers: { [OWNER_HEADER]: bidir.headers[OWNER_HEADER] },
					expectStatus: (status, text) => status === 200 && text.includes('c0ffee0000000000'),
				});
				bidirLatencies.push(...res.latencies);
				bidirFailures.push(...res.failures);
			}
			bidirLatencies.sort((a, b) => a - b);
			const run = {
				label,
				answeredPerSecond: +(COUNT / (answered.wallMs / 1000)).toFixed(1),
				answerP50: Math.round(percentile(answered.latencies, 50)),
				answerP99: Math.round(percentile(answered.latencies, 99)),
				executionsPerSecond: +(COUNT / ((lastStopped - firstCreated) / 1000)).toFixed(1),
				callbackToDoneP50: percentile(done, 50),
				callbackToDoneP99: percentile(done, 99),
				failed: rows.filter((r) => r[1] !== 'success').length + answered.failures.length,
				n8nCpuMsPerCallback: Math.round((cpu * 1000) / COUNT),
				bidirP50: Math.round(percentile(bidirLatencies, 50)),
				bidirP99: Math.round(percentile(bidirLatencies, 99)),
				bidirFailures: bidirFailures.length,
				// What the failed calls got back, so that a failure names its cause.
				failureSamples: [...answered.failures, ...bidirFailures].slice(0, 5),
				loadAverage: +os.loadavg()[0].toFixed(1),
			};
			figures.runs.push(run);
			process.stdout.write(`[e2e:queue] ${JSON.stringify(run)}\n`);
			return run;
		};

		const two = await measure('queue mode, 2 workers', running.webhooks[0].url);
		const worker2 = running.workers.pop();
		await worker2.stop();
		const one = await measure('queue mode, 1 worker', running.webhooks[0].url);
		// Two workers again: the machine's other load drifts, this shows by how much.
		running.workers.push(await running.startRole('worker', 1));
		const twoAgain = await measure('queue mode, 2 workers (again)', running.webhooks[0].url);

		// One regular-mode n8n on the same PostgreSQL: receives and executes in its own process.
		for (const instance of [...running.workers, ...running.webhooks, running.main])
			await instance.stop();
		running.workers = [];
		running.webhooks = [];
		running.main = await running.startRole('main', 0, {
			EXECUTIONS_MODE: 'regular',
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'false',
		});
		const single = await measure('one n8n process (regular mode)', running.main.url);

		for (const run of [two, one, twoAgain, single]) {
			expect(run.failureSamples).toEqual([]);
			expect(run.failed).toBe(0);
			expect(run.bidirFailures).toBe(0);
			expect(run.bidirP99).toBeLessThan(10_000);
		}
		if (process.env.SIGFOX_QUEUE_FIGURES)
			fs.writeFileSync(process.env.SIGFOX_QUEUE_FIGURES, JSON.stringify(figures, null, 2));
		if (process.env.SIGFOX_QUEUE_BENCHMARKS === '1')
			writeBenchmarksSection('e2e:queue', queueFiguresSection(figures));
		process.stdout.write(
			`[e2e:queue] figures (${figures.cores} cores, ${COUNT} callbacks at c=${CONCURRENCY}):\n` +
				figures.runs
					.map(
						(r) =>
							`  ${r.label}: answered ${r.answeredPerSecond}/s (p99 ${r.answerP99} ms), executed ${r.executionsPerSecond}/s (callback→done p99 ${r.callbackToDoneP99} ms), ${r.n8nCpuMsPerCallback} ms n8n CPU/callback; BIDIR from the workflow p99 ${r.bidirP99} ms`,
					)
					.join('\n') +
				'\n',
		);
	}, 900_000);
});
