'use strict';
/**
 * `npm run bench`: the Sigfox nodes against their baselines, side by side in one run on one real n8n (loopback only,
 * undici as a bounded load client, n8n and the client on the same cores). A benchmark, not a test: it reports
 * ratios and asserts nothing about time. Writes bench/results/n8n.json, its own section of BENCHMARKS.md and
 * bench/benchmarks.svg; the decoding figures come from bench/results/decode.json (`npm run bench:decode`, run first).
 *
 * Environment: BENCH_SCALE (default 1) multiplies the request counts; BENCH_ONLY=ingestion,downlink,profile,
 * pagination,rateLimits,bulk runs a subset (the report then keeps the other figures of the previous run);
 * BENCH_ROUNDS (or `--rounds=N` after `npm run bench --`) sets the alternated rounds of the ingestion and downlink
 * comparisons (default ROUNDS below), each of which gets a confidence interval from its per-round ratios (bench/stats.js).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { request: undiciRequest } = require('undici');

const runtime = require('../scripts/n8n-runtime');
const stack = require('../scripts/stack');
const { newDevice } = require('../simulator/data/model');
const { render } = require('../simulator/callbacks/render');
const { startExecutionCounter } = require('./executions');
const { createClient, runLoad, summarise } = require('./load');
const { profileDuring } = require('./profile');
const { addBaselineNodes, benchWorkflows, PACED_CREDENTIAL } = require('./workflows');
const report = require('./report');
const { cpuMsOf, machine, rssOf, sampleRss, startStackCounting } = require('./process-stats');

const SCALE = Number(process.env.BENCH_SCALE || 1);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const CONCURRENCIES = [1, 5, 20];
/**
 * Requests per target per round at each concurrency. The targets alternate round by round (fair under drifting load),
 * and each round gives one ratio per comparison; 100 requests make its p99 the second-slowest answer, 200 the third.
 */
const REQUESTS_PER_ROUND = { 1: 100, 5: 100, 20: 200 };
/**
 * Rounds per concurrency. On this shared 2-core machine (others' tests running, ~0.8 cores of other load) every verdict
 * a 20-round run reached was reached by round 18, and no shorter prefix of it gave the opposite verdict; the capacity
 * comparisons left undecided would need about 25–50 rounds, the p99 ones hundreds (a p99 of 100–200 answers moves by
 * ±30% from round to round there). 20 rounds take about 16 minutes loaded (ingestion 11, downlink 5), less quiet (a second
 * run, its downlink part alone on the machine: 8 + 5). That second run of the same commit decided 7 goals, the first 5,
 * and no goal was met in one and missed in the other.
 * BENCHMARKS.md (n8n section, "How the ingestion and downlink goals are judged") gives the run.
 */
const DEFAULT_ROUNDS = 20;
const roundsArgument = process.argv
	.find((a) => a.startsWith('--rounds='))
	?.slice('--rounds='.length);
const ROUNDS = Number(roundsArgument ?? process.env.BENCH_ROUNDS ?? DEFAULT_ROUNDS);
if (!Number.isInteger(ROUNDS) || ROUNDS < 2)
	throw new Error(
		`rounds: ${roundsArgument ?? process.env.BENCH_ROUNDS} is not a whole number ≥ 2`,
	);
const WARM_UP = 60;
const FLEET_SIZE = 100_000;
const MESSAGE_DEVICES = 20;
const MESSAGE_PAGES = 5;
const BULK_SIZE = 20_000;
const SECRET_HEADER = 'x-n8n-sigfox-secret';
const RESULTS_DIR = path.join(__dirname, 'results');

