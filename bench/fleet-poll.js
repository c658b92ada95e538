'use strict';
/**
 * Poll catch-up: a Sigfox Poll Trigger, started 72 hours back on a device type with a large backlog (generated in the
 * simulator's state), polls until it has caught up, each poll emitting at most its cap of items.
 *
 * How the polls are driven fast: n8n refuses poll intervals under a minute ("The polling interval is too short"), and
 * "Fetch Test Event" (manual mode) reads the newest item without moving the watermark. But n8n runs one real poll when it
 * activates a workflow (n8n-core ActiveWorkflowTriggers.activatePollTrigger: `await executePollTrigger(true)`, mode
 * `trigger`, the node's static data saved on emit). So each poll here is one activation through n8n's public API:
 * activate → the poll runs and emits → the execution reports the message IDs to a collector in this process →
 * deactivate. The workflow's own schedule (every hour) never comes round during the run. Each cycle carries n8n's
 * activation overhead, measured apart as the cycle of the final, empty poll.
 *
 * The baseline is a bare loop (bench/fleet-bare-replay.js, its own process on n8n's Node) requesting the very pages the
 * node requested, in the same order, from the same simulator.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const { basicAuth, log, rssOf, sampleRss, sleep, cpuMsOf } = require('./fleet-support');

const debug = process.env.FLEET_DEBUG ? (message) => log(`  (debug) ${message}`) : () => {};

/** Receives the message IDs each poll's execution posts: counts each ID, keeps the arrival of each post. */
function startCollector() {
	const seen = new Map();
	const posts = [];
	let waiting = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			let ids = [];
			try {
				ids = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				ids = [];
			}
			if (!Array.isArray(ids)) ids = [];
			for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
			posts.push({ at: Date.now(), items: ids.length });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
			const wake = waiting;
			waiting = [];
			for (const resolve of wake) resolve();
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({
				url: `http://127.0.0.1:${server.address().port}/collect`,
				seen,
				posts,
				/** Resolves with the next post after `count` posts, or undefined after `timeoutMs`. */
				async nextPost(count, timeoutMs) {
					const deadline = Date.now() + timeoutMs;
					while (posts.length <= count) {
						const left = deadline - Date.now();
						if (left <= 0) return undefined;
						await Promise.race([new Promise((r) => waiting.push(r)), sleep(Math.min(left, 1000))]);
					}
					return posts[count];
				},
				reset() {
					seen.clear();
					posts.length = 0;
				},
				stop: () => new Promise((r) => server.close(r)),
			});
		});
	});
}

/** The simulator's messages of the backlog device type, with the IDs the node gives them. */
function backlogMessages(sim, deviceTypeId) {
	return sim.state.messages
		.filter((m) => m.deviceTypeId === deviceTypeId)
		.map((m) => ({
			id: `${String(m.device).toUpperCase()}:${m.seqNumber ?? ''}:${Math.floor(m.time / 1000)}`,
			time: m.time,
		}));
}

/**
 * Polls until caught up. `api` is n8n's public API, `workflowId` the inactive poll workflow, `collector` the collector
 * its executions report to, `recorder` the simulator's record of requested message pages.
 */
