'use strict';
/**
 * Scale-out under failure (`npm run test:e2e:failover`): PostgreSQL, Redis, an n8n main, two webhook processors
 * behind HAProxy (health-checked) and two workers (scripts/queue-stack.js), the simulator delivering callbacks to
 * HAProxy's address with Sigfox's retry schedule (time-scaled ×0.1: retries after 6, 12 and 24 s). Under a steady
 * load of uplinks and BIDIR uplinks, one webhook processor is killed with SIGKILL (a burst of BIDIR callbacks in
 * flight), then one worker in the middle of executions, then main is restarted. Every message is followed to its end: answered (at once, on a retry, or
 * listed undelivered), executed once, twice or lost, for the README's recommended workflow (trigger and poll
 * trigger on undelivered callbacks into Remove Duplicates on messageId) and for a bare trigger; BIDIR downlinks
 * missed are counted. It prints the table and writes it as JSON to $SIGFOX_FAILOVER_FIGURES when set.
 *
 * SIGFOX_FAILOVER_QUICK=1: 30 s of load instead of 60. SIGFOX_FAILOVER_SECONDS: the load's length.
 * SIGFOX_FAILOVER_LB_RETRY=0: HAProxy without `retry-on empty-response` (scripts/queue-stack.js#startHaproxy).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const queue = require('../../scripts/queue-stack');
const stack = require('../../scripts/stack');
const {
	OWNER_HEADER,
	recoverMissedNode,
	removeSigfoxRetriesNode,
	triggerNode,
} = require('../support/workflow-nodes');
const { publicApiAt, sigfoxApiAt, simulatorControl, waitFor } = require('../e2e/helpers');

const QUICK = process.env.SIGFOX_FAILOVER_QUICK === '1';
const LOAD_SECONDS = Number(process.env.SIGFOX_FAILOVER_SECONDS || (QUICK ? 40 : 60));
const PER_SECOND = 20;
const RETRY_ON_EMPTY = process.env.SIGFOX_FAILOVER_LB_RETRY !== '0';
/** The workflows' work: the sink answers after this long, so that executions are in flight when a worker dies. */
const WORK_MS = 300;
/** Frames go round the workflows' device types; BIDIR frames ask for a downlink. */
const MIX = ['recommended', 'bare', 'recovering', 'bidir'];
/** A message sent this long before a failure was still in flight when it struck: it counts for that failure. */
const IN_FLIGHT_MS = 4000;
/** Sigfox allows 4 downlinks per device a day (docs/sigfox/callbacks.md#downlink-quota): one device per 4 BIDIR frames. */
const DOWNLINKS_PER_DEVICE = 4;
const DEVICES_PER_UPLINK_TYPE = 10;
const DOWNLINK = '0102030405060708';
/**
 * BIDIR callbacks sent at once just before the webhook processor is killed, so that some are in flight on it: Sigfox
 * takes a downlink from a BIDIR callback's first attempt only (docs/sigfox/callbacks.md#bidir-answer).
 */
const BIDIR_BURST = 20;
const BURST_LEAD_MS = 50;
/** n8n's defaults (QUEUE_WORKER_LOCK_DURATION 60 s, QUEUE_WORKER_STALLED_INTERVAL 30 s): a dead worker's jobs are found stalled within 90 s. */
const STALLED_FOUND_MS = 100_000;
/** The poll trigger polls every minute. */
const POLL_MS = 65_000;

let running;
let apiKey;
let sink;

const control = (...call) => simulatorControl(running.sim.controlUrl)(...call);
const sigfoxApi = (...call) => sigfoxApiAt(running.sim.apiUrl)(...call);
const publicApi = (...call) => publicApiAt(running.main.url, apiKey)(...call);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message) => process.stdout.write(`[e2e:failover] ${message}\n`);

/**
 * What the workflows do with a message: POST it to this server, which records it on arrival and answers after
 * WORK_MS. A message recorded twice was processed twice.
 */
