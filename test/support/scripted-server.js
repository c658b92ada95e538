// A local HTTP server that answers each route from a script of responses, and records every request.
// Transport tests use it to produce exact sequences (429 then 200, a dropped connection, 5xx...).
const http = require('node:http');

/**
 * The server, not yet listening: `listen()` starts it and sets `origin` and `baseUrl`.
 * @param {{ basePath?: string }} [options]
 */
function scriptedServer(options = {}) {
	const basePath = options.basePath ?? '/v2';
	const scripts = new Map();
	const requests = [];

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url, 'http://127.0.0.1');
			const path = url.pathname.startsWith(basePath)
				? url.pathname.slice(basePath.length)
				: url.pathname;
			const text = Buffer.concat(chunks).toString('utf8');
			let body;
			try {
				body = text ? JSON.parse(text) : undefined;
			} catch {
				body = text;
			}
			const key = `${req.method} ${path}`;
			requests.push({
				method: req.method,
				path,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body,
				time: Date.now(),
			});
			const script = scripts.get(key);
			if (!script || script.length === 0) {
				res.writeHead(599, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: `no scripted response for ${key}` }));
				return;
			}
			// The last response of a script repeats.
			const step = script.length > 1 ? script.shift() : script[0];
			const answer =
				typeof step === 'function'
					? step({ path, query: url.searchParams, body, headers: req.headers })
					: step;
			if (answer.drop) {
				req.socket.destroy();
				return;
			}
			const headers = { ...(answer.headers ?? {}) };
			let payload = '';
			if (answer.json !== undefined) {
				headers['content-type'] = 'application/json';
				payload = JSON.stringify(answer.json);
			} else if (answer.text !== undefined) {
				headers['content-type'] = 'text/plain';
				payload = answer.text;
			}
			res.writeHead(answer.status ?? 200, headers);
			res.end(payload);
		});
	});

	const scripted = {
		origin: '',
		baseUrl: '',
		requests,
		async listen() {
			await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
			scripted.origin = `http://127.0.0.1:${server.address().port}`;
			scripted.baseUrl = `${scripted.origin}${basePath}`;
			return scripted;
		},
		/** Responses for `METHOD /path` (path below the base, as the spec writes it), in order. */
		script(route, responses) {
			scripts.set(route, [...responses]);
		},
		reset() {
			scripts.clear();
			requests.length = 0;
		},
		requestsTo(route) {
			return requests.filter((r) => `${r.method} ${r.path}` === route);
		},
		close() {
			return new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			});
		},
	};
	return scripted;
}

/** @param {{ basePath?: string }} [options] */
function startScriptedServer(options) {
	return scriptedServer(options).listen();
}

/**
 * A scripted server for the tests of the enclosing describe: listening before them, its scripts and
 * requests cleared before each, closed after them.
 * @param {{ basePath?: string }} [options]
 */
function useScriptedServer(options) {
	const server = scriptedServer(options);
	beforeAll(() => server.listen());
	afterAll(() => server.close());
	beforeEach(() => server.reset());
	return server;
}

module.exports = { startScriptedServer, useScriptedServer };
