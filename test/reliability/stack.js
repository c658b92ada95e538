'use strict';
/**
 * The stack the reliability cases share: the simulator (in this process) and one real n8n at a time, restarted or
 * killed by its pid by the cases. Clients for n8n's public API, the simulator's Sigfox API and its control API.
 */
const fs = require('node:fs');

const runtime = require('../../scripts/n8n-runtime');
const stack = require('../../scripts/stack');

const { waitForService: waitFor } = require('../support/wait');
const { CREDENTIAL, OWNER_HEADER, triggerNode } = require('../support/workflow-nodes');
const BASIC_AUTH = `Basic ${Buffer.from(`${stack.API_USER.login}:${stack.API_USER.password}`).toString('base64')}`;

async function answerOf(res) {
	const text = await res.text();
	try {
		return text ? JSON.parse(text) : null;
	} catch {
		return text;
	}
}

async function expectOk(res, what) {
	if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
	return answerOf(res);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Pids of a process's children, read from /proc before the process is killed (its task runner). */
function childPids(pid) {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap((task) =>
				fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/),
			)
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

/**
 * Starts the simulator and n8n with the packed package; `workflows` are imported (and published when active) before
 * n8n starts. The returned context restarts and kills n8n and always knows the current instance.
 */
async function startReliabilityStack({ home, tarball, workflows, seed, timeScale }) {
	const running = await stack.startStack({
		home,
		tarball,
		workflows,
		seed,
		simulator: { timeScale },
	});
	const ctx = {
		home,
		paths: running.paths,
		sim: running.sim,
		n8n: running.n8n,
		port: Number(new URL(running.n8n.url).port),
		/** Every answer n8n gave the suite, for the secrets scan. */
		outputs: [],
		/** Every callback secret the simulator ever held, for the secrets scan. */
		secrets: new Set(),
		apiKey: null,
	};
	ctx.stop = async () => {
		if (ctx.n8n) await ctx.n8n.stop();
		ctx.n8n = null;
		await running.stop();
	};
	try {
		ctx.apiKey = (await stack.n8nApiKey(ctx.n8n.url)).apiKey;
	} catch (error) {
		await ctx.stop();
		throw error;
	}

	ctx.url = () => ctx.n8n.url;
	ctx.publicApi = async (method, route, body) =>
		expectOk(
			await fetch(`${ctx.n8n.url}/api/v1${route}`, {
				method,
				headers: { 'X-N8N-API-KEY': ctx.apiKey, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			}),
			`n8n public API ${method} ${route}`,
		);
	ctx.control = async (method, route, body) =>
		expectOk(
			await fetch(`${ctx.sim.controlUrl}${route}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			}),
			`simulator control ${method} ${route}`,
		);
	ctx.sigfoxApi = async (method, route, body) =>
		expectOk(
			await fetch(`${ctx.sim.apiUrl}${route}`, {
				method,
				headers: { authorization: BASIC_AUTH, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			}),
			`Sigfox API ${method} ${route}`,
		);
	ctx.createWorkflow = async (name, nodes, connections = {}) =>
		(
			await ctx.publicApi('POST', '/workflows', {
				name,
				nodes,
				connections,
				settings: { executionOrder: 'v1' },
			})
		).id;

	/** Every execution of a workflow (any status), following the public API's cursor. */
	ctx.executions = async (workflowId, { includeData = false } = {}) => {
		const all = [];
		let cursor;
		do {
			const query = new URLSearchParams({
				workflowId,
				includeData: String(includeData),
				limit: includeData ? '50' : '250',
			});
			if (cursor) query.set('cursor', cursor);
			const page = await ctx.publicApi('GET', `/executions?${query}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all;
	};

	/** The simulator's callbacks of a device type; remembers every secret seen. */
	ctx.callbacks = (deviceTypeId) => {
		const list = [...ctx.sim.state.callbacks.values()].filter(
			(c) => c.deviceTypeId === deviceTypeId,
		);
		for (const c of list) if (c.headers?.[OWNER_HEADER]) ctx.secrets.add(c.headers[OWNER_HEADER]);
		return list;
	};
	/** The trigger's callbacks: at this n8n's webhooks, with the secret header. */
	ctx.ownCallbacks = (deviceTypeId) =>
		ctx
			.callbacks(deviceTypeId)
			.filter((c) => c.url.startsWith(`${ctx.n8n.url}/webhook`) && c.headers?.[OWNER_HEADER]);

	ctx.alive = async () => {
		const res = await fetch(`${ctx.n8n.url}/healthz`).catch(() => null);
		return res?.status === 200;
	};

	const startN8n = async () => {
		ctx.n8n = await runtime.startN8n(ctx.paths, {
			home,
			port: ctx.port,
			brokerPort: await runtime.freePort(),
			env: runtime.ownerEnv(ctx.paths, stack.OWNER),
		});
	};
	/** Stops n8n by its pid (SIGTERM, then SIGKILL after 30 s) and starts it again on the same port and folder. */
	ctx.restartN8n = async () => {
		await ctx.n8n.stop();
		await startN8n();
	};
	/** SIGKILL to n8n's pid (then to its task runner's), as a crash or an OOM kill would. */
	ctx.killN8n = async () => {
		const { pid } = ctx.n8n;
		const children = childPids(pid);
		process.kill(pid, 'SIGKILL');
		await waitFor(() => !runtime.isAlive(pid), { what: `n8n (pid ${pid}) to die` });
		for (const child of children) await runtime.stopPid(child, { timeoutMs: 5000 });
		await ctx.n8n.stop();
	};
	ctx.startN8n = startN8n;
	return ctx;
}

module.exports = {
	CREDENTIAL,
	OWNER_HEADER,
	BASIC_AUTH,
	answerOf,
	waitFor,
	sleep,
	triggerNode,
	startReliabilityStack,
};