function startSink() {
	const hits = new Map();
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const item = JSON.parse(body);
			const key = `${item.workflow}:${item.deviceId}:${item.seqNumber}`;
			if (!hits.has(key)) hits.set(key, []);
			hits.get(key).push({ at: Date.now(), execution: item.execution });
			setTimeout(
				() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
				WORK_MS,
			);
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () =>
			resolve({
				url: `http://127.0.0.1:${server.address().port}/processed`,
				hits,
				stop: () => new Promise((done) => server.close(done)),
			}),
		);
	});
}

function processNode(workflow, position) {
	return {
		id: crypto.randomUUID(),
		name: 'Process',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'POST',
			url: sink.url,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ workflow: "${workflow}", deviceId: $json.deviceId, seqNumber: $json.seqNumber, execution: $execution.id }) }}`,
			options: {},
		},
	};
}

/**
 * README "Losing nothing when n8n is down": trigger and poll trigger on undelivered callbacks → Remove Duplicates on
 * messageId. With `source: 'deviceTypeMessages'` the poll trigger reads every message of the device type instead.
 */
function recommendedWorkflow(
	deviceTypeId,
	{ kind = 'recommended', source = 'deviceTypeUndelivered' } = {},
) {
	return {
		nodes: [
			triggerNode(deviceTypeId, { events: ['uplink'] }),
			recoverMissedNode(deviceTypeId, {
				source,
				options: source === 'deviceTypeUndelivered' ? { callbackUrlContains: '/webhook/' } : {},
			}),
			removeSigfoxRetriesNode(),
			processNode(kind, [440, 100]),
		],
		connections: {
			'Sigfox Trigger': { main: [[{ node: 'Remove Sigfox Retries', type: 'main', index: 0 }]] },
			'Recover Missed Callbacks': {
				main: [[{ node: 'Remove Sigfox Retries', type: 'main', index: 0 }]],
			},
			'Remove Sigfox Retries': { main: [[{ node: 'Process', type: 'main', index: 0 }]] },
		},
	};
}

function bareWorkflow(deviceTypeId, events, parameters = {}) {
	return {
		nodes: [
			triggerNode(deviceTypeId, { events, ...parameters }),
			processNode(events.includes('bidir') ? 'bidir' : 'bare', [220, 0]),
		],
		connections: {
			'Sigfox Trigger': { main: [[{ node: 'Process', type: 'main', index: 0 }]] },
		},
	};
}

/** Callbacks of ours on a device type: they call the load balancer. */
async function ownCallbacks(deviceTypeId) {
	const { data } = await sigfoxApi('GET', `/device-types/${deviceTypeId}/callbacks`);
	return data.filter((callback) => callback.url.startsWith(running.lb.url));
}

async function deploy(kind, name, build, { downlinkMode } = {}) {
	const { id: deviceTypeId } = await control('POST', '/device-types', {
		name,
		...(downlinkMode === undefined ? {} : { downlinkMode }),
	});
	const { id } = await publicApi('POST', '/workflows', {
		name,
		...build(deviceTypeId),
		settings: { executionOrder: 'v1' },
	});
	await publicApi('POST', `/workflows/${id}/activate`);
	await waitFor(
		async () => {
			const own = await ownCallbacks(deviceTypeId);
			return own.length === 1 && (kind !== 'bidir' || own[0].downlinkHook);
		},
		{ what: `the callback of "${name}"` },
	);
	return { kind, deviceTypeId, workflowId: id, devices: [] };
}

/** Execution ids a worker started and had not finished, from its log. */
function inFlightOn(worker) {
	const text = fs.readFileSync(worker.logFile, 'utf8');
	const started = new Set([...text.matchAll(/Worker started execution (\d+) /g)].map((m) => m[1]));
	for (const [, id] of text.matchAll(/Worker finished execution (\d+) /g)) started.delete(id);
	return [...started];
}

/** The items an execution started with (the trigger's output), wherever n8n keeps them at that point. */
function startItems(execution) {
	const data = execution.data ?? {};
	const fromRun = Object.values(data.resultData?.runData ?? {})
		.filter((runs) => runs[0]?.source?.length === 0 || runs[0]?.source?.[0] === null)
		.flatMap((runs) => runs[0]?.data?.main?.[0] ?? []);
	const fromStack = (data.executionData?.nodeExecutionStack ?? []).flatMap(
		(entry) => entry.data?.main?.[0] ?? [],
	);
	return [...fromRun, ...fromStack].map((item) => item.json).filter((json) => json?.deviceId);
}

/** What HAProxy did, from its log (option httplog): requests, those it sent to another processor, non-2xx answers. */
function loadBalancerFigures() {
	const text = fs.readFileSync(running.lb.logFile, 'utf8');
	const figures = { requests: 0, redispatched: 0, answers: {} };
	for (const [, status, retries] of text.matchAll(
		/ (\d{3}) \d+ - - \S{4} \d+\/\d+\/\d+\/\d+\/\+?(\d+) .*"POST \/webhook\//g,
	)) {
		figures.requests += 1;
		if (Number(retries) > 0) figures.redispatched += 1;
		figures.answers[status] = (figures.answers[status] ?? 0) + 1;
	}
	return figures;
}

/**
 * How many keys each workflow's Remove Duplicates holds in n8n's store (processed_data: one row per workflow and
 * node, `{mode: 'entries', data: [hashes]}`).
 */
function dedupeKeysStored(workflowId) {
	const [[value] = []] = running.postgres.query(
		`select value from processed_data where "workflowId" = '${workflowId}'`,
	);
	return value ? (JSON.parse(value).data ?? []).length : 0;
}

/** Executions that did not succeed, with the messages they carried. */
async function unsuccessfulExecutions(workflowIds) {
	const rows = running.postgres.query(
		`select id, "workflowId", status from execution_entity where status <> 'success' and "workflowId" in (${workflowIds.map((id) => `'${id}'`).join(',')})`,
	);
	const out = [];
	for (const [id, workflowId, status] of rows) {
		const execution = await publicApi('GET', `/executions/${id}?includeData=true`);
		out.push({ id, workflowId, status, items: startItems(execution), execution });
	}
	return out;
}

beforeAll(async () => {
	const root = queue.tempRoot();
	log(`folder ${root}`);
	const tarball = stack.buildAndPack(path.join(root, 'package'));
	sink = await startSink();
	running = await queue.startQueueStack({
		root,
		tarball,
		workers: 2,
		webhookProcessors: 2,
		loadBalancer: { retryOnEmpty: RETRY_ON_EMPTY },
		simulator: { timeScale: 0.1 },
	});
	({ apiKey } = await stack.n8nApiKey(running.main.url));
}, 900_000);

afterAll(async () => {
	if (sink) await sink.stop();
	if (!running) return;
	await running.stop();
	if (process.env.SIGFOX_FAILOVER_KEEP) return;
	// The n8n and HAProxy logs stay; the database, Redis' folder, the package and the user folders go.
	queue.keepOnlyLogs(running.root, ['n8n.log', 'haproxy.log', 'haproxy.cfg']);
	log(`logs in ${running.root}`);
}, 180_000);

test('processes killed under load: every message answered, and what became of each', async () => {
	const targets = {
		recommended: await deploy('recommended', 'Failover, recommended workflow', recommendedWorkflow),
		bare: await deploy('bare', 'Failover, bare trigger', (id) => bareWorkflow(id, ['uplink'])),
		recovering: await deploy('recovering', 'Failover, poll trigger on every message', (id) =>
			recommendedWorkflow(id, { kind: 'recovering', source: 'deviceTypeMessages' }),
		),
		bidir: await deploy(
			'bidir',
			'Failover, BIDIR fixed downlink',
			(id) =>
				bareWorkflow(id, ['bidir'], {
					downlinkAnswer: 'fixed',
					downlinkData: DOWNLINK,
					options: { takeOverDownlink: true },
				}),
			{ downlinkMode: 1 },
		),
	};
	// Restarts under load can make the failures end after LOAD_SECONDS: the load goes on until they are over.
	const most = 2 * LOAD_SECONDS * PER_SECOND;
	const deviceCount = {
		recommended: DEVICES_PER_UPLINK_TYPE,
		bare: DEVICES_PER_UPLINK_TYPE,
		recovering: DEVICES_PER_UPLINK_TYPE,
		bidir: Math.ceil((most / MIX.length + BIDIR_BURST) / DOWNLINKS_PER_DEVICE) + 1,
	};
	const prefix = { recommended: 'FA', bare: 'FB', recovering: 'FD', bidir: 'FC' };
	for (const target of Object.values(targets)) {
		for (let i = 1; i <= deviceCount[target.kind]; i++) {
			const id = `${prefix[target.kind]}${i.toString(16).toUpperCase().padStart(4, '0')}`;
			await control('POST', '/devices', { id, deviceTypeId: target.deviceTypeId });
			target.devices.push({ id, sent: 0 });
		}
	}

	const frames = [];
	const pending = [];
	/** One frame of a device of the workflow `kind`; BIDIR frames ask for a downlink. */
	const send = (kind, n, extra = {}) => {
		const target = targets[kind];
		const device =
			kind === 'bidir'
				? target.devices.find((d) => d.sent < DOWNLINKS_PER_DEVICE)
				: target.devices[n % target.devices.length];
		device.sent += 1;
		const frame = { kind, device: device.id, seqNumber: device.sent, sentAt: Date.now(), ...extra };
		frames.push(frame);
		const sent = control('POST', `/devices/${device.id}/frames`, {
			data: (n % 256).toString(16).padStart(2, '0'),
			seqNumber: frame.seqNumber,
			ack: kind === 'bidir',
		}).then(
			(answer) => (frame.downlink = answer.downlink),
			(error) => (frame.error = error.message),
		);
		pending.push(sent);
		return sent;
	};

	// The failures, at a quarter, a half and three quarters of the load; each process is restarted after its kill.
	const events = [];
	const eventPlan = [
		{
			name: 'webhook processor killed',
			run: async () => {
				const [victim] = running.webhooks;
				const burst = Array.from({ length: BIDIR_BURST }, (_, i) =>
					send('bidir', i, { burst: true }),
				);
				await sleep(BURST_LEAD_MS);
				await running.kill(victim);
				const killedAt = Date.now();
				await Promise.all(burst);
				// HAProxy's health check marks it down after two failed checks of 500 ms.
				running.webhooks[0] = await running.startRole('webhook', 0);
				return { killed: victim.name, pid: victim.pid, backInMs: Date.now() - killedAt };
			},
		},
		{
			name: 'worker killed',
			run: async () => {
				const [victim] = running.workers;
				const inFlight = inFlightOn(victim);
				await running.kill(victim);
				const killedAt = Date.now();
				running.workers[0] = await running.startRole('worker', 0);
				return {
					killed: victim.name,
					pid: victim.pid,
					inFlight,
					backInMs: Date.now() - killedAt,
				};
			},
		},
		{
			name: 'main restarted',
			run: async () => {
				const started = Date.now();
				await running.main.stop();
				running.main = await running.startRole('main');
				return { backInMs: Date.now() - started };
			},
		},
	];

	const loadStart = Date.now();
	let failuresOver = 0;
	const failures = (async () => {
		for (const [i, event] of eventPlan.entries()) {
			const due = loadStart + ((i + 1) * LOAD_SECONDS * 1000) / (eventPlan.length + 1);
			await sleep(Math.max(0, due - Date.now()));
			const record = { name: event.name, at: Date.now() };
			events.push(record);
			log(`${event.name} at ${((record.at - loadStart) / 1000).toFixed(1)} s`);
			Object.assign(record, await event.run());
			log(`${event.name}: ${JSON.stringify(record)}`);
		}
		failuresOver = Date.now();
	})();
	const loadGoesOn = (n) =>
		n < LOAD_SECONDS * PER_SECOND || !failuresOver || Date.now() < failuresOver + IN_FLIGHT_MS * 2;
	for (let n = 0; loadGoesOn(n) && n < most; n++) {
		await sleep(Math.max(0, loadStart + (n * 1000) / PER_SECOND - Date.now()));
		send(MIX[n % MIX.length], n);
	}
	await Promise.all(pending);
	await failures;
	const loadEnd = Date.now();
	log(
		`sent ${frames.length} frames in ${((loadEnd - loadStart) / 1000).toFixed(1)} s; waiting for retries, polls and stalled jobs`,
	);

	// Sigfox's retries end (6 + 12 + 24 s scaled), then the poll trigger gets a chance at what they left undelivered,
	// and the dead worker's jobs are found stalled.
	const deliveriesOf = async (status) =>
		(await control('GET', `/deliveries?status=${status}`)).data;
	await waitFor(
		async () =>
			(await deliveriesOf('pending')).length + (await deliveriesOf('retrying')).length === 0,
		{ what: 'Sigfox retries to end', timeoutMs: 120_000, intervalMs: 1000 },
	);
	const undeliveredAt = Math.max(
		0,
		...(await deliveriesOf('undelivered')).map((d) => d.attempts.at(-1).time),
	);
	const workerKill = events.find((e) => e.name === 'worker killed');
	const settleUntil = Math.max(
		undeliveredAt + POLL_MS,
		loadEnd + POLL_MS,
		workerKill.at + STALLED_FOUND_MS,
	);
	await sleep(Math.max(0, settleUntil - Date.now()));
	// Then until nothing more arrives at the sink.
	let last = -1;
	while (last !== [...sink.hits.values()].flat().length) {
		last = [...sink.hits.values()].flat().length;
		await sleep(5000);
	}

	// What became of each message.
	const deliveries = (await control('GET', '/deliveries')).data;
	const deliveryOf = new Map(deliveries.map((d) => [`${d.device}:${d.seqNumber}`, d]));
	const unsuccessful = await unsuccessfulExecutions(
		Object.values(targets).map((t) => t.workflowId),
	);
	const inUnsuccessful = new Map();
	for (const execution of unsuccessful)
		for (const item of execution.items)
			inUnsuccessful.set(`${item.deviceId}:${item.seqNumber}`, execution);

	const phaseOf = (frame) =>
		[...events].reverse().find((e) => e.at - IN_FLIGHT_MS <= frame.sentAt)?.name ?? 'steady load';
	const rows = new Map();
	const lost = [];
	for (const frame of frames) {
		const key = `${frame.device}:${frame.seqNumber}`;
		const rowKey = `${phaseOf(frame)}|${frame.kind}`;
		if (!rows.has(rowKey))
			rows.set(rowKey, {
				phase: phaseOf(frame),
				workflow: frame.kind,
				sent: 0,
				answered: 0,
				answeredOnRetry: 0,
				undelivered: 0,
				executedOnce: 0,
				executedTwice: 0,
				lost: 0,
				lostStillListed: 0,
				downlinks: 0,
				downlinksMissed: 0,
			});
		const row = rows.get(rowKey);
		row.sent += 1;
		const delivery = deliveryOf.get(key);
		const first = delivery?.attempts[0];
		if (first && first.status >= 200 && first.status < 300) row.answered += 1;
		else if (delivery?.status === 'delivered') row.answeredOnRetry += 1;
		else row.undelivered += 1;
		const hits = sink.hits.get(`${frame.kind}:${frame.device}:${frame.seqNumber}`) ?? [];
		if (hits.length === 1) row.executedOnce += 1;
		if (hits.length >= 2) row.executedTwice += 1;
		if (hits.length === 0) {
			row.lost += 1;
			const execution = inUnsuccessful.get(key);
			if (execution) row.lostStillListed += 1;
			lost.push({
				...frame,
				phase: phaseOf(frame),
				delivery: delivery && {
					status: delivery.status,
					attempts: delivery.attempts.map((a) => a.status ?? a.error),
				},
				execution: execution && { id: execution.id, status: execution.status },
			});
		}
		if (frame.kind === 'bidir') {
			row.downlinks += 1;
			if (frame.downlink?.infoCode !== 0) row.downlinksMissed += 1;
		}
	}
	const table = [...rows.values()];
	const twice = [...sink.hits.entries()]
		.filter(([, hits]) => hits.length > 1)
		.map(([key, hits]) => ({ key, executions: hits.map((h) => h.execution) }));
	// Messages each deduplicating workflow processed, against the keys its Remove Duplicates kept.
	const dedupe = Object.fromEntries(
		['recommended', 'recovering'].map((kind) => [
			kind,
			{
				processed: [...sink.hits.keys()].filter((key) => key.startsWith(`${kind}:`)).length,
				keysStored: dedupeKeysStored(targets[kind].workflowId),
			},
		]),
	);
	const figures = {
		loadSeconds: LOAD_SECONDS,
		perSecond: PER_SECOND,
		retryOnEmpty: RETRY_ON_EMPTY,
		events,
		table,
		lost,
		loadBalancer: loadBalancerFigures(),
		bidirBurst: {
			sent: frames.filter((f) => f.burst).length,
			downlinksMissed: frames.filter((f) => f.burst && f.downlink?.infoCode !== 0).length,
		},
		dedupe,
		twice,
		sampleUnsuccessful: JSON.stringify(unsuccessful[0]?.execution ?? null).slice(0, 4000),
		unsuccessful: unsuccessful.map(({ id, status, items }) => ({
			id,
			status,
			messages: items.map((i) => `${i.deviceId}:${i.seqNumber}`),
		})),
	};
	if (process.env.SIGFOX_FAILOVER_FIGURES)
		fs.writeFileSync(process.env.SIGFOX_FAILOVER_FIGURES, JSON.stringify(figures, null, 2));
	const columns = [
		['phase', 'Phase'],
		['workflow', 'Workflow'],
		['sent', 'Sent'],
		['answered', 'Answered'],
		['answeredOnRetry', 'On a retry'],
		['undelivered', 'Undelivered'],
		['executedOnce', 'Once'],
		['executedTwice', 'Twice'],
		['lost', 'Lost'],
		['lostStillListed', 'Lost, listed by n8n with the message'],
		['downlinks', 'Downlinks asked'],
		['downlinksMissed', 'Missed'],
	];
	log(
		`${LOAD_SECONDS} s at ${PER_SECOND}/s, HAProxy retry-on ${RETRY_ON_EMPTY ? 'conn-failure empty-response' : 'conn-failure'}:\n` +
			[
				`| ${columns.map(([, title]) => title).join(' | ')} |`,
				`|${columns.map(() => '---').join('|')}|`,
				...table.map((row) => `| ${columns.map(([key]) => row[key]).join(' | ')} |`),
			].join('\n') +
			`\nBIDIR burst at the webhook processor's kill: ${JSON.stringify(figures.bidirBurst)}` +
			`\nHAProxy: ${JSON.stringify(figures.loadBalancer)}\nRemove Duplicates: ${JSON.stringify(dedupe)}` +
			`\ntwice: ${JSON.stringify(twice)}\nevents: ${JSON.stringify(events)}\nlost: ${JSON.stringify(lost)}\nnot successful: ${JSON.stringify(figures.unsuccessful)}`,
	);

	// Every frame reached Sigfox's callback machinery and ended answered or listed undelivered.
	expect(frames.filter((f) => f.error)).toEqual([]);
	expect(table.reduce((sum, r) => sum + r.sent, 0)).toBe(frames.length);
	// The recommended workflow never processes a message twice, kills or not.
	expect(table.filter((r) => r.workflow === 'recommended' && r.executedTwice > 0)).toEqual([]);
	// Nothing is lost while no process dies, nor when main restarts (it takes no callbacks).
	expect(
		table.filter((r) => ['steady load', 'main restarted'].includes(r.phase) && r.lost > 0),
	).toEqual([]);
	// The poll trigger on every message of the device type brings back what died with a process.
	expect(table.filter((r) => r.workflow === 'recovering' && r.lost > 0)).toEqual([]);
}, 900_000);
