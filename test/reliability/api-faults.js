'use strict';
/**
 * API faults: the simulator answers 10% of API requests with 429, 5% with 500 and drops 2% of connections while the
 * Sigfox node lists a device type's messages and registers devices in bulk, both run by a real n8n. The listing
 * must equal the fault-free one; every device must come out registered, failed or of unknown outcome — never
 * missing, never registered twice.
 */
const crypto = require('node:crypto');
const http = require('node:http');

const { CREDENTIAL, waitFor } = require('./stack');

const FAULTS = { rate429: 0.1, rate500: 0.05, rateDrop: 0.02, seed: 20 };

function webhookNode(path) {
	return {
		id: crypto.randomUUID(),
		name: 'Run',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
}

function sigfoxNode(name, parameters, position) {
	return {
		id: crypto.randomUUID(),
		name,
		type: 'n8n-nodes-sigfox.sigfox',
		typeVersion: 1,
		position,
		// A job that failed as a whole still gives one item per device, saying so.
		onError: 'continueRegularOutput',
		parameters,
		credentials: CREDENTIAL,
	};
}

const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);

/** POSTs JSON and waits as long as n8n takes (fetch would give up after 300 s without headers). */
function postJson(url, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
		});
		req.on('response', (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () =>
				resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }),
			);
		});
		req.on('error', reject);
		req.end(JSON.stringify(body));
	});
}

async function runWebhook(ctx, path, body) {
	let answer;
	// n8n registers a webhook shortly after the activation call returns; a 404 ran nothing.
	await waitFor(
		async () => {
			answer = await postJson(`${ctx.url()}/webhook/${path}`, body);
			return answer.status !== 404;
		},
		{ what: `n8n to register the ${path} webhook`, intervalMs: 500 },
	).catch(() => {});
	const { status, text } = answer;
	ctx.outputs.push(text);
	if (status !== 200)
		throw new Error(`the ${path} workflow answered ${status}: ${text.slice(0, 500)}`);
	return JSON.parse(text);
}

const hexId = (prefix, n) => `${prefix}${n.toString(16).padStart(4, '0').toUpperCase()}`;

/** `count` messages over 20 devices, 10 s apart, the newest a minute ago: within Sigfox's 3 days. */
async function seedMessages(ctx, deviceTypeId, count) {
	const devices = Array.from({ length: 20 }, (_, i) => hexId('FA', i));
	for (const id of devices) await ctx.control('POST', '/devices', { id, deviceTypeId });
	const newest = Date.now() - 60_000;
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const n = next++;
			await ctx.control('POST', `/devices/${devices[n % devices.length]}/frames`, {
				data: n.toString(16).padStart(8, '0'),
				time: newest - (count - n) * 10_000,
			});
		}
	};
	await Promise.all([worker(), worker(), worker()]);
}

async function listing(ctx, messages) {
	const { id: deviceTypeId } = await ctx.control('POST', '/device-types', { name: 'Long listing' });
	await seedMessages(ctx, deviceTypeId, messages);
	const workflowId = await ctx.createWorkflow(
		'Reliability: long listing',
		[
			webhookNode('reliability-listing'),
			sigfoxNode(
				'Get Messages',
				{
					resource: 'deviceType',
					operation: 'getMessages',
					deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
					returnAll: true,
				},
				[220, 0],
			),
		],
		chain('Run', 'Get Messages'),
	);
	await ctx.publicApi('POST', `/workflows/${workflowId}/activate`);

	await ctx.control('PUT', '/faults', {});
	const clean = await runWebhook(ctx, 'reliability-listing', {});
	await ctx.control('PUT', '/faults', FAULTS);
	const faulty = await runWebhook(ctx, 'reliability-listing', {}).finally(() =>
		ctx.control('PUT', '/faults', {}),
	);
	await ctx.publicApi('POST', `/workflows/${workflowId}/deactivate`);

	const sent = ctx.sim.state.messages.filter((m) => m.deviceTypeId === deviceTypeId);
	const ids = faulty.map((item) => item.messageId);
	const distinct = new Set(ids);
	const expected = new Set(
		sent.map((m) => `${m.device}:${m.seqNumber}:${Math.floor(m.time / 1000)}`),
	);
	const lost = [...expected].filter((id) => !distinct.has(id));
	const failures = [];
	if (clean.length !== messages)
		failures.push(`the fault-free listing has ${clean.length} items, not ${messages}`);
	if (JSON.stringify(faulty) !== JSON.stringify(clean)) {
		const differs = faulty.findIndex(
			(item, i) => JSON.stringify(item) !== JSON.stringify(clean[i]),
		);
		failures.push(
			`the listing under faults differs from the fault-free one (${faulty.length} vs ${clean.length} items; first difference at ${differs}: ${JSON.stringify(faulty[differs])?.slice(0, 300)})`,
		);
	}
	if (lost.length)
		failures.push(`${lost.length} messages missing from the listing, e.g. ${lost[0]}`);
	if (ids.length !== distinct.size)
		failures.push(`${ids.length - distinct.size} messages listed twice`);
	return {
		figures: {
			name: `Listing of ${messages} messages under API faults`,
			tried: messages,
			refused: 0,
			executed: [...distinct].filter((id) => expected.has(id)).length,
			lost: lost.length,
			duplicated: ids.length - distinct.size,
		},
		failures,
	};
}