function log(message) {
	process.stdout.write(`[bench] ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const hex = (n, width) => n.toString(16).toUpperCase().padStart(width, '0');

/** Counts the simulator's answers by route and status (a listener on its server, nothing changed in it). */
function createRequestCounter() {
	let counts = {};
	let firstAt = {};
	const routeOf = (pathname) =>
		pathname
			.replace(/^\/v2/, '')
			.replace(/^\/devices\/bulk\/[0-9a-f]{24}$/, '/devices/bulk/{jobId}')
			.replace(/^\/devices\/(?!bulk)[0-9A-Fa-f]+\//, '/devices/{id}/');
	return {
		attach(server) {
			server.prependListener('request', (req, res) => {
				const key = `${req.method} ${routeOf(new URL(req.url, 'http://sim').pathname)}`;
				firstAt[key] ??= Date.now();
				res.on('finish', () => {
					counts[key] ??= {};
					counts[key][res.statusCode] = (counts[key][res.statusCode] ?? 0) + 1;
				});
			});
		},
		take() {
			const taken = counts;
			counts = {};
			firstAt = {};
			return taken;
		},
		/** When the first request of each route arrived since the last take(). */
		firstArrivals: () => ({ ...firstAt }),
	};
}

/** Every process on the machine: pid → { ppid, cpu jiffies, command line }, from /proc. */
function processes() {
	const table = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
			const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
			table.set(Number(entry), {
				ppid: Number(fields[1]),
				jiffies: Number(fields[11]) + Number(fields[12]),
				cmdline,
			});
		} catch {
			// gone meanwhile
		}
	}
	return table;
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
function machineJiffies() {
	const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
	const busy = user + nice + system + irq + softirq + steal;
	return { busy, total: busy + idle + iowait };
}

/**
 * The machine's other load while the bench measures: every 5 s, the cores kept busy by processes that are not the
 * bench's (this process, n8n and their children) and the jest or n8n processes of others running. Stopped, it gives
 * the mean and the highest sample.
 */
function sampleOtherLoad() {
	const jiffiesPerSecond = 100;
	const ours = (table) => {
		const set = new Set([process.pid]);
		for (let grew = true; grew; ) {
			grew = false;
			for (const [pid, p] of table) {
				if (!set.has(pid) && set.has(p.ppid)) {
					set.add(pid);
					grew = true;
				}
			}
		}
		return set;
	};
	const snapshot = () => {
		const table = processes();
		const mine = ours(table);
		let ourJiffies = 0;
		let foreign = 0;
		for (const [pid, p] of table) {
			if (mine.has(pid)) ourJiffies += p.jiffies;
			else if (/jest|n8n|bench\//.test(p.cmdline)) foreign++;
		}
		return { at: Date.now(), machine: machineJiffies(), mine, ourJiffies, table, foreign };
	};
	const samples = [];
	let previous = snapshot();
	const timer = setInterval(() => {
		const now = snapshot();
		// Our processes' jiffies counted over the pids alive in both snapshots (a child that ended takes its own with it).
		let ourDelta = 0;
		for (const pid of now.mine) {
			const before = previous.table.get(pid);
			ourDelta +=
				now.table.get(pid).jiffies - (before && previous.mine.has(pid) ? before.jiffies : 0);
		}
		const seconds = (now.at - previous.at) / 1000;
		const busyCores = (now.machine.busy - previous.machine.busy) / jiffiesPerSecond / seconds;
		samples.push({
			otherCores: Math.max(0, busyCores - ourDelta / jiffiesPerSecond / seconds),
			foreignProcesses: now.foreign,
			loadAverage: os.loadavg()[0],
		});
		previous = now;
	}, 5000);
	return () => {
		clearInterval(timer);
		const of = (key) => samples.map((sample) => sample[key]);
		const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
		return {
			samples: samples.length,
			otherCoresMean: mean(of('otherCores')),
			otherCoresMax: Math.max(...of('otherCores')),
			foreignProcessesMax: Math.max(...of('foreignProcesses')),
			sampledWithForeign: of('foreignProcesses').filter((n) => n > 0).length,
			loadAverageMax: Math.max(...of('loadAverage')),
		};
	};
}

async function control(sim, method, route, body) {
	const res = await undiciRequest(`${sim.controlUrl}${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.body.text();
	if (res.statusCode >= 300)
		throw new Error(`control ${method} ${route}: ${res.statusCode} ${text}`);
	return text ? JSON.parse(text) : null;
}

const basicAuth = `Basic ${Buffer.from(`${stack.API_USER.login}:${stack.API_USER.password}`).toString('base64')}`;

/**
 * The simulator's world for every case: device types by role, a fleet of 100,000 devices written straight into
 * sim.state (the control API would take minutes), 20 devices with 500 messages each (control API, one device's
 * frames in order), the trivial trigger as a dependency of n8n's nodes folder, the paced credential, the workflows.
 */
async function seed(sim, { home, paths, workflowDir, context }) {
	const deviceTypes = {};
	for (const role of ['uplink', 'downlinkFixed', 'downlinkWorkflow', 'fleet', 'messages', 'bulk']) {
		deviceTypes[role] = (await control(sim, 'POST', '/device-types', { name: `Bench ${role}` })).id;
	}
	for (let i = 0; i < FLEET_SIZE; i++) {
		const id = hex(0x100000 + i, 6);
		sim.state.devices.set(
			id,
			newDevice(
				{ id, name: `Fleet ${id}`, pac: id.padStart(16, '0'), deviceTypeId: deviceTypes.fleet },
				{ createdBy: 'bench' },
			),
		);
	}
	const newest = Date.now() - 3600_000;
	context.messageDevices = [];
	await Promise.all(
		Array.from({ length: MESSAGE_DEVICES }, async (_, d) => {
			const id = hex(0xbe1000 + d, 6);
			context.messageDevices.push(id);
			await control(sim, 'POST', '/devices', { id, deviceTypeId: deviceTypes.messages });
			for (let k = MESSAGE_PAGES * 100 - 1; k >= 0; k--) {
				await control(sim, 'POST', `/devices/${id}/frames`, {
					data: hex(k, 4),
					seqNumber: k,
					time: newest - k * 60_000,
				});
			}
		}),
	);
	context.newestMessage = newest;
	context.deviceTypes = deviceTypes;

	addBaselineNodes(home);
	const credentialFile = path.join(home, 'bench-credential.json');
	fs.writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				...PACED_CREDENTIAL,
				data: { ...stack.API_USER, baseUrl: sim.apiUrl, rateLimiting: 'documented' },
			},
		]),
	);
	await runtime.runN8nCli(paths, ['import:credentials', `--input=${credentialFile}`], {
		home,
		brokerPort: await runtime.freePort(),
	});
	context.workflows = benchWorkflows(deviceTypes);
	for (const workflow of Object.values(context.workflows)) {
		fs.writeFileSync(path.join(workflowDir, `${workflow.id}.json`), JSON.stringify(workflow));
	}
	return () => {};
}

