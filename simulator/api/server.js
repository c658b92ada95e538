'use strict';

const { SigfoxError, badRequest, forbidden, invalidField } = require('./errors');
const { validate } = require('./schema');

const TOO_MANY_REQUESTS = 'HTTP 429: too many requests';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

function compile(route) {
	const names = [];
	const pattern = route.path.replace(/\{(\w+)\}/g, (_, name) => {
		names.push(name);
		return '([^/]+)';
	});
	const literalSegments = route.path
		.split('/')
		.filter((segment) => segment && !segment.includes('{')).length;
	// Ties go to the more literal path: /device-types/project-id:{id} before /device-types/{id}.
	const literalChars = route.path.replace(/\{\w+\}/g, '').length;
	return { route, regex: new RegExp(`^${pattern}$`), names, literalSegments, literalChars };
}

function credentialsOf(req) {
	const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon < 0
		? undefined
		: { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sameUser(credentials, user) {
	return (
		Boolean(user) && credentials.login === user.login && credentials.password === user.password
	);
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES)
				reject(badRequest([{ type: 'body', field: '', message: 'body too large' }]));
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseQuery(route, searchParams) {
	const query = {};
	for (const [name, type] of Object.entries(route.query ?? {})) {
		const raw = searchParams.get(name);
		if (raw === null) continue;
		if (type === 'integer') {
			if (!/^-?\d+$/.test(raw)) throw invalidField('query', name, 'must be an integer');
			query[name] = Number(raw);
		} else if (type === 'number') {
			if (raw.trim() === '' || !Number.isFinite(Number(raw)))
				throw invalidField('query', name, 'must be a number');
			query[name] = Number(raw);
		} else if (type === 'boolean') {
			if (raw !== 'true' && raw !== 'false')
				throw invalidField('query', name, 'must be true or false');
			query[name] = raw === 'true';
		} else {
			query[name] = raw;
		}
	}
	for (const name of route.requiredQuery ?? []) {
		if (query[name] === undefined) throw invalidField('query', name, 'is required');
	}
	return query;
}

async function parseBody(route, req, context) {
	const text = await readBody(req);
	if (!route.body) return undefined;
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		throw badRequest([
			{ type: 'body', field: '', message: text ? 'invalid JSON' : 'a body is required' },
		]);
	}
	let schema = route.body;
	if (schema.discriminator) {
		const channel = body?.[schema.discriminator] ?? route.channelOf?.(context);
		schema = schema.variants[channel];
		if (!schema) {
			const allowed = Object.keys(route.body.variants).join(', ');
			throw invalidField('body', route.body.discriminator, `must be one of ${allowed}`);
		}
	}
	const errors = validate(schema, body, { allowNull: route.method === 'PUT' });
	if (errors.length) throw badRequest(errors);
	return body;
}

function send(res, status, body, headers = {}) {
	if (Buffer.isBuffer(body)) {
		res.writeHead(status, { 'content-type': 'application/octet-stream', ...headers }).end(body);
		return;
	}
	if (body === undefined) {
		res.writeHead(status, headers).end();
		return;
	}
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const contentType = typeof body === 'string' ? 'text/plain' : 'application/json';
	res.writeHead(status, { 'content-type': contentType, ...headers }).end(text);
}

/**
 * The API v2 request pipeline: auth (401 without body, 403 for the restricted user), fault
 * injection, route match, documented rate limits, query and body validation, then the route's handler.
 */
function createApiHandler({
	state,
	routes,
	apiUser,
	restrictedApiUser,
	rateLimiter,
	faults,
	paging,
	apiUrl,
	later,
}) {
	const compiled = routes
		.map(compile)
		.sort((a, b) => b.literalSegments - a.literalSegments || b.literalChars - a.literalChars);

	function match(method, path) {
		const allowedMethods = [];
		for (const candidate of compiled) {
			const found = candidate.regex.exec(path);
			if (!found) continue;
			if (candidate.route.method !== method) {
				allowedMethods.push(candidate.route.method);
				continue;
			}
			let params;
			try {
				params = Object.fromEntries(
					candidate.names.map((name, index) => [name, decodeURIComponent(found[index + 1])]),
				);
			} catch {
				return { allowedMethods: [] };
			}
			return { route: candidate.route, params };
		}
		return { allowedMethods };
	}

	function rateLimitKey(route, params) {
		return route.rateLimit.perDevice ? `${route.path} ${params.id.toUpperCase()}` : route.path;
	}

	return async function handleApiRequest(req, res, url, path) {
		const credentials = credentialsOf(req);
		const restricted = credentials && sameUser(credentials, restrictedApiUser);
		if (!credentials || (!sameUser(credentials, apiUser) && !restricted)) {
			send(res, 401, undefined, { 'www-authenticate': 'Basic realm="Sigfox API"' });
			return;
		}
		const fault = faults.draw();
		// A plain timer: a control reset must not leave a slowed request unanswered.
		if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
		if (fault.outcome === 'drop') {
			req.socket.destroy();
			return;
		}
		if (fault.outcome === '429') {
			send(res, 429, TOO_MANY_REQUESTS, { 'retry-after': '1' });
			return;
		}
		if (fault.outcome === '500') {
			send(res, 500);
			return;
		}
		try {
			if (restricted) throw forbidden();
			const { route, params, allowedMethods } = match(req.method, path);
			if (!route) {
				if (allowedMethods.length)
					throw Object.assign(new SigfoxError(405, 'Method not allowed'), { allowedMethods });
				throw new SigfoxError(404, 'The requested resource was not found.');
			}
			const followsPaging = paging.isIssuedLink(url.pathname + url.search);
			if (route.rateLimit && rateLimiter && !followsPaging) {
				const retryAfter = rateLimiter.take(rateLimitKey(route, params), route.rateLimit);
				if (retryAfter) {
					send(res, 429, TOO_MANY_REQUESTS, { 'retry-after': String(retryAfter) });
					return;
				}
			}
			const query = parseQuery(route, url.searchParams);
			const body = await parseBody(route, req, { state, params });
			const answer = await route.handle({
				state,
				params,
				query,
				body,
				apiUrl: apiUrl(),
				login: credentials.login,
				later,
				page: (items) =>
					paging.page(items, { path, query, usesPageId: route.paging?.startsWith('pageId') }),
				bounds: () => paging.bounds(query),
				link: (linkQuery) => paging.link(path, linkQuery),
			});
			send(res, answer.status ?? 200, answer.body, answer.headers);
		} catch (error) {
			if (!(error instanceof SigfoxError)) throw error;
			const body = error.allowedMethods
				? { ...error.body, allowedMethods: error.allowedMethods }
				: error.body;
			send(res, error.status, body);
		}
	};
}

module.exports = { createApiHandler, send, readBody };
