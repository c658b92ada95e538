'use strict';
/**
 * Hostile and forged callbacks at the Sigfox Trigger's two webhooks. Hostile requests carry the right secret, so they
 * reach the body checks; forged ones carry a valid body and a missing, wrong or misplaced secret, or come from an
 * address outside the allowed source ranges. Valid frames sent through the simulator between the hostile requests
 * must all be processed.
 */
const { OWNER_HEADER, answerOf, sleep, triggerNode, waitFor } = require('./stack');
// The simulator's seeded generator: the same hostile requests on every run.
const { seededRandom } = require('../../simulator/faults');

const MB = 1024 * 1024;

function validBody(webhook, deviceTypeId) {
	const body = {
		event: webhook === 'bidir' ? 'bidir' : 'uplink',
		device: 'BAD001',
		time: Math.floor(Date.now() / 1000),
		deviceTypeId,
		data: '0102',
		seqNumber: '7',
	};
	if (webhook === 'bidir') Object.assign(body, { ack: false, longPolling: false });
	return body;
}

/** `{…valid fields…, <raw>}`: keys JSON.stringify cannot write (__proto__) or nesting it would overflow on. */
function withRaw(body, raw) {
	return `${JSON.stringify(body).slice(0, -1)},${raw}}`;
}

const nested = (depth, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
const nestedArrays = (depth) => '['.repeat(depth) + ']'.repeat(depth);
const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * A value the registered template renders as text, unreadable but of a kind Sigfox's substitution
 * could produce (a scalar): the trigger keeps the message with a warning instead of refusing it,
 * because a body that passed the secret check comes from Sigfox and a 400 loses it for good.
 * Objects and lists there, and device, time, data and event, are still refused.
 */
const keptWithWarnings = (field, value) =>
	['seqNumber', 'deviceTypeId', 'station'].includes(field) &&
	(typeof value !== 'object' || value === null) &&
	String(value).length <= 1000;

/**
 * Generators of one hostile request each, by kind; `pick` chooses among variants so the runs repeat.
 * `kept: true` marks a request the trigger keeps (answered 2xx, one execution whose item has `warnings`).
 */
const HOSTILE_KINDS = {
	'not JSON': (body, pick) => ({
		headers: JSON_TYPE,
		body: pick([
			'hello',
			'<callback device="1"/>',
			'event=uplink&device=1',
			'',
			'null',
			'[]',
			'"uplink"',
			'42',
			'true',
			'{',
			'{"event":"uplink",}',
			"{'event':'uplink'}",
			'\u0000\u0001\u0002',
		]),
	}),
	'truncated JSON': (body, pick) => {
		const text = JSON.stringify(body);
		return {
			headers: JSON_TYPE,
			body: text.slice(0, 1 + Math.floor(pick.random() * (text.length - 2))),
		};
	},
	'wrong types': (body, pick) => {
		const [field, values] = pick([
			['device', [123, null, true, [], {}, '', 'BAD 01']],
			['time', ['abc', -1, 1.5, 1e20, null, {}, '', true]],
			['data', [12, null, [], {}, true]],
			['seqNumber', ['x', -5, 1.5, {}, [], true]],
			['event', ['UPLINK', 'status', 1, null, [], 'dataAdvanced ']],
			['deviceTypeId', [1, {}, [], true]],
		]);
		const value = pick(values);
		return {
			headers: JSON_TYPE,
			body: JSON.stringify({ ...body, [field]: value }),
			kept: keptWithWarnings(field, value),
		};
	},
	'missing fields': (body, pick) => {
		const field = pick(['event', 'device', 'time', 'data']);
		const copy = { ...body };
		delete copy[field];
		return { headers: JSON_TYPE, body: JSON.stringify(copy) };
	},
	'non-hex or over-long data': (body, pick) => {
		const [field, value] = pick([
			['data', 'zz'],
			['data', 'abc'],
			['data', 'g1'],
			['data', '0'.repeat(26)],
			['data', 'a'.repeat(10_000)],
			['data', ' 0a'],
			['data', '0a\n'],
			['device', '123456789'],
			['device', 'A'.repeat(1000)],
			['device', 'DE-001'],
			['deviceTypeId', 'f'.repeat(5000)],
			['station', 'S'.repeat(100)],
		]);
		return {
			headers: JSON_TYPE,
			body: JSON.stringify({ ...body, [field]: value }),
			kept: keptWithWarnings(field, value),
		};
	},
	'1 MB body': (body, pick) => {
		const field = pick(['data', 'device', 'station', 'deviceTypeId', 'padding', 'seqNumber']);
		return { headers: JSON_TYPE, body: JSON.stringify({ ...body, [field]: 'a'.repeat(MB) }) };
	},
	'deep nesting': (body, pick) => {
		const [shape, depth] = pick([
			['key', 100],
			['key', 5000],
			['key', 50_000],
			['body', 5000],
			['body', 50_000],
			['computedLocation', 5000],
			['duplicates', 5000],
		]);
		if (shape === 'body') return { headers: JSON_TYPE, body: nestedArrays(depth) };
		// Data Advanced carries the two raw JSON variables (docs/sigfox/callbacks.md#data-advanced).
		const carrier =
			shape === 'key' ? body : { ...body, event: 'dataAdvanced', deviceTypeId: undefined };
		return { headers: JSON_TYPE, body: withRaw(carrier, `"${shape}":${nested(depth)}`) };
	},
	'__proto__ and constructor keys': (body, pick) => ({
		headers: JSON_TYPE,
		body: withRaw(
			body,
			pick([
				'"__proto__":{"polluted":true}',
				'"constructor":{"prototype":{"polluted":true}}',
				'"prototype":{"polluted":true}',
				'"__proto__":{"event":"uplink","isAdmin":true}',
				'"computedLocation":{"__proto__":{"polluted":true}}',
				'"hasOwnProperty":1',
			]),
		),
	}),
	'wrong content type': (body, pick) => {
		const form = new URLSearchParams(
			Object.entries(body).map(([key, value]) => [key, String(value)]),
		).toString();
		return pick([
			{ headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) },
			{ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form },
			{ headers: { 'content-type': 'application/xml' }, body: JSON.stringify(body) },
			{ headers: { 'content-type': 'application/octet-stream' }, body: JSON.stringify(body) },
			{ headers: {}, body: JSON.stringify(body) },
			{
				headers: { 'content-type': 'multipart/form-data; boundary=x' },
				body: `--x\r\nContent-Disposition: form-data; name="event"\r\n\r\nuplink\r\n--x--\r\n`,
			},
		]);
	},
	// OPTIONS is left out: n8n answers CORS preflights itself (204) before any node runs; see hostileCallbacks.
	'odd method': (body, pick) => ({
		method: pick(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD']),
		headers: JSON_TYPE,
		body: JSON.stringify(body),
	}),
};

/** `count` hostile requests, the kinds taking turns, each for one of the two webhooks. */
function hostileRequests(count, deviceTypeId) {
	const random = seededRandom(9);
	const pick = (list) => list[Math.floor(random() * list.length)];
	pick.random = random;
	const kinds = Object.keys(HOSTILE_KINDS);
	return Array.from({ length: count }, (_, index) => {
		const kind = kinds[index % kinds.length];
		const webhook = index % 2 === 0 ? 'default' : 'bidir';
		const request = HOSTILE_KINDS[kind](validBody(webhook, deviceTypeId), pick);
		return { kind, webhook, method: 'POST', kept: false, ...request };
	});
}

async function send(url, { method, headers, body }) {
	try {
		const res = await fetch(url, {
			method,
			headers,
			body: method === 'GET' || method === 'HEAD' ? undefined : body,
		});
		return { status: res.status, answer: await answerOf(res) };
	} catch (error) {
		return { status: 0, answer: `request failed: ${error.cause?.code ?? error.message}` };
	}
}

const messageOf = (answer) =>
	typeof answer === 'object' && answer !== null ? answer.message : answer;

/** Webhook URLs and secret of an active trigger, read from the callbacks it registered. */
async function webhooksOf(ctx, deviceTypeId, kinds) {
	const own = await waitFor(
		() => {
			const list = ctx.ownCallbacks(deviceTypeId);
			return list.length === kinds && list;
		},
		{ what: 'the trigger to register its callbacks' },
	);
	const byKind = (subtype) => own.find((c) => c.callbackSubtype === subtype);
	const urls = { default: byKind(2).url, bidir: byKind(3).url };
	// n8n has the webhooks once the workflow answers 401 without a secret.
	await waitFor(
		async () =>
			(await send(urls.default, { method: 'POST', headers: JSON_TYPE, body: '{}' })).status === 401,
		{
			what: 'the trigger webhook to answer',
		},
	);
	return { urls, secret: own[0].headers[OWNER_HEADER] };
}

/** Items the trigger started executions with: `${event} ${messageId}` per execution, `kept …` when the item has warnings. */
async function executedMessages(ctx, workflowId) {
	const executions = await ctx.executions(workflowId, { includeData: true });
	for (const execution of executions) ctx.outputs.push(JSON.stringify(execution.data ?? {}));
	return executions.map((execution) => {
		const item =
			execution.data?.resultData?.runData?.['Sigfox Trigger']?.[0]?.data?.main?.[0]?.[0]?.json;
		if (!item) return `execution ${execution.id} without an item`;
		return `${Array.isArray(item.warnings) ? 'kept ' : ''}${item.event} ${item.messageId}`;
	});
}

async function hostileCallbacks(ctx, { count }) {
	const { id: deviceTypeId } = await ctx.control('POST', '/device-types', { name: 'Hostile' });
	const devices = ['BAD001', 'BAD002'];
	for (const id of devices) await ctx.control('POST', '/devices', { id, deviceTypeId });
	const workflowId = await ctx.createWorkflow('Reliability: hostile callbacks', [
		triggerNode(deviceTypeId, { events: ['uplink', 'bidir'] }),
	]);
	await ctx.publicApi('POST', `/workflows/${workflowId}/activate`);
	const { urls, secret } = await webhooksOf(ctx, deviceTypeId, 2);

	const requests = hostileRequests(count, deviceTypeId);
	const refused = [];
	const accepted = [];
	/** Requests kept with warnings by design (see keptWithWarnings), and those of them that were refused. */
	const kept = [];
	const keptRefused = [];
	const messages = new Map();
	const expected = [];
	let valid = 0;
	for (const [index, request] of requests.entries()) {
		const { status, answer } = await send(urls[request.webhook], {
			...request,
			headers: { ...request.headers, [OWNER_HEADER]: secret },
		});
		const message = messageOf(answer);
		ctx.outputs.push(typeof answer === 'string' ? answer : JSON.stringify(answer));
		const clear = request.method === 'HEAD' || (typeof message === 'string' && message.length > 0);
		const entry = { kind: request.kind, method: request.method, status, message };
		if (request.kept) {
			if (status >= 200 && status < 300) kept.push(entry);
			else keptRefused.push(entry);
		} else if (status >= 400 && status < 500 && clear) refused.push(entry);
		else accepted.push(entry);
		const key = `${request.kind} → ${status}`;
		if (!messages.has(key)) messages.set(key, message);

		if (index % 10 === 9) {
			// A valid frame between the hostile ones, the way Sigfox delivers it.
			valid++;
			const sent = await ctx.control('POST', `/devices/${devices[valid % 2]}/frames`, {
				data: valid.toString(16).padStart(2, '0'),
				ack: valid % 2 === 0,
			});
			const seconds = Math.floor(sent.message.time / 1000);
			for (const delivery of sent.deliveries) {
				const event = delivery.kind === 'BIDIR' ? 'bidir' : 'uplink';
				expected.push({
					key: `${event} ${sent.message.device.id ?? sent.message.device}:${sent.message.seqNumber}:${seconds}`,
					status: delivery.status,
				});
			}
		}
	}
	const preflights = [];
	for (const webhook of ['default', 'bidir']) {
		const { status } = await send(urls[webhook], {
			method: 'OPTIONS',
			headers: { origin: 'https://example.com' },
		});
		preflights.push(status);
	}
	const up = await ctx.alive();
	await sleep(2000);
	const executed = await waitFor(
		async () => {
			const all = await executedMessages(ctx, workflowId);
			return all.length >= expected.length + kept.length && all;
		},
		{ what: 'the executions of the valid frames', timeoutMs: 60_000, intervalMs: 1000 },
	).catch(() => executedMessages(ctx, workflowId));
	await ctx.publicApi('POST', `/workflows/${workflowId}/deactivate`);

	const expectedKeys = expected.map((e) => e.key);
	// Kept requests share a device and second, so their messageIds may repeat: counted apart.
	const keptExecutions = executed.filter((key) => key.startsWith('kept '));
	const others = executed.filter((key) => !key.startsWith('kept '));
	const lost = expectedKeys.filter((key) => !others.includes(key));
	const duplicated = others.filter((key, i) => others.indexOf(key) !== i);
	const unexpected = others.filter((key) => !expectedKeys.includes(key));
	const failures = [
		...accepted.map(
			(a) => `${a.kind} (${a.method}) got ${a.status} ${JSON.stringify(a.message)?.slice(0, 200)}`,
		),
		...keptRefused.map(
			(a) =>
				`${a.kind} (${a.method}) should be kept with warnings, got ${a.status} ${JSON.stringify(a.message)?.slice(0, 200)}`,
		),
		...(keptExecutions.length === kept.length
			? []
			: [
					`${kept.length} requests kept with warnings started ${keptExecutions.length} executions with warnings`,
				]),
		...(up ? [] : ['n8n did not answer /healthz after the hostile requests']),
		...expected
			.filter((e) => e.status !== 'delivered')
			.map((e) => `valid callback ${e.key} was ${e.status}`),
		...lost.map((key) => `valid callback ${key} started no execution`),
		...duplicated.map((key) => `${key} was executed twice`),
		...unexpected.map((key) => `an execution not started by a valid callback: ${key}`),
	];
	return {
		figures: {
			name: 'Hostile callbacks',
			tried: requests.length - kept.length - keptRefused.length,
			refused: refused.length,
			executed: unexpected.length,
			lost: 0,
			duplicated: 0,
		},
		extra: [
			{
				name: 'Hostile values kept with warnings',
				tried: kept.length + keptRefused.length,
				refused: keptRefused.length,
				executed: keptExecutions.length,
				lost: kept.length - Math.min(kept.length, keptExecutions.length),
				duplicated: Math.max(0, keptExecutions.length - kept.length),
			},
			{
				name: 'Valid callbacks between them',
				tried: expected.length,
				refused: expected.filter((e) => e.status !== 'delivered').length,
				executed: expectedKeys.filter((key) => executed.includes(key)).length,
				lost: lost.length,
				duplicated: duplicated.length,
			},
		],
		answers: [...messages.entries()].map(([key, message]) => `${key}: ${message ?? '(no body)'}`),
		notes: [
			`${kept.length + keptRefused.length} requests of the right structure with an unreadable seqNumber, deviceTypeId or station (a scalar) are kept: answered 2xx, one execution each whose item carries the raw value and \`warnings\``,
			`OPTIONS (CORS preflight) answered ${preflights.join(' and ')} by n8n itself, before the node runs; it started no execution (counted with the others)`,
		],
		failures,
	};
}

async function forgedCallbacks(ctx) {
	const { id: deviceTypeId } = await ctx.control('POST', '/device-types', { name: 'Forged' });
	const { id: rangedTypeId } = await ctx.control('POST', '/device-types', {
		name: 'Forged, Sigfox addresses only',
	});
	const workflowId = await ctx.createWorkflow('Reliability: forged callbacks', [
		triggerNode(deviceTypeId, { events: ['uplink', 'bidir'] }),
	]);
	const rangedId = await ctx.createWorkflow('Reliability: forged callbacks, source ranges', [
		triggerNode(rangedTypeId, {
			events: ['uplink', 'bidir'],
			options: { allowedSourceRanges: '185.110.96.0/22' },
		}),
	]);
	await ctx.publicApi('POST', `/workflows/${workflowId}/activate`);
	await ctx.publicApi('POST', `/workflows/${rangedId}/activate`);
	const open = await webhooksOf(ctx, deviceTypeId, 2);
	const ranged = await waitFor(
		() => {
			const list = ctx.ownCallbacks(rangedTypeId);
			return list.length === 2 && list;
		},
		{ what: 'the source-range trigger to register its callbacks' },
	);
	const rangedUrls = {
		default: ranged.find((c) => c.callbackSubtype === 2).url,
		bidir: ranged.find((c) => c.callbackSubtype === 3).url,
	};
	const rangedSecret = ranged[0].headers[OWNER_HEADER];
	const { secret } = open;

	const variants = [
		['missing secret', {}],
		['empty secret', { [OWNER_HEADER]: '' }],
		[
			'wrong secret of the same length',
			{ [OWNER_HEADER]: secret.replace(/./g, (c) => (c === '0' ? '1' : '0')) },
		],
		['secret in upper case', { [OWNER_HEADER]: secret.toUpperCase() }],
		['truncated secret (one character short)', { [OWNER_HEADER]: secret.slice(0, -1) }],
		['truncated secret (half)', { [OWNER_HEADER]: secret.slice(0, secret.length / 2) }],
		['over-long secret (one character more)', { [OWNER_HEADER]: `${secret}0` }],
		['over-long secret (8 KB)', { [OWNER_HEADER]: secret.repeat(170) }],
		["another registration's secret", { [OWNER_HEADER]: rangedSecret }],
		['secret in another header', { authorization: secret, 'x-n8n-sigfox-secrets': secret }],
		['secret in the query string', {}, `?${OWNER_HEADER}=${secret}`],
	];
	const cases = [];
	for (const webhook of ['default', 'bidir']) {
		const body = JSON.stringify(validBody(webhook, deviceTypeId));
		for (const [what, headers, query = ''] of variants) {
			cases.push({ what, url: open.urls[webhook] + query, headers, body, expect: 401 });
		}
		const rangedBody = JSON.stringify(validBody(webhook, rangedTypeId));
		for (const [what, headers] of [
			['right secret from 127.0.0.1', {}],
			['right secret, X-Forwarded-For a Sigfox address', { 'x-forwarded-for': '185.110.96.10' }],
			['right secret, X-Real-IP a Sigfox address', { 'x-real-ip': '185.110.96.10' }],
			['right secret, Forwarded for a Sigfox address', { forwarded: 'for=185.110.96.10' }],
		]) {
			cases.push({
				what,
				url: rangedUrls[webhook],
				headers: { ...headers, [OWNER_HEADER]: rangedSecret },
				body: rangedBody,
				expect: 403,
			});
		}
	}
	const failures = [];
	const answers = new Map();
	let refused = 0;
	for (const c of cases) {
		const { status, answer } = await send(c.url, {
			method: 'POST',
			headers: { ...JSON_TYPE, ...c.headers },
			body: c.body,
		});
		ctx.outputs.push(JSON.stringify(answer));
		answers.set(`${c.what} → ${status}`, messageOf(answer));
		if (status === c.expect) refused++;
		else failures.push(`${c.what}: ${status} instead of ${c.expect}`);
	}
	await sleep(2000);
	const executed = [
		...(await executedMessages(ctx, workflowId)),
		...(await executedMessages(ctx, rangedId)),
	];
	failures.push(...executed.map((key) => `a forged callback started an execution: ${key}`));
	await ctx.publicApi('POST', `/workflows/${workflowId}/deactivate`);
	await ctx.publicApi('POST', `/workflows/${rangedId}/deactivate`);
	return {
		figures: {
			name: 'Forged callbacks',
			tried: cases.length,
			refused,
			executed: executed.length,
			lost: 0,
			duplicated: 0,
		},
		answers: [...answers.entries()].map(([key, message]) => `${key}: ${message}`),
		failures,
	};
}

module.exports = { hostileCallbacks, forgedCallbacks, hostileRequests };