/**
 * The webhook of a Sigfox Trigger: the URL, secret and body template it registered on the simulator. n8n activates
 * published workflows in the background after it says it is ready, so registration may still be on its way.
 */
async function registeredCallback(sim, deviceTypeId, subtype) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const callback = [...sim.state.callbacks.values()].find(
			(c) => c.deviceTypeId === deviceTypeId && c.callbackSubtype === subtype,
		);
		if (callback) return callback;
		if (Date.now() > deadline)
			throw new Error(`no callback of subtype ${subtype} on device type ${deviceTypeId}`);
		await sleep(250);
	}
}

/** Sigfox-shaped bodies rendered from the trigger's own template, one device of 20 per request. */
function sigfoxBodies(template, deviceTypeId, { ack }) {
	return (i) => {
		const device = hex(0xbe0000 + (i % 20), 6);
		return render(template, {
			time: Math.floor(Date.now() / 1000),
			device,
			deviceTypeId,
			data: 'e8036480',
			seqNumber: i % 4096,
			ack,
			longPolling: false,
			rssi: '-120.00',
			snr: '12.00',
			station: '1A2B',
		});
	};
}

async function waitLive(n8nUrl, target) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const res = await undiciRequest(`${n8nUrl}${target.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...target.headers },
			body: target.body(0),
		});
		await res.body.text();
		if (res.statusCode !== 404) return;
		if (Date.now() > deadline) throw new Error(`${target.name}: ${target.path} stays 404`);
		await sleep(250);
	}
}

/**
 * The same load on each target, alternating: rounds of every target in turn at each concurrency. Returns per
 * target and concurrency: requests/s, latencies, failures.
 */
async function compare(running, targets, { concurrencies, requestsPerRound, expect }) {
	const n8nUrl = running.n8n.url;
	const clients = new Map();
	const results = {};
	/** A load on one target, timed until every execution it started has finished. */
	const drained = async (target, load) => {
		const before = await running.executions.count(target.workflowId);
		const cpuBefore = cpuMsOf(running.n8n.pid);
		const started = process.hrtime.bigint();
		const run = await runLoad(clients.get(target.name), load);
		await running.executions.waitFor(target.workflowId, before + load.count);
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		return { ...run, wallMs, cpuMs: cpuMsOf(running.n8n.pid) - cpuBefore };
	};
	try {
		for (const target of targets) {
			await waitLive(n8nUrl, target);
			const client = createClient(n8nUrl, { connections: Math.max(...concurrencies) });
			clients.set(target.name, client);
			await drained(target, {
				count: WARM_UP,
				concurrency: 5,
				request: (i) => ({ path: target.path, headers: target.headers, body: target.body(i) }),
				expect: () => true,
			});
		}
		for (const concurrency of concurrencies) {
			const perRound = Math.ceil(requestsPerRound[concurrency] * SCALE);
			const concurrencyStarted = Date.now();
			const runs = Object.fromEntries(
				targets.map((t) => [
					t.name,
					{
						wallMs: 0,
						cpuMs: 0,
						latencies: [],
						failures: [],
						roundCpuMsPerRequest: [],
						roundRequestsPerSecond: [],
						roundP50: [],
						roundP99: [],
					},
				]),
			);
			for (let round = 0; round < ROUNDS; round++) {
				const order = targets.map((_, i) => targets[(i + round) % targets.length]);
				for (const target of order) {
					const run = await drained(target, {
						count: perRound,
						concurrency,
						request: (i) => ({
							path: target.path,
							headers: target.headers,
							body: target.body(round * perRound + i),
						}),
						expect: expect(target),
					});
					const total = runs[target.name];
					total.wallMs += run.wallMs;
					total.cpuMs += run.cpuMs;
					total.roundCpuMsPerRequest[round] = run.cpuMs / perRound;
					total.roundRequestsPerSecond[round] = perRound / (run.wallMs / 1000);
					const { p50, p99 } = summarise(run.latencies);
					total.roundP50[round] = p50;
					total.roundP99[round] = p99;
					total.latencies.push(...run.latencies);
					total.failures.push(...run.failures);
				}
			}
			log(
				`  c=${concurrency}: ${ROUNDS} rounds of ${perRound} requests per target in ${((Date.now() - concurrencyStarted) / 1000).toFixed(0)} s`,
			);
			for (const target of targets) {
				const run = runs[target.name];
				results[target.name] ??= {};
				results[target.name][concurrency] = {
					requestsPerSecond: run.latencies.length / (run.wallMs / 1000),
					n8nCpuMsPerRequest: run.cpuMs / run.latencies.length,
					// Round by round, the targets in turn: ratios of neighbouring rounds resist the machine's other load, and
					// their spread gives each ratio its confidence interval (bench/report.js, bench/stats.js).
					roundCpuMsPerRequest: run.roundCpuMsPerRequest,
					roundRequestsPerSecond: run.roundRequestsPerSecond,
					roundP50: run.roundP50,
					roundP99: run.roundP99,
					...summarise(run.latencies),
					failures: run.failures.length,
					firstFailure: run.failures[0],
				};
				log(
					`  ${target.name.padEnd(34)} c=${String(concurrency).padEnd(3)} ${results[target.name][concurrency].requestsPerSecond.toFixed(1).padStart(6)} req/s  n8n CPU ${results[target.name][concurrency].n8nCpuMsPerRequest.toFixed(2).padStart(5)} ms/req  p50 ${results[target.name][concurrency].p50.toFixed(1).padStart(6)} ms  p99 ${results[target.name][concurrency].p99.toFixed(1).padStart(6)} ms${run.failures.length ? `  ${run.failures.length} failures: ${run.failures[0]}` : ''}`,
				);
			}
		}
	} finally {
		for (const client of clients.values()) await client.close();
	}
	return results;
}

/** A Sigfox Trigger's webhook as a load target: the URL, secret and body template it registered on the simulator. */
async function sigfoxTarget(sim, { name, workflow, deviceTypeId, subtype, ack }) {
	const callback = await registeredCallback(sim, deviceTypeId, subtype);
	return {
		name,
		workflowId: workflow.id,
		path: new URL(callback.url).pathname,
		headers: { [SECRET_HEADER]: callback.headers[SECRET_HEADER] },
		body: sigfoxBodies(callback.bodyTemplate, deviceTypeId, { ack }),
	};
}

/**
 * The Sigfox Trigger, then the trivial trigger without and with a credential, on one kind of callback; `workflows`
 * names the targets (in that order) and their workflow keys. The trivial triggers get the same secret and bodies.
 */
async function triggerTargets(running, context, { deviceType, subtype, ack }, workflows) {
	const [[sigfoxName, sigfoxWorkflow], ...trivial] = Object.entries(workflows);
	const sigfox = await sigfoxTarget(running.sim, {
		name: sigfoxName,
		workflow: context.workflows[sigfoxWorkflow],
		deviceTypeId: context.deviceTypes[deviceType],
		subtype,
		ack,
	});
	const trivialTarget = ([name, key]) => ({
		...sigfox,
		name,
		workflowId: context.workflows[key].id,
		path: `/webhook/${context.workflows[key].nodes[0].webhookId}/trivial`,
	});
	return [sigfox, ...trivial.map(trivialTarget)];
}

/** Uplinks, answered by n8n once the execution is stored; the built-in Webhook last. */
async function ingestionTargets(running, context) {
	const targets = await triggerTargets(
		running,
		context,
		{ deviceType: 'uplink', subtype: 2, ack: false },
		{
			'Sigfox Trigger': 'sigfoxUplink',
			'trivial trigger': 'trivialUplink',
			'trivial trigger + credential': 'trivialCredentialUplink',
		},
	);
	const webhook = context.workflows.webhookUplink;
	return [
		...targets,
		{
			...targets[0],
			name: 'built-in Webhook',
			workflowId: webhook.id,
			path: '/webhook/bench-webhook',
		},
	];
}

async function ingestion(running, context) {
	log(
		'1. ingestion: Sigfox Trigger vs trivial trigger (without, with a credential) vs built-in Webhook, answered once the execution is stored',
	);
	const targets = await ingestionTargets(running, context);
	return compare(running, targets, {
		concurrencies: CONCURRENCIES,
		requestsPerRound: REQUESTS_PER_ROUND,
		expect: () => (status) => status === 200 || status === 204,
	});
}

/** Bidirectional uplinks answered with a fixed downlink. */
const downlinkTargets = (running, context) =>
	triggerTargets(
		running,
		context,
		{ deviceType: 'downlinkFixed', subtype: 3, ack: true },
		{
			'Sigfox Trigger, fixed downlink': 'sigfoxDownlink',
			'trivial trigger, fixed body': 'trivialDownlink',
			'trivial trigger + credential, fixed body': 'trivialCredentialDownlink',
		},
	);

async function downlink(running, context) {
	log(
		'2. downlink: Sigfox Trigger fixed value vs trivial trigger fixed body (without, with a credential)',
	);
	const fixed = await compare(running, await downlinkTargets(running, context), {
		concurrencies: [1, 20],
		requestsPerRound: REQUESTS_PER_ROUND,
		expect: () => (status, text) => status === 200 && text.includes('0102030405060708'),
	});

	log('   "From the Workflow" → Build Answer, 20 devices at once');
	const workflowTarget = await sigfoxTarget(running.sim, {
		name: 'Sigfox Trigger, from the workflow',
		workflow: context.workflows.sigfoxWorkflowDownlink,
		deviceTypeId: context.deviceTypes.downlinkWorkflow,
		subtype: 3,
		ack: true,
	});
	await waitLive(running.n8n.url, workflowTarget);
	const client = createClient(running.n8n.url, { connections: 20 });
	try {
		const run = await runLoad(client, {
			count: Math.ceil(400 * SCALE),
			concurrency: 20,
			request: (i) => ({
				path: workflowTarget.path,
				headers: workflowTarget.headers,
				body: workflowTarget.body(i),
			}),
			expect: (status, text) => status === 200 && text.includes('"downlinkData":"e8036480'),
		});
		const workflow = {
			devices: 20,
			requestsPerSecond: run.latencies.length / (run.wallMs / 1000),
			...summarise(run.latencies),
			failures: run.failures.length,
			firstFailure: run.failures[0],
			deadlineMs: 10_000,
		};
		log(
			`  from the workflow, 20 devices: p50 ${workflow.p50.toFixed(1)} ms, p99 ${workflow.p99.toFixed(1)} ms (Sigfox waits 10,000 ms)${run.failures.length ? `; ${run.failures.length} failures: ${run.failures[0]}` : ''}`,
		);
		return { fixed, workflow };
	} finally {
		await client.close();
	}
}

/** CPU profiles of n8n under the Sigfox Trigger's and the trivial trigger's load (c=20), taken after the timing runs. */
async function profile(running, context) {
	log('profile: n8n CPU while receiving uplinks and bidirectional uplinks (c=20)');
	const [sigfox, trivial, trivialWithCredential] = await ingestionTargets(running, context);
	const [sigfoxDownlink, trivialDownlink] = await downlinkTargets(running, context);
	const requests = Math.ceil(600 * SCALE);
	const profiles = {};
	for (const [target, webhookFile, file] of [
		[sigfox, 'SigfoxTrigger.node.js', 'sigfox-trigger'],
		[trivial, 'BenchTrivialTrigger.node.js', 'trivial-trigger'],
		[trivialWithCredential, 'BenchTrivialTrigger.node.js', 'trivial-trigger-credential'],
		[sigfoxDownlink, 'SigfoxTrigger.node.js', 'sigfox-trigger-downlink'],
		[trivialDownlink, 'BenchTrivialTrigger.node.js', 'trivial-trigger-downlink'],
	]) {
		const client = createClient(running.n8n.url, { connections: 20 });
		try {
			profiles[target.name] = await profileDuring(
				running.n8n.logFile,
				running.n8n.pid,
				async () => {
					const before = await running.executions.count(target.workflowId);
					await runLoad(client, {
						count: requests,
						concurrency: 20,
						request: (i) => ({ path: target.path, headers: target.headers, body: target.body(i) }),
						expect: () => true,
					});
					await running.executions.waitFor(target.workflowId, before + requests);
				},
				{ requests, webhookFile },
				path.join(RESULTS_DIR, `profile-${file}.cpuprofile`),
			);
		} finally {
			await client.close();
		}
		const p = profiles[target.name];
		log(
			`  ${target.name}: n8n busy ${p.busyMsPerRequest.toFixed(2)} ms/request, webhook() ${p.webhookMsPerRequest.toFixed(3)} ms/request`,
		);
	}
	return profiles;
}

async function pagination(running, context, counter) {
	log(
		`3. pagination: ${FLEET_SIZE.toLocaleString('en-US')} devices, the node (Return All) vs a bare undici loop`,
	);
	const { sim, n8n } = running;
	const expectedRequests = Math.ceil(FLEET_SIZE / 100);
	const deviceTypeId = context.deviceTypes.fleet;

	/** The bare loop in a process of its own on n8n's Node, so both sides cross the same process boundary. */
	async function bare() {
		counter.take();
		const first = `${sim.apiUrl}/devices/?deviceTypeId=${deviceTypeId}&limit=100`;
		const child = spawn(
			context.paths.node,
			[path.join(__dirname, 'bare-pages.js'), first, basicAuth],
			{
				cwd: path.join(__dirname, '..'),
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		const timer = setTimeout(() => process.kill(child.pid, 'SIGTERM'), 600_000);
		const code = await new Promise((resolve) => child.on('exit', resolve));
		clearTimeout(timer);
		if (code !== 0) throw new Error(`bench/bare-pages.js exited with ${code}`);
		const { items, wallMs } = JSON.parse(out);
		return { wallMs, items, requests: counter.take() };
	}

	async function viaNode() {
		counter.take();
		const rssBefore = rssOf(n8n.pid);
		const stopSampling = sampleRss(n8n.pid);
		const started = process.hrtime.bigint();
		const res = await undiciRequest(`${n8n.url}/webhook/bench-list-devices`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}',
			headersTimeout: 0,
			bodyTimeout: 0,
		});
		const text = await res.body.text();
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		const peakRss = stopSampling();
		if (res.statusCode !== 200)
			throw new Error(`list workflow: ${res.statusCode} ${text.slice(0, 300)}`);
		return { wallMs, rssBefore, peakRss, requests: counter.take() };
	}

	const runs = { bare: [], node: [] };
	for (let round = 0; round < 2; round++) {
		runs.bare.push(await bare());
		log(`  bare loop: ${(runs.bare.at(-1).wallMs / 1000).toFixed(1)} s`);
		runs.node.push(await viaNode());
		log(`  node:      ${(runs.node.at(-1).wallMs / 1000).toFixed(1)} s`);
	}
	const requestsOf = (run) => {
		const list = run.requests['GET /devices/'] ?? {};
		return { ok: list[200] ?? 0, other: Object.entries(list).filter(([s]) => s !== '200') };
	};
	const best = (list) => list.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
	const node = best(runs.node);
	const bareBest = best(runs.bare);
	return {
		devices: FLEET_SIZE,
		expectedRequests,
		bareItems: bareBest.items,
		nodeRequests: requestsOf(node).ok,
		bareRequests: requestsOf(bareBest).ok,
		otherAnswers: [...requestsOf(node).other, ...requestsOf(bareBest).other],
		nodeMs: node.wallMs,
		bareMs: bareBest.wallMs,
		allRunsMs: { node: runs.node.map((r) => r.wallMs), bare: runs.bare.map((r) => r.wallMs) },
		n8nRssBefore: node.rssBefore,
		n8nPeakRss: Math.max(...runs.node.map((r) => r.peakRss)),
	};
}

async function rateLimits(running, context, counter) {
	log(
		`4a. rate limits: messages of ${MESSAGE_DEVICES} devices × ${MESSAGE_PAGES} pages under 1 request/s per device`,
	);
	const { sim, n8n } = running;
	// Page p of a device: its 100 messages before the newest of page p (`before` is exclusive).
	const reads = [];
	for (let p = 0; p < MESSAGE_PAGES; p++) {
		for (const deviceId of context.messageDevices) {
			reads.push({ deviceId, before: context.newestMessage - p * 100 * 60_000 + 1 });
		}
	}
	const route = 'GET /devices/{id}/messages';

	async function minimum() {
		await sleep(1100);
		counter.take();
		const started = Date.now();
		let items = 0;
		await Promise.all(
			context.messageDevices.map(async (deviceId) => {
				let answered = -Infinity;
				for (const read of reads.filter((r) => r.deviceId === deviceId)) {
					// As early as the limit allows for sure: one second after the previous answer of this device (Sigfox
					// counts a request somewhere between its sending and its answer). A 429 all the same is counted, and
					// the read sent again.
					for (;;) {
						await sleep(answered + 1000 - Date.now());
						const res = await undiciRequest(
							`${sim.apiUrl}/devices/${deviceId}/messages?limit=100&before=${read.before}`,
							{ headers: { authorization: basicAuth } },
						);
						const text = await res.body.text();
						answered = Date.now();
						if (res.statusCode === 200) {
							items += JSON.parse(text).data.length;
							break;
						}
					}
				}
			}),
		);
		return { wallMs: Date.now() - started, items, answers: counter.take()[route] ?? {} };
	}

	async function viaNode() {
		await sleep(1100);
		counter.take();
		const started = Date.now();
		const res = await undiciRequest(`${n8n.url}/webhook/bench-messages`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ items: reads }),
			headersTimeout: 0,
			bodyTimeout: 0,
		});
		const text = await res.body.text();
		return {
			wallMs: Date.now() - started,
			status: res.statusCode,
			surfaced: res.statusCode === 200 ? 0 : 1,
			answer: res.statusCode === 200 ? undefined : text.slice(0, 300),
			answers: counter.take()[route] ?? {},
		};
	}

	const minimumRun = await minimum();
	log(`  minimum the limits allow: ${(minimumRun.wallMs / 1000).toFixed(2)} s`);
	const nodeRun = await viaNode();
	log(
		`  node, documented-limit pacing: ${(nodeRun.wallMs / 1000).toFixed(2)} s, answers ${JSON.stringify(nodeRun.answers)}${nodeRun.answer ? `, ${nodeRun.answer}` : ''}`,
	);
	return { devices: MESSAGE_DEVICES, pages: MESSAGE_PAGES, minimum: minimumRun, node: nodeRun };
}

async function bulk(running, context, counter) {
	log(
		`4b. bulk registration of ${BULK_SIZE.toLocaleString('en-US')} devices (Device Bulk → Create)`,
	);
	const { sim, n8n } = running;
	const items = Array.from({ length: BULK_SIZE }, (_, i) => {
		const id = hex(0x200000 + i, 6);
		return { id, pac: id.padStart(16, '0'), name: `Bulk ${id}` };
	});
	counter.take();
	const started = Date.now();
	const res = await undiciRequest(`${n8n.url}/webhook/bench-bulk-create`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
		headersTimeout: 0,
		bodyTimeout: 0,
	});
	const text = await res.body.text();
	const wallMs = Date.now() - started;
	const firstBulkCallMs = (counter.firstArrivals()['POST /devices/bulk'] ?? NaN) - started;
	const answers = counter.take();
	const registered = [...sim.state.devices.values()].filter(
		(d) => d.deviceTypeId === context.deviceTypes.bulk,
	).length;
	const result = {
		devices: BULK_SIZE,
		status: res.statusCode,
		answer: res.statusCode === 200 ? undefined : text.slice(0, 300),
		wallMs,
		firstBulkCallMs,
		bulkCalls: Object.values(answers['POST /devices/bulk'] ?? {}).reduce((a, b) => a + b, 0),
		statusPolls: Object.values(answers['GET /devices/bulk/{jobId}'] ?? {}).reduce(
			(a, b) => a + b,
			0,
		),
		registered,
		answers,
	};
	log(
		`  ${result.bulkCalls} bulk call(s), ${result.statusPolls} status read(s), ${registered} devices registered, ${(wallMs / 1000).toFixed(1)} s`,
	);
	result.profile = await profileBulk(running);
	return result;
}

/** Where the time before the bulk call goes: n8n profiled while a second, smaller fleet is registered. */
async function profileBulk(running) {
	const devices = Math.ceil(5000 * SCALE);
	const items = Array.from({ length: devices }, (_, i) => {
		const id = hex(0x300000 + i, 6);
		return { id, pac: id.padStart(16, '0'), name: `Bulk ${id}` };
	});
	const summary = await profileDuring(
		running.n8n.logFile,
		running.n8n.pid,
		async () => {
			const res = await undiciRequest(`${running.n8n.url}/webhook/bench-bulk-create`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ items }),
				headersTimeout: 0,
				bodyTimeout: 0,
			});
			await res.body.text();
		},
		{ requests: devices, webhookFile: 'Sigfox.node.js', functionName: 'execute' },
		path.join(RESULTS_DIR, 'profile-bulk-create.cpuprofile'),
	);
	log(
		`  profile of ${devices} more: n8n busy ${summary.busyMsPerRequest.toFixed(3)} ms/device, inside the node's execute() ${summary.webhookMsPerRequest.toFixed(3)} ms/device`,
	);
	return { devices, ...summary };
}

