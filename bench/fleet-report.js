'use strict';
/** The "Fleet scale" section of BENCHMARKS.md from bench/results/fleet.json (`npm run bench:fleet`). */
const { mib, num, seconds } = require('./fleet-support');

function load(l) {
	if (!l) return 'not recorded';
	return `load average ${l.loadAverage.map((x) => x.toFixed(2)).join(' / ')}, ${l.otherTestOrBenchProcesses} other jest or bench process(es)`;
}

function bulkSection(b, timeScale) {
	if (!b) return ['Not run (FLEET_ONLY).'];
	const scaledWindow = 10 * 60 * timeScale;
	const windows = Math.ceil(b.jobs / 5) - 1;
	const calls = Object.entries(b.bulkCalls)
		.map(([status, n]) => `${n} × ${status}`)
		.join(', ');
	const refused = Object.entries(b.errorMessages)
		.map(([message, n]) => `${num(n)} "${message}"`)
		.join(', ');
	return [
		`Device Bulk → Create of **${num(b.devices)} devices** (input items to one node; Job Size ${num(b.jobSize)}, Wait for`,
		`Completion, the credential reacting to the server's 429s) started by a Webhook that answers every output item. The simulator runs`,
		`at timeScale ${timeScale}: a job finishes ${2000 * timeScale} ms after its start, and Sigfox's limit of 5 bulk jobs per`,
		`10 minutes becomes 5 per ${scaledWindow} s, answered with 429 and Retry-After.`,
		'',
		'| Jobs | Bulk requests | Job-status reads | Time (scaled) | n8n CPU | n8n RSS before → peak |',
		'|---:|---:|---:|---:|---:|---:|',
		`| ${b.jobs} | ${b.bulkRequests} (${calls}) | ${b.statusReads} | ${seconds(b.wallMs)} | ${seconds(b.n8nCpuMs)} | ${mib(b.rssBefore)} → ${mib(b.peakRss)} |`,
		'',
		`**Count check: ${b.problemCount === 0 ? 'every device accounted for' : `${b.problemCount} problem(s)`}.** ${num(b.outputItems)} output items for`,
		`${num(b.devices)} input items, in input order; ${num(b.successes)} created (each found in the simulator, in the bulk device type:`,
		`${num(b.registered)} registered), ${num(b.errors)} error items for the ${num(b.expectedErrors)} devices Sigfox must refuse (${refused}),`,
		`none without an outcome.${b.problemCount ? ` First problems: ${b.problems.slice(0, 3).join('; ')}.` : ''}`,
		'',
		`At Sigfox's real pace the same ${b.jobs} jobs need ${windows} more 10-minute window(s) after the first five: at least`,
		`${windows * 10} minutes, nearly all of it waiting; here each 429 asked to wait until the ${scaledWindow}-second window had room, and n8n's`,
		`own work on the ${num(b.devices)} items (n8n CPU above) spread the jobs so that only ${b.bulkRequests - b.jobs} of them met one.`,
		`With the credential's default *Sigfox Documented Limits* the node waits for the window itself instead of meeting a 429`,
		`(its pacing runs on real time, so it is not part of this time-scaled run).`,
	];
}

/**
 * What the control says about the catch-ups' memory, worded from the figures: the control is activation churn alone, so a
 * catch-up that grew no more than it (15 % allowance for sampling) shows nothing that follows the backlog.
 */
