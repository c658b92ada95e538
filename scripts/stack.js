'use strict';
/**
 * The local stack that `npm start` and the e2e suite run: the Sigfox Cloud simulator in this process and a real n8n
 * (scripts/n8n-runtime.js) with the packed package, a Sigfox credential pointing at the simulator, and workflows.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const runtime = require('./n8n-runtime');

const REPO = path.resolve(__dirname, '..');
const EXAMPLES_DIR = path.join(REPO, 'examples');

/** The simulator's API user; the credential the example workflows use is created with it. */
const API_USER = {
	login: '64a1f0c2e4b5d6a7b8c9d0e1',
	password: '6b1f8a3c9d2e4f5a7b0c1d2e3f4a5b6c',
};
const CREDENTIAL = { id: 'sigfoxSimCred001', name: 'Sigfox Simulator', type: 'sigfoxApi' };
const OWNER = { email: 'owner@example.com', password: 'Sigfox-Demo-1' };

function log(message) {
	process.stdout.write(`[stack] ${message}\n`);
}

/** `npm run build`, then `npm pack` into outDir; returns the tarball's path. */
function buildAndPack(outDir) {
	fs.mkdirSync(outDir, { recursive: true });
	const run = (args) => {
		const res = spawnSync('npm', args, { cwd: REPO, encoding: 'utf8' });
		if (res.status !== 0)
			throw new Error(`npm ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
		return res.stdout;
	};
	log('building the package (npm run build)');
	run(['run', 'build']);
	log('packing it (npm pack)');
	const [packed] = JSON.parse(run(['pack', '--json', '--pack-destination', outDir]));
	return path.join(outDir, packed.filename);
}

/**
 * Installs the tarball into n8n's community-package folder. --omit=dev and --legacy-peer-deps keep n8n-workflow out of
 * the package's own node_modules, where it would shadow the host's (docs/development/running-n8n.md#package-loading).
 */
function installPackage(paths, { home, tarball }) {
	const nodesDir = path.join(home, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest))
		fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }));
	runtime.runNpm(
		paths,
		[
			'install',
			tarball,
			'--omit=dev',
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--no-save',
		],
		{ cwd: nodesDir },
	);
	const installed = path.join(nodesDir, 'node_modules', 'n8n-nodes-sigfox');
	if (fs.existsSync(path.join(installed, 'node_modules', 'n8n-workflow'))) {
		throw new Error(`${installed} has its own n8n-workflow, which would shadow n8n's`);
	}
}

/** Workflow files: every *.json in the given directories. */
function workflowFiles(dirs) {
	return dirs.flatMap((dir) =>
		fs
			.readdirSync(dir)
			.filter((name) => name.endsWith('.json'))
			.sort()
			.map((name) => path.join(dir, name)),
	);
}

/**
 * Prepares n8n's user folder before n8n starts: the package, the credential, the workflows imported and those marked
 * `"active": true` published (a CLI publish reaches only an n8n started afterwards, docs/development/running-n8n.md#cli-publish).
 */
async function prepareHome(paths, { home, tarball, simApiUrl, workflows, brokerPort }) {
	const cli = (args) => runtime.runN8nCli(paths, args, { home, brokerPort });
	installPackage(paths, { home, tarball });
	log(`installed the package into ${path.join(home, '.n8n', 'nodes')}`);

	const importDir = path.join(home, 'import');
	fs.rmSync(importDir, { recursive: true, force: true });
	fs.mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
	const credentialFile = path.join(importDir, 'credentials.json');
	const data = { ...API_USER, baseUrl: simApiUrl, rateLimiting: 'serverSignals' };
	fs.writeFileSync(credentialFile, JSON.stringify([{ ...CREDENTIAL, data }]));
	await cli(['import:credentials', `--input=${credentialFile}`]);
	log(`created the credential "${CREDENTIAL.name}" for the simulator at ${simApiUrl}`);

	const active = [];
	for (const file of workflows) {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		fs.copyFileSync(file, path.join(importDir, 'workflows', path.basename(file)));
		if (workflow.active) active.push(workflow);
	}
	await cli(['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`]);
	for (const workflow of active) await cli(['publish:workflow', `--id=${workflow.id}`]);
	log(
		`imported ${workflows.length} workflow(s), published ${active.map((w) => w.name).join(', ') || 'none'}`,
	);
}

/**
 * Starts the simulator and n8n. Whatever started is stopped again if a later step fails; `stop()` stops n8n by its
 * pid, then the simulator. `n8nEnv` is added to n8n's environment (e.g. the bench's
 * NODE_OPTIONS for a CPU profile).
 */
async function startStack({ home, tarball, workflows, port, seed, simulator = {}, n8nEnv = {} }) {
	const { startSimulator } = require('../simulator');
	const paths = await runtime.ensureRuntime();
	const started = { sim: null, n8n: null, stopSeed: null };
	const stop = async () => {
		if (started.stopSeed) started.stopSeed();
		if (started.n8n) await started.n8n.stop();
		if (started.sim) await started.sim.stop();
		started.stopSeed = started.n8n = started.sim = null;
	};
	try {
		started.sim = await startSimulator({
			host: '127.0.0.1',
			port: 0,
			apiUser: API_USER,
			rateLimits: 'documented',
			timeScale: 1,
			...simulator,
		});
		log(`Sigfox Cloud simulator: API ${started.sim.apiUrl}, control ${started.sim.controlUrl}`);
		if (seed) started.stopSeed = await seed(started.sim);

		const n8nPort = port ?? (await runtime.freePort());
		const brokerPort = await runtime.freePort();
		await prepareHome(paths, {
			home,
			tarball,
			simApiUrl: started.sim.apiUrl,
			workflows,
			brokerPort,
		});
		log(
			`starting n8n ${runtime.N8N_VERSION} on http://127.0.0.1:${n8nPort} (log: ${path.join(home, 'n8n.log')})`,
		);
		started.n8n = await runtime.startN8n(paths, {
			home,
			port: n8nPort,
			brokerPort,
			env: { ...runtime.ownerEnv(paths, OWNER), ...n8nEnv },
		});
		log(`n8n is ready (pid ${started.n8n.pid})`);
	} catch (error) {
		await stop();
		throw error;
	}
	return { paths, sim: started.sim, n8n: started.n8n, home, stop };
}

/** A logged-in session on n8n's REST API, and a public-API key made with it (docs/development/running-n8n.md#public-api). */
async function n8nApiKey(n8nUrl) {
	const login = await fetch(`${n8nUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!login.ok) throw new Error(`n8n login failed: ${login.status} ${await login.text()}`);
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	const scopes = [
		'workflow:list',
		'workflow:read',
		'workflow:create',
		'workflow:update',
		'workflow:activate',
	];
	scopes.push('workflow:deactivate', 'workflow:delete', 'execution:list', 'execution:read');
	const created = await fetch(`${n8nUrl}/rest/api-keys`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ label: `local-${Date.now()}`, expiresAt: null, scopes }),
	});
	if (!created.ok)
		throw new Error(`creating an n8n API key failed: ${created.status} ${await created.text()}`);
	return { cookie, apiKey: (await created.json()).data.rawApiKey };
}

/** A workflow's newest successful executions with their data, from n8n's public API (the key needs `execution:list`). */
async function successfulExecutions(n8nUrl, apiKey, workflowId, limit) {
	const query = new URLSearchParams({
		workflowId,
		status: 'success',
		includeData: 'true',
		limit: String(limit),
	});
	const res = await fetch(`${n8nUrl}/api/v1/executions?${query}`, {
		headers: { 'X-N8N-API-KEY': apiKey },
	});
	if (!res.ok) throw new Error(`listing executions failed: ${res.status} ${await res.text()}`);
	return (await res.json()).data;
}

module.exports = {
	REPO,
	EXAMPLES_DIR,
	API_USER,
	CREDENTIAL,
	OWNER,
	buildAndPack,
	installPackage,
	workflowFiles,
	startStack,
	n8nApiKey,
	successfulExecutions,
	log,
};
