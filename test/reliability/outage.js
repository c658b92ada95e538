'use strict';
/**
 * Outage: the example workflow examples/sigfox-trigger-readings.json (Sigfox Trigger and a Sigfox Poll Trigger on
 * undelivered callbacks → Remove Duplicates) on the demo fleet. n8n is killed, the devices keep sending until
 * Sigfox has given up on every callback (its retry schedule, time-scaled), n8n starts again, and every message sent
 * before, during and after the outage is processed exactly once. test/e2e/recovery.e2e.test.js proves the same for a
 * few messages; this case counts.
 */
const { waitFor } = require('./stack');

const WORKFLOW_ID = 'sigfoxTrigReadng1';
const DEVICES = ['DE0001', 'DE0002', 'DE0003'];
const FRAMES = { before: 6, during: 15, after: 6 };

function reading(n) {
	return (180 + n).toString(16).padStart(4, '0') + (40 + (n % 50)).toString(16).padStart(2, '0');
}

/** messageId of each item that passed Remove Duplicates, over every execution of the workflow. */
async function processed(ctx) {
	const executions = await ctx.executions(WORKFLOW_ID, { includeData: true });
	for (const execution of executions) ctx.outputs.push(JSON.stringify(execution.data ?? {}));
	return executions.flatMap((execution) =>
		(
			execution.data?.resultData?.runData?.['Remove Sigfox Retries']?.[0]?.data?.main?.[0] ?? []
		).map((item) => item.json.messageId),
	);
}

async function outage(ctx) {
	let n = 0;
	const sent = [];
	const send = async () => {
		const device = DEVICES[n % DEVICES.length];
		const { message } = await ctx.control('POST', `/devices/${device}/frames`, {
			data: reading(n++),
		});
		sent.push(message);
		return message;
	};
	const idOf = (m) => `${m.device.id ?? m.device}:${m.seqNumber}:${Math.floor(m.time / 1000)}`;
	const processedBefore = (await processed(ctx)).length;

	for (let i = 0; i < FRAMES.before; i++) await send();
	await waitFor(async () => (await processed(ctx)).length >= processedBefore + FRAMES.before, {
		what: 'the messages sent before the outage',
	});

	await ctx.killN8n();
	const downAt = Date.now();
	const missed = [];
	for (let i = 0; i < FRAMES.during; i++) missed.push(await send());
	const missedTimes = new Set(missed.map((m) => m.time));
	await waitFor(
		() =>
			ctx.sim.state.deliveries.filter(
				(d) => d.status === 'undelivered' && missedTimes.has(d.messageTime),
			).length === missed.length,
		{
			what: 'Sigfox to give up on the callbacks of the outage',
			timeoutMs: 180_000,
			intervalMs: 1000,
		},
	);
	await ctx.startN8n();
	const downSeconds = Math.round((Date.now() - downAt) / 1000);
	for (let i = 0; i < FRAMES.after; i++) await send();

	const expected = sent.map(idOf);
	const all = await waitFor(
		async () => {
			const ids = await processed(ctx);
			return expected.every((id) => ids.includes(id)) && ids;
		},
		{ what: 'every message, by callback or by recovery', timeoutMs: 180_000, intervalMs: 2000 },
	).catch(() => processed(ctx));
	const ours = all.filter((id) => expected.includes(id));
	const lost = expected.filter((id) => !ours.includes(id));
	const duplicated = ours.length - new Set(ours).size;
	const undelivered = ctx.sim.state.deliveries.filter(
		(d) => d.status === 'undelivered' && missedTimes.has(d.messageTime),
	).length;
	return {
		figures: {
			name: 'Outage longer than Sigfox retries',
			tried: sent.length,
			refused: 0,
			executed: new Set(ours).size,
			lost: lost.length,
			duplicated,
		},
		notes: [
			`n8n down ${downSeconds} s (Sigfox's retries at 6, 12 and 24 s, time-scaled); ${undelivered} callbacks undelivered, recovered by the poll trigger`,
		],
		failures: [
			...lost.map((id) => `${id} was never processed`),
			...(duplicated ? [`${duplicated} messages were processed twice`] : []),
		],
	};
}

module.exports = { outage };