function memoryControl(runs, control, listsBytes) {
	const p = runs[0];
	const controlGrowth = control.peakRss - control.idleRss;
	const growths = runs.map((r) => r.peakRss - r.idleRss);
	const withinControl = growths.every((g) => g <= controlGrowth * 1.15);
	const alike =
		runs.length > 1 && Math.max(...growths) <= Math.min(...growths) * 1.25
			? `The ${runs.length} caps, ${num(Math.max(...runs.map((r) => r.cap)) / Math.min(...runs.map((r) => r.cap)))}× apart, grew alike. `
			: '';
	return [
		`The control, on a fresh n8n before them: ${control.cycles} activation cycles of the same workflow started from now (nothing to`,
		`emit) took ${mib(control.idleRss)} → ${mib(control.peakRss)} (+${mib(controlGrowth)}), ${num(control.wallMs / control.cycles)} ms a cycle: n8n's activation churn`,
		'(heap it keeps after activating and deactivating a workflow hundreds of times), which a scheduled poll does not go through.',
		`${alike}${
			withinControl
				? "The catch-ups grew no more than the control: nothing in the catch-up's memory follows the backlog."
				: `The catch-ups grew more than the control (${growths.map((g) => `+${mib(g)}`).join(', ')} against +${mib(controlGrowth)}): the rest is the poll executions' own heap, which n8n keeps between executions; run a larger backlog (FLEET_BACKLOG_MESSAGES) to see whether it follows the backlog.`
		}`,
		"The items' own share, at the bytes per message item measured below for Get Messages, is one poll's items: about",
		`${runs.map((r) => mib(r.cap * (listsBytes ?? 3000))).join(' and ')} for these caps (below what this RSS measurement resolves), against about`,
		`${mib(p.messages * (listsBytes ?? 3000))} for the ${num(p.messages)}-message backlog in one execution.`,
	];
}

function pollSection(runs, control, listsBytes) {
	if (!runs) return ['Not run (FLEET_ONLY).'];
	if (runs[0]?.skipped) return [`Not measured: ${runs[0].skipped}.`];
	const p = runs[0];
	const verdict = (ratio) => (ratio === undefined ? '' : ratio <= 1.5 ? ' (met)' : ' (missed)');
	const ratio = (r) => (r === undefined ? '–' : `${r.toFixed(2)}×`);
	const exactly = (r) =>
		r.twice === 0 && r.missing === 0 && r.foreign === 0
			? 'yes'
			: `**no** (${r.twice} twice, ${r.missing} missing, ${r.foreign} unknown)`;
	return [
		`A device type of **${num(p.devices)} devices with ${num(p.messages)} messages over ${p.hours} hours**, generated in the simulator's`,
		`state (\`POST /control/device-types/{id}/backlog\`). A Sigfox Poll Trigger (Start From: ${p.hours} hours back, Max Items per Poll`,
		'as in the table) → Aggregate (the message IDs) → HTTP Request to a collector in the bench, executions not saved. n8n refuses',
		'poll intervals under a minute and "Fetch Test Event" does not move the watermark, but n8n polls once, for real, whenever it',
		"activates a workflow (n8n-core's `activatePollTrigger`): each poll here is one activation through n8n's public API, then a",
		"deactivation. The bare loop requests the very pages the node requested, in the same order, from one process on n8n's Node",
		"(best of two). *Reading* is the node's side of that comparison: per poll, from its first page requested to its last page",
		"answered (timed at the simulator), summed. *End to end* is from the first activation to the last poll's IDs at the",
		"collector: it adds each poll's execution of its items (Aggregate, HTTP Request) and n8n's activation cycle (the empty",
		"poll's cycle is given), which scheduled polls pay once a minute at most anyway.",
		'',
		"*n8n's request helper* is the second baseline, inside n8n: the bench's own polling node",
		'(`bench/trivial-trigger/BenchPageReader.node.js`) requests the same pages in the same order through',
		'`httpRequestWithAuthentication` with the same credential, read once, and only counts their elements (best of two). It is',
		'the floor of any node that reads Sigfox through n8n, as community nodes must: n8n builds a new HTTP agent, so a new',
		"connection, for every request (`@n8n/backend-network`, `buildNodeAgents`), and resolves the credential's",
		"expressions each time. The gap between the bare loop and it is n8n's; the gap between it and *Reading* is the node's.",
		'',
		"| Max Items per Poll | Polls with items | Items a poll | Reading (ratio to the bare loop, goal ≤ 1.5×) | Bare loop (pages) | n8n's request helper (reading's ratio to it) | End to end | n8n CPU | n8n RSS idle → peak | Exactly once |",
		'|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
		...runs.map(
			(r) =>
				`| ${num(r.cap)}${r.capIsDefault ? ' (default)' : ''} | ${r.pollsWithItems} | ${num(r.itemsPerPoll.min)}–${num(r.itemsPerPoll.max)} | ${seconds(r.readMs)} (${ratio(r.readRatio)}${verdict(r.readRatio)}) | ${r.bareMs === undefined ? '–' : seconds(r.bareMs)} (${num(r.pages)}) | ${r.helperMs === undefined ? '–' : `${seconds(r.helperMs)} (${ratio(r.helperRatio)})`} | ${seconds(r.catchUpMs)} (${r.emptyCycleMs ?? '–'} ms an empty cycle) | ${seconds(r.n8nCpuMs)} | ${mib(r.idleRss)} → ${mib(r.peakRss)} (+${mib(r.peakRss - r.idleRss)}) | ${exactly(r)} |`,
		),
		'',
		...runs.map(
			(r) =>
				`At ${num(r.cap)} a poll: ${num(r.emitted)} items emitted, ${num(r.distinct)} distinct message IDs; all ${num(r.mustEmit)} messages younger than 72 hours when the first poll had finished reading were emitted${r.missing ? ` except ${r.missing}` : ''}; ${num(r.olderThanWindow)} older one(s) (Sigfox keeps 3 days, and so does the simulator: they aged out while the first poll read) were ${r.olderEmitted ? `${num(r.olderEmitted)} of them` : 'none of them'} emitted. Pages answered: ${JSON.stringify(r.pageStatuses)}.${r.failure ? ` Stopped: ${r.failure}.` : ''}`,
		),
		'',
		`**Memory:** n8n's peak RSS over idle was ${runs.map((r) => `+${mib(r.peakRss - r.idleRss)} at ${num(r.cap)} items a poll`).join(' and ')}.`,
		...(control ? memoryControl(runs, control, listsBytes) : []),
	];
}