function previousResults() {
	try {
		return JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, 'n8n.json'), 'utf8'));
	} catch {
		return {};
	}
}

async function main() {
	const started = Date.now();
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sigfox-bench-'));
	const workflowDir = path.join(home, 'bench-workflows');
	fs.mkdirSync(workflowDir);
	log(`n8n folder ${home}`);
	const paths = await runtime.ensureRuntime();
	const tarball = stack.buildAndPack(path.join(home, 'package'));
	const context = { paths };
	const counter = createRequestCounter();
	const loadBefore = os.loadavg();
	const workflowFiles = Object.values(benchWorkflows({})).map((w) =>
		path.join(workflowDir, `${w.id}.json`),
	);
	const n8nEnv = { NODE_OPTIONS: '--inspect=127.0.0.1:0' };
	const running = await startStackCounting(
		{
			home,
			tarball,
			workflows: workflowFiles,
			seed: (sim) => seed(sim, { home, paths, workflowDir, context }),
			n8nEnv,
		},
		counter,
	);
	running.executions = startExecutionCounter(paths, home);
	const stopAll = async () => {
		running.executions.stop();
		await running.stop();
	};
	const onSignal = (signal) =>
		stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	const results = { ...previousResults() };
	try {
		const wanted = (name) => !ONLY || ONLY.has(name);
		results.phaseSeconds ??= {};
		results.otherLoad ??= {};
		const run = async (name, fn) => {
			if (!wanted(name)) return;
			const phaseStarted = Date.now();
			const stopSampling = sampleOtherLoad();
			results[name] = await fn(running, context, counter);
			results.phaseSeconds[name] = Math.round((Date.now() - phaseStarted) / 1000);
			const other = (results.otherLoad[name] = stopSampling());
			log(
				`  (${name}: ${results.phaseSeconds[name]} s; other load ${other.otherCoresMean.toFixed(2)} cores on average, ${other.otherCoresMax.toFixed(2)} at most; others' jest/n8n processes in ${other.sampledWithForeign} of ${other.samples} samples)`,
			);
		};
		await run('ingestion', ingestion);
		await run('downlink', downlink);
		await run('profile', profile);
		await run('rateLimits', rateLimits);
		await run('bulk', bulk);
		await run('pagination', pagination);
		results.n8nIdleRss = rssOf(running.n8n.pid);
	} finally {
		await stopAll();
	}
	Object.assign(results, {
		command: 'npm run bench',
		at: new Date().toISOString(),
		durationS: Math.round((Date.now() - started) / 1000),
		machine: machine(),
		loadAverage: { before: loadBefore, after: os.loadavg() },
		versions: { n8n: runtime.N8N_VERSION, n8nNode: `v${runtime.NODE_VERSION}` },
		n8nSettings: {
			N8N_EXPRESSION_ENGINE: runtime.n8nEnv(paths, { home, brokerPort: 0 }).N8N_EXPRESSION_ENGINE,
			database: 'SQLite (default)',
			executions:
				'regular mode, task runners internal; every execution saved (default) except the list and bulk workflows (saveDataSuccessExecution: none)',
			logLevel: 'info',
			profiling: n8nEnv.NODE_OPTIONS,
		},
		load: {
			client: 'undici Pool, keep-alive, 127.0.0.1',
			concurrencies: CONCURRENCIES,
			requestsPerTargetPerRound: Object.fromEntries(
				Object.entries(REQUESTS_PER_ROUND).map(([c, n]) => [c, Math.ceil(n * SCALE)]),
			),
			rounds: ROUNDS,
		},
	});
	try {
		results.decode = JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, 'decode.json'), 'utf8'));
	} catch {
		log('no bench/results/decode.json: run `npm run bench:decode` first for the decoding figures');
	}
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	fs.writeFileSync(path.join(RESULTS_DIR, 'n8n.json'), `${JSON.stringify(results, null, '\t')}\n`);
	report.write(results);
	log(`done in ${results.durationS} s; raw figures in bench/results/n8n.json`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
