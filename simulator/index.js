'use strict';

const http = require('node:http');
const { Agent } = require('undici');
const { createState } = require('./data/state');
const { routes } = require('./api/routes');
const { createApiHandler, send } = require('./api/server');
const { createPaging } = require('./api/paging');
const { createRateLimiter } = require('./api/rate-limits');
const { createFaults } = require('./faults');
const { createCallbackEmitter } = require('./callbacks/emitter');
const { createControlHandler } = require('./control');

const API_PREFIX = '/v2';

function checkOptions({ apiUser, restrictedApiUser, rateLimits, timeScale }) {
	for (const [name, user] of Object.entries({ apiUser, restrictedApiUser })) {
		if (user === undefined && name === 'restrictedApiUser') continue;
		if (typeof user?.login !== 'string' || typeof user?.password !== 'string' || !user.login) {
			throw new TypeError(`${name} must be { login, password } strings`);
		}
	}
	if (restrictedApiUser && restrictedApiUser.login === apiUser.login) {
		throw new TypeError('restrictedApiUser needs a login of its own');
	}
	if (!['documented', 'scaled', 'off'].includes(rateLimits))
		throw new TypeError("rateLimits must be 'documented', 'scaled' or 'off'");
	if (typeof timeScale !== 'number' || !(timeScale > 0))
		throw new TypeError('timeScale must be a number above 0');
}

/**
 * Starts a Sigfox Cloud simulator: API v2 under /v2 (HTTP Basic), a control API under /control,
 * and a callback emitter. `timeScale` shortens the retry, DATA_ADVANCED and bulk-job delays.
 * `restrictedApiUser` authenticates but is refused every operation with 403, like a profile without rights.
 * `rateLimits: 'scaled'` keeps the documented counts over windows × `timeScale` (5 bulk jobs per 6 s at 0.01).
 */
async function startSimulator({
	host = '127.0.0.1',
	port = 0,
	apiUser,
	restrictedApiUser,
	rateLimits = 'documented',
	timeScale = 1,
} = {}) {
	checkOptions({ apiUser, restrictedApiUser, rateLimits, timeScale });
	const state = createState();
	const timers = new Set();
	const stopping = new AbortController();
	const dispatcher = new Agent();
	let apiUrl;
	let controlUrl;

	function later(run, ms, { unscaled = false } = {}) {
		const timer = setTimeout(
			() => {
				timers.delete(timer);
				run();
			},
			unscaled ? ms : ms * timeScale,
		);
		timers.add(timer);
	}

	function clearTimers() {
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
	}

	const faults = createFaults();
	const rateLimiter =
		rateLimits === 'off'
			? undefined
			: createRateLimiter({ windowScale: rateLimits === 'scaled' ? timeScale : 1 });
	const paging = createPaging({ state, apiUrl: () => apiUrl });
	const emitter = createCallbackEmitter({ state, later, dispatcher, signal: stopping.signal });
	const handleApi = createApiHandler({
		state,
		routes,
		apiUser,
		restrictedApiUser,
		rateLimiter,
		faults,
		paging,
		apiUrl: () => apiUrl,
		later,
	});
	const handleControl = createControlHandler({
		state,
		emitter,
		faults,
		info: () => ({ apiUrl, controlUrl, group: { ...state.group }, rateLimits, timeScale }),
		reset() {
			clearTimers();
			emitter.reset();
			state.reset();
			rateLimiter?.reset();
			paging.reset();
			faults.set({});
		},
	});

	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://simulator');
		let handling;
		if (url.pathname.startsWith(`${API_PREFIX}/`)) {
			handling = handleApi(req, res, url, url.pathname.slice(API_PREFIX.length));
		} else if (url.pathname === '/control' || url.pathname.startsWith('/control/')) {
			handling = handleControl(req, res, url);
		} else {
			send(res, 404, { message: 'The requested resource was not found.' });
			return;
		}
		handling.catch((error) => {
			process.stderr.write(`Sigfox simulator: ${req.method} ${req.url} failed: ${error.stack}\n`);
			if (!res.headersSent) send(res, 500);
			else res.destroy();
		});
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
	apiUrl = `${origin}${API_PREFIX}`;
	controlUrl = `${origin}/control`;

	let stopped;
	return {
		apiUrl,
		controlUrl,
		state,
		routes,
		/** Stops the server, every timer (retries, jobs, DATA_ADVANCED) and every callback in flight. */
		stop() {
			stopped ??= (async () => {
				stopping.abort();
				clearTimers();
				const closed = new Promise((resolve) => server.close(resolve));
				server.closeAllConnections();
				await closed;
				await dispatcher.destroy();
			})();
			return stopped;
		},
	};
}

module.exports = { startSimulator, routes };