async function catchUp({
	running,
	api,
	workflowId,
	collector,
	recorder,
	expectedMin,
	maxPolls,
	cap,
}) {
	const { n8n } = running;
	const polls = [];
	const stopSampling = sampleRss(n8n.pid);
	const cpuBefore = cpuMsOf(n8n.pid);
	recorder.start();
	const started = Date.now();
	let firstActivation;
	let emptyCycleMs;
	let failure;
	for (let i = 0; i < maxPolls; i++) {
		const collected = [...collector.seen.values()].length;
		const caughtUpSoFar = collected >= expectedMin;
		const cycleStart = Date.now();
		firstActivation ??= cycleStart;
		const postsBefore = collector.posts.length;
		debug(`poll ${i + 1}: activating`);
		try {
			await api.call('POST', `/workflows/${workflowId}/activate`);
			debug(`poll ${i + 1}: activated in ${Date.now() - cycleStart} ms`);
		} catch (error) {
			failure = `poll ${i + 1}: activation failed: ${error.message}`;
			break;
		}
		const polledAt = Date.now();
		// An empty poll starts no execution: once everything expected has come, a short wait tells it.
		// After a poll below the cap the backlog's end is near: a next poll with nothing to emit is told by 10 s of silence.
		const nearEnd = caughtUpSoFar || (polls.length > 0 && polls.at(-1).items < cap);
		const post = await collector.nextPost(postsBefore, nearEnd ? 10_000 : 120_000);
		const reportedAt = Date.now();
		debug(
			`poll ${i + 1}: ${post ? `${post.items} items reported` : 'nothing reported'}; deactivating`,
		);
		await api.call('POST', `/workflows/${workflowId}/deactivate`);
		const cycleEnd = Date.now();
		polls.push({
			start: cycleStart,
			end: post ? post.at : cycleEnd,
			items: post ? post.items : 0,
			activateMs: polledAt - cycleStart,
			reportedMs: post ? post.at - cycleStart : undefined,
			deactivateMs: cycleEnd - reportedAt,
			cycleMs: cycleEnd - cycleStart,
			rss: rssOf(n8n.pid),
		});
		if (!post) {
			if (caughtUpSoFar || nearEnd) {
				if (!caughtUpSoFar)
					failure = `poll ${i + 1} emitted nothing with ${collected} of at least ${expectedMin} messages collected`;
				// n8n's own cost of one cycle: activation with a poll that reads one page and emits nothing, deactivation.
				emptyCycleMs = polls.at(-1).activateMs + polls.at(-1).deactivateMs;
				break;
			}
			failure = `poll ${i + 1} emitted nothing with ${collected} of at least ${expectedMin} messages collected`;
			break;
		}
	}
	const pages = recorder.stop();
	// The node's own reading, poll by poll: its first page requested → its last page answered.
	for (const poll of polls) {
		const mine = pages.filter((page) => page.at >= poll.start && page.at <= poll.end);
		poll.pages = mine.length;
		poll.readMs = mine.length ? Math.max(...mine.map((page) => page.doneAt)) - mine[0].at : 0;
	}
	const withItems = polls.filter((p) => p.items > 0);
	const last = withItems.at(-1);
	// Caught up when the last poll with items had reported: the empty poll after it only confirms.
	const catchUpMs = last ? firstActivation + sumUntil(polls, last) - started : NaN;
	return {
		polls,
		pollsWithItems: withItems.length,
		catchUpMs,
		emptyCycleMs,
		firstActivation,
		peakRss: stopSampling(),
		n8nCpuMs: cpuMsOf(n8n.pid) - cpuBefore,
		pages,
		failure,
	};
}

/** Milliseconds from the first cycle's start to the report of `last` (cycles run back to back). */
function sumUntil(polls, last) {
	let ms = 0;
	for (const poll of polls) {
		if (poll === last) return ms + poll.reportedMs;
		ms += poll.cycleMs;
	}
	return ms;
}

/** The bare loop: the same pages in the same order, in a process of its own on n8n's Node. */
async function bareReplay(nodeBinary, urls) {
	const file = path.join(require('node:os').tmpdir(), `fleet-pages-${process.pid}.json`);
	fs.writeFileSync(file, JSON.stringify(urls));
	try {
		const child = spawn(
			nodeBinary,
			[path.join(__dirname, 'fleet-bare-replay.js'), file, basicAuth],
			{
				stdio: ['ignore', 'pipe', 'inherit'],
			},
		);
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		const timer = setTimeout(() => process.kill(child.pid, 'SIGTERM'), 20 * 60_000);
		const code = await new Promise((resolve) => child.on('exit', resolve));
		clearTimeout(timer);
		if (code !== 0) throw new Error(`bench/fleet-bare-replay.js exited with ${code}`);
		return JSON.parse(out);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * The n8n baseline: the same pages in the same order through n8n's request helper, in n8n itself (the bench's page
 * reader node, bench/trivial-trigger/BenchPageReader.node.js, whose activation polls once and writes its figures).
 */
async function helperReplay({ api, workflowId, pagesFile, urls }) {
	const resultFile = `${pagesFile}.result.json`;
	fs.rmSync(resultFile, { force: true });
	fs.writeFileSync(pagesFile, JSON.stringify(urls));
	await api.call('POST', `/workflows/${workflowId}/activate`);
	try {
		const deadline = Date.now() + 20 * 60_000;
		while (!fs.existsSync(resultFile)) {
			if (Date.now() > deadline) throw new Error('the page reader wrote no result in 20 minutes');
			await sleep(100);
		}
		await sleep(50);
		return JSON.parse(fs.readFileSync(resultFile, 'utf8'));
	} finally {
		await api.call('POST', `/workflows/${workflowId}/deactivate`);
	}
}

/** Two runs of a baseline over the node's pages (none when it read none), each logged. */
async function twoReplays(what, urls, replay) {
	const runs = [];
	for (let round = 0; round < 2 && urls.length; round++) {
		runs.push(await replay());
		log(
			`  ${what} over the same ${urls.length} pages: ${(runs.at(-1).wallMs / 1000).toFixed(1)} s, ${runs.at(-1).items} items`,
		);
	}
	return runs;
}

const fastest = (runs) => runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a), runs[0]);

