'use strict';
/**
 * Where n8n's time goes under webhook load: a CPU profile of the n8n process taken through its inspector (started
 * with --inspect=127.0.0.1:0, loopback only), summarised per request by who spent it: our trigger's webhook(), zod
 * inside it, the trivial trigger, n8n's packages, the database, Node itself.
 */
const fs = require('node:fs');
const path = require('node:path');
const { WebSocket } = require('undici');

/** The inspector address n8n's main process printed first in its log ("Debugger listening on ws://…"). */
function inspectorUrl(logFile) {
	const match = /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(
		fs.readFileSync(logFile, 'utf8'),
	);
	if (!match) throw new Error(`no inspector address in ${logFile}`);
	return match[1];
}

/** A minimal Chrome DevTools Protocol session over the inspector's WebSocket. */
async function connect(url) {
	const socket = new WebSocket(url);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`cannot reach ${url}`)), {
			once: true,
		});
	});
	let nextId = 1;
	const pending = new Map();
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(event.data);
		const waiting = pending.get(message.id);
		if (!waiting) return;
		pending.delete(message.id);
		if (message.error) waiting.reject(new Error(message.error.message));
		else waiting.resolve(message.result);
	});
	return {
		send(method, params = {}) {
			const id = nextId++;
			socket.send(JSON.stringify({ id, method, params }));
			return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
		},
		close: () => socket.close(),
	};
}

/** Parts of n8n's work measured with everything they call (inclusive time), by the function that starts them. */
const SPOTLIGHT = [
	{
		label: "n8n's credential permission check before each execution",
		test: (f) => f.functionName === 'check' && f.url.includes('credentials-permission-checker'),
	},
	{
		label: "n8n's parameter check of the workflow's nodes before each execution",
		test: (f) => f.functionName === 'checkReadyForExecution',
	},
	{
		label: "n8n evaluating the webhook's response options before calling the trigger",
		test: (f) => f.functionName === 'evaluateResponseOptions',
	},
	{
		label: 'database work (typeorm and sqlite3 with what they call)',
		test: (f) => /\/(@n8n\/typeorm|sqlite3)\//.test(f.url),
	},
];

/** Who a profile frame belongs to, by its script's path. */
function ownerOf(frame) {
	const { url, functionName } = frame;
	if (functionName === '(idle)') return 'idle';
	if (functionName === '(garbage collector)') return 'garbage collector';
	if (!url) return functionName === '(program)' ? 'V8 / native' : 'Node.js internals';
	if (url.startsWith('node:')) return 'Node.js internals';
	// The package itself, not the runtime cache (~/.cache/n8n-nodes-sigfox/runtime-…/node_modules/…).
	if (url.includes('/node_modules/n8n-nodes-sigfox/')) return 'n8n-nodes-sigfox';
	if (url.includes('/node_modules/zod/')) return 'zod';
	if (url.includes('trivial-trigger') || url.includes('n8n-nodes-bench-trivial'))
		return 'trivial trigger';
	if (/\/node_modules\/(@n8n\/typeorm|sqlite3|typeorm)\//.test(url))
		return 'database (typeorm, sqlite)';
	if (url.includes('/node_modules/n8n-workflow/')) return 'n8n-workflow';
	if (url.includes('/node_modules/n8n-core/')) return 'n8n-core';
	if (url.includes('/node_modules/n8n/')) return 'n8n (cli, webhooks, executions)';
	if (url.includes('/node_modules/@n8n/')) return '@n8n/* packages';
	if (
		/\/node_modules\/(express|body-parser|router|raw-body|iconv-lite|send|finalhandler)\//.test(url)
	)
		return 'express';
	return 'other dependencies';
}

/**
 * Summarises a V8 CPU profile: self time per owner, the time inside the trigger's webhook() (or another
 * `functionName` of `webhookFile`, with its own breakdown), and the hottest functions of our package and of zod.
 * Times are per request (or per item), in ms.
 */
function summariseProfile(profile, { requests, webhookFile, functionName = 'webhook' }) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
	const stackHas = (id, test) => {
		for (let at = id; at !== undefined; at = parent.get(at))
			if (test(byId.get(at).callFrame)) return true;
		return false;
	};
	const insideWebhook = new Map();
	const isInside = (id) => {
		if (insideWebhook.has(id)) return insideWebhook.get(id);
		const n = byId.get(id);
		const here =
			n.callFrame.functionName === functionName && n.callFrame.url.includes(webhookFile)
				? true
				: parent.has(id)
					? isInside(parent.get(id))
					: false;
		insideWebhook.set(id, here);
		return here;
	};
	const self = {};
	const inWebhook = {};
	const functions = {};
	const spotlit = Object.fromEntries(SPOTLIGHT.map(({ label }) => [label, 0]));
	let total = 0;
	let webhookTotal = 0;
	profile.samples.forEach((id, i) => {
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		const { callFrame } = byId.get(id);
		const owner = ownerOf(callFrame);
		if (owner === 'idle') return;
		total += ms;
		self[owner] = (self[owner] ?? 0) + ms;
		for (const { label, test } of SPOTLIGHT) if (stackHas(id, test)) spotlit[label] += ms;
		if (isInside(id)) {
			webhookTotal += ms;
			inWebhook[owner] = (inWebhook[owner] ?? 0) + ms;
		}
		if (owner === 'n8n-nodes-sigfox' || owner === 'zod') {
			const file = callFrame.url.replace(/^.*\/(dist|node_modules)\//, '');
			const key = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
			functions[key] = (functions[key] ?? 0) + ms;
		}
	});
	const perRequest = (ms) => ms / requests;
	const table = (entries) =>
		Object.fromEntries(
			Object.entries(entries)
				.sort(([, a], [, b]) => b - a)
				.map(([k, v]) => [k, perRequest(v)]),
		);
	return {
		requests,
		busyMsPerRequest: perRequest(total),
		webhookMsPerRequest: perRequest(webhookTotal),
		selfMsPerRequest: table(self),
		insideWebhookMsPerRequest: table(inWebhook),
		spotlightMsPerRequest: Object.fromEntries(
			Object.entries(spotlit).map(([label, v]) => [label, perRequest(v)]),
		),
		hottestOfOursAndZod: Object.entries(table(functions))
			.slice(0, 8)
			.map(([name, ms]) => ({ name, ms })),
	};
}

/**
 * Runs `load()` while n8n's main process is profiled; returns the profile's summary and writes the raw profile to
 * `rawFile` (open it in Chrome DevTools or any .cpuprofile viewer).
 */
async function profileDuring(logFile, expectedPid, load, summary, rawFile) {
	const session = await connect(inspectorUrl(logFile));
	try {
		const { result } = await session.send('Runtime.evaluate', { expression: 'process.pid' });
		if (result.value !== expectedPid)
			throw new Error(`the inspector belongs to pid ${result.value}, not n8n's ${expectedPid}`);
		await session.send('Profiler.enable');
		await session.send('Profiler.setSamplingInterval', { interval: 500 });
		await session.send('Profiler.start');
		await load();
		const { profile } = await session.send('Profiler.stop');
		await session.send('Profiler.disable');
		fs.mkdirSync(path.dirname(rawFile), { recursive: true });
		fs.writeFileSync(rawFile, JSON.stringify(profile));
		return summariseProfile(profile, summary);
	} finally {
		session.close();
	}
}

module.exports = { profileDuring, summariseProfile };