async function bulkRegistration(ctx, count) {
	const { id: deviceTypeId } = await ctx.control('POST', '/device-types', {
		name: 'Bulk under faults',
	});
	const jobsBefore = new Set(ctx.sim.state.jobs.keys());
	const workflowId = await ctx.createWorkflow(
		'Reliability: bulk registration',
		[
			webhookNode('reliability-bulk'),
			{
				id: crypto.randomUUID(),
				name: 'Devices',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode: [
						'const { count } = $input.first().json.body;',
						'return Array.from({ length: count }, (_, n) => {',
						"\tconst id = 'BB' + n.toString(16).padStart(4, '0').toUpperCase();",
						"\treturn { json: { id, pac: n.toString(16).padStart(16, '0'), name: 'Bulk ' + id } };",
						'});',
					].join('\n'),
				},
			},
			sigfoxNode(
				'Register Devices',
				{
					resource: 'deviceBulk',
					operation: 'create',
					deviceTypeId: { __rl: true, mode: 'id', value: deviceTypeId },
					deviceId: '={{ $json.id }}',
					pac: '={{ $json.pac }}',
					name: '={{ $json.name }}',
					deviceFields: {},
					options: {},
					jobSize: 1000,
					waitForCompletion: true,
					maxWaitMinutes: 30,
				},
				[440, 0],
			),
		],
		chain('Run', 'Devices', 'Register Devices'),
	);
	await ctx.publicApi('POST', `/workflows/${workflowId}/activate`);
	await ctx.control('PUT', '/faults', FAULTS);
	const items = await runWebhook(ctx, 'reliability-bulk', { count }).finally(() =>
		ctx.control('PUT', '/faults', {}),
	);
	await ctx.publicApi('POST', `/workflows/${workflowId}/deactivate`);

	const sentIds = Array.from({ length: count }, (_, n) => hexId('BB', n));
	const byDevice = new Map();
	for (const item of items)
		byDevice.set(item.deviceId, [...(byDevice.get(item.deviceId) ?? []), item]);
	const registeredIds = new Set(
		[...ctx.sim.state.devices.values()]
			.filter((d) => d.deviceTypeId === deviceTypeId)
			.map((d) => d.id),
	);
	const jobs = [...ctx.sim.state.jobs.values()].filter(
		(job) => !jobsBefore.has(job.id) && job.kind === 'create',
	);
	const submitted = jobs.reduce((sum, job) => sum + job.total, 0);
	const alreadyExisted = jobs
		.flatMap((job) => job.errors)
		.filter((e) => /already exists/.test(e.message));

	const counts = { registered: 0, failed: 0, unknown: 0 };
	const failures = [];
	for (const id of sentIds) {
		const [item, ...more] = byDevice.get(id) ?? [];
		if (!item) {
			failures.push(
				`${id} is missing from the output${registeredIds.has(id) ? ' (it was registered)' : ''}`,
			);
			continue;
		}
		if (more.length) failures.push(`${id} has ${more.length + 1} output items`);
		if (item.success === true) {
			counts.registered++;
			if (!registeredIds.has(id))
				failures.push(`${id} is reported registered but Sigfox does not have it`);
		} else if (item.outcomeUnknown === true) {
			counts.unknown++;
		} else if (item.success === false || item.error) {
			counts.failed++;
			if (registeredIds.has(id)) failures.push(`${id} is reported failed but Sigfox registered it`);
		} else {
			failures.push(
				`${id} came out neither registered, failed nor of unknown outcome: ${JSON.stringify(item)}`,
			);
		}
	}
	const lost = sentIds.filter((id) => !byDevice.has(id)).length;
	const duplicated = Math.max(0, submitted - new Set(sentIds).size) + alreadyExisted.length;
	if (duplicated) failures.push(`${duplicated} devices were submitted to Sigfox twice`);
	if (items.length !== count) failures.push(`${items.length} output items for ${count} devices`);
	return {
		figures: {
			name: `Bulk registration of ${count} devices under API faults`,
			tried: count,
			refused: counts.failed + counts.unknown,
			executed: counts.registered,
			lost,
			duplicated,
		},
		notes: [
			`bulk: ${counts.registered} registered, ${counts.failed} reported failed, ${counts.unknown} reported of unknown outcome; ${jobs.length} jobs started for ${submitted} devices`,
		],
		failures,
	};
}

async function apiFaults(ctx, { devices, messages }) {
	const list = await listing(ctx, messages);
	const bulk = await bulkRegistration(ctx, devices);
	return {
		figures: list.figures,
		extra: [bulk.figures],
		notes: [`faults: ${JSON.stringify(FAULTS)}`, ...bulk.notes],
		failures: [...list.failures, ...bulk.failures],
	};
}

module.exports = { apiFaults };
