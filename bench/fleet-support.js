'use strict';
/**
 * What `npm run bench:fleet` needs around its cases: the simulator's answers counted by route and status, n8n's
 * resident memory sampled from /proc, the simulator's control API, and a logged-in session on n8n's public API.
 */

const stack = require('../scripts/stack');
const { cpuMsOf, rssOf, sampleRss: sampleEvery, startStackCounting } = require('./process-stats');

function log(message) {
	process.stdout.write(`[bench:fleet] ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const hex = (n, width) => n.toString(16).toUpperCase().padStart(width, '0');

/** Counts the simulator's answers by route and status (a listener on its server, nothing changed in it). */
function createRequestCounter() {
	let counts = {};
	let retryAfterS = 0;
	let recording = null;
	const routeOf = (pathname) =>
		pathname
			.replace(/^\/v2/, '')
			.replace(/^\/devices\/bulk\/[0-9a-f]{24}$/, '/devices/bulk/{jobId}')
			.replace(/^\/device-types\/[0-9a-f]{24}\//, '/device-types/{id}/')
			.replace(/^\/devices\/(?!bulk)[0-9A-Fa-f]+\//, '/devices/{id}/');
	return {
		attach(server) {
			server.prependListener('request', (req, res) => {
				const url = new URL(req.url, 'http://sim');
				if (url.pathname.startsWith('/control')) return;
				const key = `${req.method} ${routeOf(url.pathname)}`;
				const page =
					recording && key === recording.key
						? { url: `http://${req.headers.host}${req.url}`, at: Date.now() }
						: null;
				if (page) recording.pages.push(page);
				// The simulator passes its headers to writeHead, where getHeader does not see them.
				let retryAfter;
				const writeHead = res.writeHead;
				res.writeHead = function (status, ...rest) {
					const headers = rest.find((arg) => arg && typeof arg === 'object');
					retryAfter = headers?.['retry-after'] ?? headers?.['Retry-After'];
					return writeHead.call(this, status, ...rest);
				};
				res.on('finish', () => {
					if (page) Object.assign(page, { status: res.statusCode, doneAt: Date.now() });
					counts[key] ??= {};
					counts[key][res.statusCode] = (counts[key][res.statusCode] ?? 0) + 1;
					if (res.statusCode === 429) retryAfterS += Number(retryAfter ?? 0);
				});
			});
		},
		/** Records every request of one route (e.g. `GET /device-types/{id}/messages`): its URL and answer status. */
		recorder(key) {
			return {
				start: () => (recording = { key, pages: [] }),
				stop: () => {
					const { pages } = recording;
					recording = null;
					return pages;
				},
			};
		},
		/** The counts since the last take(), and the Retry-After seconds the 429s among them asked for. */
		take() {
			const taken = { counts, retryAfterS };
			counts = {};
			retryAfterS = 0;
			return taken;
		},
	};
}

/** Samples n8n's RSS every 50 ms until stopped (a poll's peak is brief); the stop function returns the peak. */
const sampleRss = (pid) => sampleEvery(pid, 50);

/**
 * n8n's idle RSS: the lowest of a few samples a second apart once it has settled (the first seconds after a start or
 * a case still collect garbage).
 */
async function idleRss(pid, { samples = 5 } = {}) {
	let lowest = Infinity;
	for (let i = 0; i < samples; i++) {
		await sleep(1000);
		lowest = Math.min(lowest, rssOf(pid));
	}
	return lowest;
}

async function control(sim, method, route, body) {
	const res = await fetch(`${sim.controlUrl}${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (res.status >= 300) throw new Error(`control ${method} ${route}: ${res.status} ${text}`);
	return text ? JSON.parse(text) : null;
}

const basicAuth = `Basic ${Buffer.from(`${stack.API_USER.login}:${stack.API_USER.password}`).toString('base64')}`;

/** n8n's public API with a key of the owner's (workflow activation, executions). */
async function publicApi(n8nUrl) {
	const { apiKey } = await stack.n8nApiKey(n8nUrl);
	const call = async (method, route, body) => {
		const res = await fetch(`${n8nUrl}/api/v1${route}`, {
			method,
			headers: { 'X-N8N-API-KEY': apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n ${method} ${route}: ${res.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : null;
	};
	return { call };
}

const MiB = 2 ** 20;
const mib = (bytes) => `${Math.round(bytes / MiB).toLocaleString('en-US')} MiB`;
const num = (n) => Math.round(n).toLocaleString('en-US');
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

module.exports = {
	log,
	sleep,
	hex,
	createRequestCounter,
	startStackCounting,
	rssOf,
	cpuMsOf,
	sampleRss,
	idleRss,
	control,
	basicAuth,
	publicApi,
	MiB,
	mib,
	num,
	seconds,
};
