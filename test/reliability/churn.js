'use strict';
/**
 * Lifecycle churn: cycles of activate / deactivate / restart of a Sigfox Trigger with every event, some restarts while
 * active, and every fourth activation interrupted by killing n8n (SIGKILL) as soon as the trigger has registered its
 * first callback; after the restart the interrupted activation is either deactivated at once or left for n8n to finish. While active: exactly one callback of ours per kind; after deactivation: none; the foreign
 * callbacks on the same device type are untouched every time.
 */
const { FOREIGN_CALLBACK } = require('../support/workflow-nodes');
const { OWNER_HEADER, triggerNode, waitFor } = require('./stack');

const EVENTS = ['uplink', 'bidir', 'dataAdvanced', 'acknowledge', 'error'];
const KINDS = ['0/2', '0/3', '1/6', '1/4', '2/7'];

async function lifecycleChurn(ctx, { cycles }) {
	const { id: deviceTypeId } = await ctx.control('POST', '/device-types', { name: 'Churn' });
	// Foreign callbacks: another system's, and one at this n8n's webhook base without our secret header.
	const foreignSpecs = [
		FOREIGN_CALLBACK,
		{
			channel: 'URL',
			callbackType: 1,
			callbackSubtype: 6,
			url: `${ctx.url()}/webhook/someone-elses-flow`,
			httpMethod: 'POST',
			headers: { 'x-team': 'ops' },
			bodyTemplate: '{"d":"{device}","l":"{lqi}"}',
			contentType: 'application/json',
		},
	];
	for (const spec of foreignSpecs)
		await ctx.sigfoxApi('POST', `/device-types/${deviceTypeId}/callbacks`, spec);
	const foreignNow = () =>
		JSON.stringify(
			ctx
				.callbacks(deviceTypeId)
				.filter((c) => !c.headers?.[OWNER_HEADER])
				.sort((a, b) => a.id.localeCompare(b.id)),
		);
	const foreign = foreignNow();
	const workflowId = await ctx.createWorkflow('Reliability: lifecycle churn', [
		triggerNode(deviceTypeId, { events: EVENTS }),
	]);

	const failures = [];
	const counts = {
		activations: 0,
		kills: 0,
		deactivatedInterrupted: 0,
		finishedByN8n: 0,
		restarts: 0,
		duplicated: 0,
		orphaned: 0,
		foreignTouched: 0,
	};
	const kindsOf = () =>
		ctx.ownCallbacks(deviceTypeId).map((c) => `${c.callbackType}/${c.callbackSubtype}`);
	const exactlyOnePerKind = async (cycle, when, timeoutMs = 60_000) => {
		const kinds = await waitFor(
			() => {
				const own = kindsOf();
				return own.length >= KINDS.length && KINDS.every((k) => own.includes(k)) && own;
			},
			{ what: `one callback per kind (${when}, cycle ${cycle})`, timeoutMs, intervalMs: 500 },
		).catch(() => kindsOf());
		const extra = kinds.length - new Set(kinds).size;
		const missing = KINDS.filter((k) => !kinds.includes(k));
		if (extra || missing.length) {
			counts.duplicated += extra;
			failures.push(
				`cycle ${cycle}, ${when}: ${extra} duplicate and ${missing.length} missing callbacks (${kinds.join(', ')})`,
			);
		}
	};
	const noneOfOurs = async (cycle, when, timeoutMs = 30_000) => {
		const left = await waitFor(() => kindsOf().length === 0, {
			what: `no callback of ours (${when}, cycle ${cycle})`,
			timeoutMs,
			intervalMs: 500,
		})
			.then(() => 0)
			.catch(() => kindsOf().length);
		if (left) {
			counts.orphaned += left;
			failures.push(`cycle ${cycle}, ${when}: ${left} callbacks of ours left`);
		}
	};
	const checkForeign = (cycle) => {
		if (foreignNow() !== foreign) {
			counts.foreignTouched++;
			failures.push(`cycle ${cycle}: the foreign callbacks changed: ${foreignNow()}`);
		}
	};
	/** Restarts n8n, then checks our callbacks with `expectation` (cycle, `when`) and the foreign ones. */
	const restartThen = async (expectation, cycle, when) => {
		await ctx.restartN8n();
		counts.restarts++;
		await expectation(cycle, when);
		checkForeign(cycle);
	};
	const isActive = async () => (await ctx.publicApi('GET', `/workflows/${workflowId}`)).active;

	for (let cycle = 1; cycle <= cycles; cycle++) {
		counts.activations++;
		if (cycle % 4 === 3) {
			// Killed during activation: after the first callback is registered, before the last.
			const activation = ctx
				.publicApi('POST', `/workflows/${workflowId}/activate`)
				.catch(() => null);
			await waitFor(() => kindsOf().length > 0, { what: 'the first callback', intervalMs: 5 });
			await ctx.killN8n();
			counts.kills++;
			await activation;
			await ctx.startN8n();
			if (!(await isActive())) {
				await ctx.publicApi('POST', `/workflows/${workflowId}/activate`);
			} else if (counts.kills % 2 === 1) {
				// Deactivated before n8n finished the interrupted activation: what it registered must go.
				// n8n queues the deactivation behind the interrupted publication until its lease expires.
				counts.deactivatedInterrupted++;
				await ctx.publicApi('POST', `/workflows/${workflowId}/deactivate`);
				await noneOfOurs(cycle, 'after deactivating an interrupted activation', 240_000);
				checkForeign(cycle);
				await ctx.publicApi('POST', `/workflows/${workflowId}/activate`);
			} else {
				// n8n finishes an interrupted publication once its lease expires (2 minutes in n8n 2.41).
				counts.finishedByN8n++;
				await exactlyOnePerKind(cycle, 'after n8n finished the interrupted activation', 240_000);
			}
		} else {
			await ctx.publicApi('POST', `/workflows/${workflowId}/activate`);
		}
		await exactlyOnePerKind(cycle, 'after activation');
		checkForeign(cycle);
		if (cycle % 2 === 0)
			await restartThen(exactlyOnePerKind, cycle, 'after a restart while active');
		await ctx.publicApi('POST', `/workflows/${workflowId}/deactivate`);
		await noneOfOurs(cycle, 'after deactivation');
		checkForeign(cycle);
		if (cycle % 2 === 1) await restartThen(noneOfOurs, cycle, 'after a restart while inactive');
	}
	return {
		figures: {
			name: `Lifecycle churn, ${cycles} cycles`,
			tried: cycles,
			refused: 0,
			executed: counts.activations,
			lost: counts.orphaned + counts.foreignTouched,
			duplicated: counts.duplicated,
		},
		notes: [
			`${counts.activations} activations (${counts.kills} interrupted by SIGKILL: ${counts.deactivatedInterrupted} deactivated at once, ${counts.finishedByN8n} finished by n8n after its publication lease), ${counts.restarts} restarts; ${counts.orphaned} callbacks of ours left after deactivation; foreign callbacks changed ${counts.foreignTouched} times`,
		],
		failures,
	};
}

module.exports = { lifecycleChurn };