function listsSection(l) {
	if (!l) return ['Not run (FLEET_ONLY).'];
	const rows = [l.devices, l.messages].filter(Boolean);
	return [
		'Return All in the action node, held as items of one execution (the workflow ends in an Aggregate answering one item). The',
		'RSS growth over the settled RSS before (each list on a freshly started n8n), per item, is what an item of that list costs n8n:',
		'',
		'| List | Items | Requests | Time | n8n RSS before → peak | Bytes an item |',
		'|---|---:|---:|---:|---:|---:|',
		...rows.map(
			(r) =>
				`| ${r.name} | ${num(r.items)} | ${num(r.requests)} | ${seconds(r.wallMs)} | ${mib(r.rssBefore)} → ${mib(r.peakRss)} | ${num(r.bytesPerItem)} |`,
		),
		'',
		l.messages
			? `The messages window: ${l.window.since} to ${l.window.before}.`
			: 'No messages window (the simulator had no backlog).',
	];
}

/** A part kept from an earlier run (FLEET_ONLY ran the others) says so. */
const from = (part) => (part?.from ? [`*(From the run of ${part.from}.)*`, ''] : []);

function fleetReport(r) {
	return [
		'## Fleet scale',
		'',
		`\`npm run bench:fleet\` (bench/fleet.js), ${r.at}, ${r.durationS} s; n8n ${r.versions.n8n} on Node ${r.versions.n8nNode}, ${r.machine.cores} cores`,
		`(${r.machine.cpu}), SQLite, executions not saved on success. Machine before: ${load(r.loadBefore)}; after: ${load(r.loadAfter)}.`,
		'',
		'### Poll catch-up',
		'',
		...from(r.poll?.[0]),
		...pollSection(r.poll, r.pollControl, r.lists?.messages?.bytesPerItem),
		'',
		'### Bulk at fleet size',
		'',
		...from(r.bulk),
		...bulkSection(r.bulk, r.timeScale),
		'',
		'### Action-node lists at fleet size',
		'',
		...from(r.lists),
		...listsSection(r.lists),
	].join('\n');
}

module.exports = { fleetReport };