/**
 * The whole case: the backlog's expected IDs, the catch-up through n8n, the exactly-once check, two bare replays
 * around nothing else (best of two). `idleRss` is n8n's RSS before the case.
 */
async function pollCatchUp({
	running,
	api,
	context,
	workflowId,
	collector,
	recorder,
	cap,
	idleRss,
}) {
	const { sim } = running;
	const messages = backlogMessages(sim, context.deviceTypes.backlog);
	log(
		`2. poll catch-up: ${messages.length.toLocaleString('en-US')} messages of ${context.backlogDevices.toLocaleString('en-US')} devices over ${context.backlogHours} h, at most ${cap.toLocaleString('en-US')} items a poll`,
	);
	// The first poll starts 72 h before its activation: a message older than that (by up to the run's start-up time) is
	// rightly not emitted. Everything from 72 h before the run's start on must be.
	const mustBefore = Date.now() - 72 * 3600_000 + 2000;
	const mustIds = new Set(messages.filter((m) => m.time >= mustBefore).map((m) => m.id));
	const allIds = new Set(messages.map((m) => m.id));
	const run = await catchUp({
		running,
		api,
		workflowId,
		collector,
		recorder,
		expectedMin: mustIds.size,
		cap,
		maxPolls: Math.ceil(messages.length / cap) + 20,
	});
	let twice = 0;
	let foreign = 0;
	let emitted = 0;
	for (const [id, n] of collector.seen) {
		emitted += n;
		if (n > 1) twice++;
		if (!allIds.has(id)) foreign++;
	}
	// Sigfox keeps 3 days of messages (the simulator too, history.js): while the first poll reads, the oldest ones age out.
	// Every message younger than 72 h at the end of the first poll's reading was there for the node to read, and is due.
	const firstPoll = run.polls[0];
	const firstPages = run.pages.filter(
		(page) => page.at >= firstPoll.start && page.at <= firstPoll.end,
	);
	const windowStart =
		(firstPages.length ? Math.max(...firstPages.map((page) => page.doneAt)) : Date.now()) -
		72 * 3600_000;
	const due = messages.filter((m) => m.time >= windowStart);
	let missing = 0;
	const missingSample = [];
	for (const m of due) {
		if (collector.seen.has(m.id)) continue;
		missing++;
		if (missingSample.length < 5)
			missingSample.push({ id: m.id, msAfterWindowStart: m.time - windowStart });
	}
	const olderNotEmitted = messages.length - due.length;
	const olderEmitted = messages.filter(
		(m) => m.time < windowStart && collector.seen.has(m.id),
	).length;
	const itemsPerPoll = run.polls.filter((p) => p.items > 0).map((p) => p.items);
	log(
		`  ${run.pollsWithItems} polls with items (${Math.min(...itemsPerPoll)}–${Math.max(...itemsPerPoll)} each), ${(run.catchUpMs / 1000).toFixed(1)} s to catch up; emitted ${emitted}, distinct ${collector.seen.size}, twice ${twice}, missing ${missing}, unknown ${foreign}${run.failure ? `; ${run.failure}` : ''}`,
	);
	log(
		`  n8n RSS idle ${Math.round(idleRss / 2 ** 20)} MiB → peak ${Math.round(run.peakRss / 2 ** 20)} MiB`,
	);

	const urls = run.pages.map((p) => p.url);
	const bare = await twoReplays('bare loop', urls, () => bareReplay(context.paths.node, urls));
	const bareBest = fastest(bare);
	const helper = await twoReplays("n8n's request helper", urls, () =>
		helperReplay({
			api,
			workflowId: context.workflows.pageReader.id,
			pagesFile: context.pagesFile,
			urls,
		}),
	);
	const helperBest = fastest(helper);
	const readMs = run.polls.reduce((sum, poll) => sum + poll.readMs, 0);
	return {
		cap,
		messages: messages.length,
		devices: context.backlogDevices,
		hours: context.backlogHours,
		mustEmit: due.length,
		olderThanWindow: olderNotEmitted,
		olderEmitted,
		emitted,
		distinct: collector.seen.size,
		twice,
		missing,
		missingSample,
		foreign,
		polls: run.polls.length,
		pollsWithItems: run.pollsWithItems,
		itemsPerPoll: { min: Math.min(...itemsPerPoll), max: Math.max(...itemsPerPoll) },
		pollLog: run.polls,
		catchUpMs: run.catchUpMs,
		emptyCycleMs: run.emptyCycleMs,
		n8nCpuMs: run.n8nCpuMs,
		idleRss,
		peakRss: run.peakRss,
		pages: urls.length,
		pageStatuses: run.pages.reduce(
			(acc, p) => ((acc[p.status] = (acc[p.status] ?? 0) + 1), acc),
			{},
		),
		bare: bare.map((b) => ({ wallMs: b.wallMs, items: b.items, requests: b.requests })),
		bareMs: bareBest?.wallMs,
		ratio: bareBest ? run.catchUpMs / bareBest.wallMs : undefined,
		// The catch-up less n8n's activation and deactivation of each poll (the empty cycle), which scheduled polls do not pay.
		netCatchUpMs:
			run.emptyCycleMs === undefined
				? undefined
				: run.catchUpMs - run.pollsWithItems * run.emptyCycleMs,
		readMs,
		readRatio: bareBest ? readMs / bareBest.wallMs : undefined,
		helper: helper.map((h) => ({ wallMs: h.wallMs, items: h.items, requests: h.requests })),
		helperMs: helperBest?.wallMs,
		// What the node adds to n8n's own cost of reading those pages.
		helperRatio: helperBest ? readMs / helperBest.wallMs : undefined,
		netRatio:
			bareBest && run.emptyCycleMs !== undefined
				? (run.catchUpMs - run.pollsWithItems * run.emptyCycleMs) / bareBest.wallMs
				: undefined,
		// An empty poll before the estimate was reached is the end all the same when nothing due is missing (the
		// estimate counts messages that aged out while the first poll read).
		failure: missing === 0 && /emitted nothing/.test(run.failure ?? '') ? undefined : run.failure,
	};
}

/**
 * The control of the catch-up's memory: `cycles` activation cycles of a poll workflow that has nothing to emit (it
 * starts from now). What n8n's RSS does here is the harness's (activation, deactivation, one empty page), not the
 * items'.
 */
async function idleCycles({ running, api, workflowId, cycles, idleRss }) {
	const { n8n } = running;
	log(`  control: ${cycles} activation cycles of a poll with nothing to emit`);
	const stopSampling = sampleRss(n8n.pid);
	const started = Date.now();
	for (let i = 0; i < cycles; i++) {
		await api.call('POST', `/workflows/${workflowId}/activate`);
		await api.call('POST', `/workflows/${workflowId}/deactivate`);
	}
	const result = { cycles, wallMs: Date.now() - started, idleRss, peakRss: stopSampling() };
	log(
		`  control: ${(result.wallMs / cycles).toFixed(0)} ms a cycle, n8n RSS idle ${Math.round(idleRss / 2 ** 20)} MiB → peak ${Math.round(result.peakRss / 2 ** 20)} MiB`,
	);
	return result;
}

module.exports = { startCollector, pollCatchUp, idleCycles };
