'use strict';

const http = require('node:http');
const { startSimulator } = require('../../simulator');
const { waitFor } = require('./wait');

const API_USER = { login: 'sim-login', password: 'sim-password' };
const RESTRICTED_API_USER = { login: 'sim-restricted', password: 'sim-restricted-password' };

function basicAuth({ login, password }) {
	return `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
}

async function readAnswer(response) {
	const text = await response.text();
	let body = text;
	if ((response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
	return { status: response.status, headers: response.headers, body, text };
}

/** A simulator with the test API users, plus `api` and `control` request helpers. */
async function startTestSimulator(options = {}) {
	const sim = await startSimulator({
		apiUser: API_USER,
		restrictedApiUser: RESTRICTED_API_USER,
		rateLimits: 'off',
		...options,
	});
	/** Calls the API; `path` is relative to apiUrl, or an absolute URL such as paging.next. */
	sim.api = async (method, path, { body, user = API_USER, headers = {} } = {}) => {
		const url = path.startsWith('http') ? path : `${sim.apiUrl}${path}`;
		const response = await fetch(url, {
			method,
			headers: {
				...(user ? { authorization: basicAuth(user) } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return readAnswer(response);
	};
	sim.control = async (method, path, body) => {
		const response = await fetch(`${sim.controlUrl}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return readAnswer(response);
	};
	return sim;
}

/** A device type and devices made through the control API; returns the device type. */
async function seed(sim, { deviceType = {}, deviceIds = [] } = {}) {
	const created = await sim.control('POST', '/device-types', {
		name: 'Test sensors',
		...deviceType,
	});
	for (const id of deviceIds)
		await sim.control('POST', '/devices', { id, deviceTypeId: created.body.id });
	return created.body;
}

/** The body of a device type create in the group `groupId`, with `fields` over it. */
const deviceTypeBody = (groupId, fields) => ({
	name: 'Test sensors',
	groupId,
	geolocPayloadConfigId: '5e2f6e4f8c6c3d0001a1b2c3',
	downlinkMode: 0,
	payloadType: 2,
	...fields,
});

/** The body of a URL data callback (POST), with `fields` over it. */
const urlCallback = (fields) => ({
	channel: 'URL',
	callbackType: 0,
	callbackSubtype: 2,
	httpMethod: 'POST',
	...fields,
});

/** The body of a BATCH_URL data callback: one POST to `url` about each second, a `linePattern` line a message. */
const batchCallback = (url, linePattern) => ({
	channel: 'BATCH_URL',
	callbackType: 0,
	callbackSubtype: 2,
	url,
	httpMethod: 'POST',
	linePattern,
});

/**
 * A local HTTP server standing in for the callback receiver. `answer(request)` returns
 * { status, body, delayMs } (default 204); every request is kept in `requests`.
 */
async function startReceiver(answer = () => ({ status: 204 })) {
	const requests = [];
	const answerTimers = new Set();
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const request = {
				method: req.method,
				url: req.url,
				headers: req.headers,
				body: Buffer.concat(chunks).toString(),
			};
			requests.push(request);
			const { status = 204, body, delayMs = 0, headers = {} } = (await answer(request)) ?? {};
			const timer = setTimeout(() => {
				answerTimers.delete(timer);
				if (res.destroyed) return;
				res.writeHead(
					status,
					body === undefined ? headers : { 'content-type': 'application/json', ...headers },
				);
				res.end(
					body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
				);
			}, delayMs);
			answerTimers.add(timer);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		requests,
		close: () =>
			new Promise((resolve) => {
				for (const timer of answerTimers) clearTimeout(timer);
				server.closeAllConnections();
				server.close(resolve);
			}),
	};
}

module.exports = {
	API_USER,
	RESTRICTED_API_USER,
	basicAuth,
	startTestSimulator,
	seed,
	deviceTypeBody,
	urlCallback,
	batchCallback,
	startReceiver,
	waitFor,
};
