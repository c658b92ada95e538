'use strict';
/**
 * Device Bulk → Create of a fleet (100,000 devices by default) through a real n8n: a Webhook hands the devices to the
 * Sigfox node (Job Size 10,000, Wait for Completion), which answers one item per device. The simulator runs time-scaled
 * (jobs finish after 2 s × timeScale; 5 bulk jobs per 10 minutes × timeScale), so the sixth job meets Sigfox's limit.
 *
 * Among the devices, some that Sigfox must refuse: IDs that already exist (in another device type), PACs that are not
 * 16 hex characters, and IDs listed twice. The count check: exactly one output item per input item, each a success
 * (and then the device exists in the simulator, in the bulk device type) or an error naming that device.
 */
const { hex, log, rssOf, sampleRss, cpuMsOf } = require('./fleet-support');

const JOB_SIZE = 10_000;

function fleetInput(devices) {
	const existing = Math.min(100, Math.floor(devices / 1000));
	const badPac = existing;
	const repeated = Math.min(10, Math.floor(devices / 10_000));
	const items = [];
	const expectError = new Map();
	for (let i = 0; items.length < devices - repeated; i++) {
		const id = hex(0x400000 + i, 7);
		const pac = i < badPac ? 'NOT-A-PAC' : id.padStart(16, '0');
		if (i < badPac) expectError.set(id, 'invalid PAC');
		items.push({ id, pac, name: `Fleet ${id}` });
	}
	// Already registered in another device type: the seed puts them there.
	const alreadyThere = items.slice(badPac, badPac + existing).map((item) => item.id);
	for (const id of alreadyThere) expectError.set(id, 'the device already exists');
	// Listed twice: the second goes to a job of its own and finds the first one registered.
	for (const item of items.slice(-repeated)) items.push({ ...item });
	return { items, alreadyThere, expectError, repeated: items.slice(-repeated).map((i) => i.id) };
}

/**
 * Runs the bulk case; `running` is the stack, `counter` the simulator's answer counter, `deviceTypes` the ids by role.
 * Returns the figures and the checks (thrown only when n8n does not answer at all).
 */
async function bulkFleet({ running, counter, deviceTypes, input, timeScale }) {
	const { sim, n8n } = running;
	const { items, expectError, repeated } = input;
	log(
		`1. Device Bulk → Create of ${items.length.toLocaleString('en-US')} devices (Job Size ${JOB_SIZE.toLocaleString('en-US')}, timeScale ${timeScale})`,
	);
	const rssBefore = rssOf(n8n.pid);
	const cpuBefore = cpuMsOf(n8n.pid);
	const stopSampling = sampleRss(n8n.pid);
	counter.take();
	const started = Date.now();
	const res = await fetch(`${n8n.url}/webhook/fleet-bulk-create`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
		signal: AbortSignal.timeout(30 * 60_000),
	});
	const text = await res.text();
	const wallMs = Date.now() - started;
	const peakRss = stopSampling();
	const cpuMs = cpuMsOf(n8n.pid) - cpuBefore;
	const { counts, retryAfterS } = counter.take();
	if (res.status !== 200) throw new Error(`bulk workflow: ${res.status} ${text.slice(0, 500)}`);
	const output = JSON.parse(text);

	// The count check, device by device: the node answers one item per input item, in input order.
	const problems = [];
	let successes = 0;
	let errors = 0;
	let refusedBeforeSending = 0;
	const jobs = new Set();
	const errorMessages = {};
	if (output.length !== items.length)
		problems.push(`${output.length} output items for ${items.length} input items`);
	output.forEach((out, i) => {
		const id = items[i]?.id;
		const named = out.deviceId === undefined ? undefined : String(out.deviceId).toUpperCase();
		if (named !== undefined && named !== id)
			problems.push(`item ${i}: output names ${named}, input was ${id}`);
		if (out.jobId) jobs.add(out.jobId);
		if (out.success === true) {
			successes++;
			const device = sim.state.devices.get(id);
			if (!device || device.deviceTypeId !== deviceTypes.bulk)
				problems.push(`${id}: success but not registered in the bulk device type`);
		} else if (out.success === false && out.error) {
			errors++;
			if (named === undefined) refusedBeforeSending++;
			const message = String(out.error).replace(/[0-9A-F]{7,8}/g, '…');
			errorMessages[message] = (errorMessages[message] ?? 0) + 1;
		} else {
			problems.push(`${id}: neither success nor error: ${JSON.stringify(out).slice(0, 200)}`);
		}
	});
	const registered = [...sim.state.devices.values()].filter(
		(d) => d.deviceTypeId === deviceTypes.bulk,
	).length;
	const expectedErrors = expectError.size + repeated.length;
	if (registered !== successes)
		problems.push(`${registered} devices registered, ${successes} success items`);
	if (errors !== expectedErrors)
		problems.push(`${errors} error items, ${expectedErrors} devices Sigfox must refuse`);

	const sum = (route) => Object.values(counts[route] ?? {}).reduce((a, b) => a + b, 0);
	const result = {
		devices: items.length,
		jobSize: JOB_SIZE,
		timeScale,
		status: res.status,
		wallMs,
		n8nCpuMs: cpuMs,
		rssBefore,
		peakRss,
		outputItems: output.length,
		jobs: jobs.size,
		bulkCalls: counts['POST /devices/bulk'] ?? {},
		bulkRequests: sum('POST /devices/bulk'),
		statusReads: sum('GET /devices/bulk/{jobId}'),
		retryAfterS,
		otherRequests: Object.fromEntries(
			Object.entries(counts).filter(
				([route]) => route !== 'POST /devices/bulk' && route !== 'GET /devices/bulk/{jobId}',
			),
		),
		registered,
		successes,
		errors,
		refusedBeforeSending,
		expectedErrors,
		errorMessages,
		problems: problems.slice(0, 20),
		problemCount: problems.length,
	};
	log(
		`  ${result.bulkRequests} bulk calls (${JSON.stringify(result.bulkCalls)}), ${result.jobs} jobs, ${result.statusReads} status reads, ${(wallMs / 1000).toFixed(1)} s; ${successes} created + ${errors} errors = ${output.length} items for ${items.length} devices; ${problems.length} problem(s)${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}`,
	);
	return result;
}

module.exports = { bulkFleet, fleetInput, JOB_SIZE };
