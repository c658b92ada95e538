'use strict';
/**
 * n8n in queue mode on this machine, for `npm run test:e2e:queue` and `npm run test:e2e:failover`: PostgreSQL and
 * Redis (and HAProxy in front of the webhook processors when asked) from Debian's packages (installed if missing,
 * started on 127.0.0.1 with their own data folders and ports, never as system services), an n8n main, webhook
 * processors and workers (EXECUTIONS_MODE=queue, DB_TYPE=postgresdb), each with its own user folder, the packed
 * package installed into it and the same encryption key, and the Sigfox Cloud simulator in this process.
 * Every process is started here and stopped by its pid, also when a later step fails.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const runtime = require('./n8n-runtime');
const stack = require('./stack');

const DB_NAME = 'n8n';
const DB_USER = 'n8n';

function log(message) {
	process.stdout.write(`[queue-stack] ${message}\n`);
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin), if any. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((name) => /^\d+$/.test(name) && fs.existsSync(path.join(root, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(root, majors[0], 'bin') : undefined;
}

function redisServerBin() {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((f) => fs.existsSync(f));
}

function haproxyBin() {
	return ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy'].find((f) => fs.existsSync(f));
}

function aptGet(args) {
	const res = spawnSync('apt-get', args, {
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	return res;
}

/**
 * Installs redis-server and postgresql (and haproxy with `loadBalancer`) with apt-get when their binaries are missing
 * (needs root, as on CI). The packages' own services are kept from starting (policy-rc.d), so nothing but this
 * script's processes run.
 */
function ensureServices({ loadBalancer = false } = {}) {
	const missing = [];
	if (!redisServerBin()) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (loadBalancer && !haproxyBin()) missing.push('haproxy');
	if (missing.length) {
		if (process.getuid?.() !== 0)
			throw new Error(
				`${missing.join(', ')} missing: install them (apt-get install ${missing.join(' ')})`,
			);
		const started = Date.now();
		log(`installing ${missing.join(', ')} from Debian's packages`);
		const policy = '/usr/sbin/policy-rc.d';
		const ownPolicy = !fs.existsSync(policy);
		if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
		try {
			const install = ['install', '-y', '-q', '--no-install-recommends', ...missing];
			let res = aptGet(install);
			if (res.status !== 0) {
				// Package lists may be stale or absent on a fresh machine.
				aptGet(['update', '-q']);
				res = aptGet(install);
			}
			if (res.status !== 0)
				throw new Error(`apt-get ${install.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
		} finally {
			if (ownPolicy) fs.rmSync(policy, { force: true });
		}
		log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
	}
	return { redisServer: redisServerBin(), pgBin: postgresBinDir(), haproxy: haproxyBin() };
}

/** A background process of ours: its own process group, output into a log file, stopped by pid. */
function spawnService(name, file, args, { logFile, uid, gid, cwd, stopSignal = 'SIGTERM' }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(file, args, {
		cwd,
		stdio: ['ignore', out, out],
		detached: true,
		...(uid === undefined ? {} : { uid, gid }),
	});
	fs.closeSync(out);
	child.unref();
	let exited = null;
	child.on('exit', (code, signal) => (exited = code ?? signal));
	const killOnExit = () => runtime.isAlive(child.pid) && process.kill(child.pid, 'SIGTERM');
	process.on('exit', killOnExit);
	return {
		name,
		pid: child.pid,
		logFile,
		exited: () => exited,
		stop: async () => {
			// PostgreSQL's SIGTERM waits for clients to leave; SIGINT is its fast shutdown.
			if (stopSignal !== 'SIGTERM' && runtime.isAlive(child.pid))
				process.kill(child.pid, stopSignal);
			await runtime.stopPid(child.pid);
			process.removeListener('exit', killOnExit);
		},
	};
}

async function waitUntil(service, probe, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await probe())) {
		if (service.exited() !== null || Date.now() > deadline) {
			await service.stop();
			throw new Error(
				`${service.name} ${service.exited() !== null ? `exited (${service.exited()})` : 'timed out'} before ${what}; last lines of ${service.logFile}:\n${runtime.tail(service.logFile, 30)}`,
			);
		}
		await sleep(100);
	}
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk;
			if (answer.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(answer.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

async function startRedis(redisServer, { dir, port }) {
	fs.mkdirSync(dir, { recursive: true });
	const redis = spawnService(
		'redis',
		redisServer,
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
		],
		{ logFile: path.join(dir, 'redis.log'), cwd: dir },
	);
	await waitUntil(redis, () => redisPing(port), 'answering PING');
	return redis;
}

function accepts(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.end(() => resolve(true)));
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

/**
 * HAProxy in front of the webhook processors, as a fleet runs them: round robin, each processor health-checked on
 * /healthz/readiness every 500 ms (down after 2 failures, up after 2 successes). A connection refused is retried on
 * the other processor; with `retryOnEmpty` so is a request whose processor closed the connection without answering
 * (HAProxy's `retry-on empty-response`: the request is replayed, so the processor may have queued it already).
 * Every request and every health change is logged to haproxy.log.
 */
async function startHaproxy(haproxy, { dir, port, servers, retryOnEmpty = true }) {
	fs.mkdirSync(dir, { recursive: true });
	const config = path.join(dir, 'haproxy.cfg');
	fs.writeFileSync(
		config,
		[
			'global',
			'\tlog stdout format raw local0',
			'\tmaxconn 2000',
			'defaults',
			'\tmode http',
			'\tlog global',
			'\toption httplog',
			'\ttimeout connect 2s',
			'\ttimeout client 30s',
			'\ttimeout server 30s',
			'\tretries 3',
			'\toption redispatch 1',
			`\tretry-on conn-failure${retryOnEmpty ? ' empty-response' : ''}`,
			'frontend sigfox_callbacks',
			`\tbind 127.0.0.1:${port}`,
			'\tdefault_backend webhook_processors',
			'backend webhook_processors',
			'\tbalance roundrobin',
			'\toption httpchk GET /healthz/readiness',
			'\thttp-check expect status 200',
			'\tdefault-server inter 500ms fall 2 rise 2',
			...servers.map((s) => `\tserver ${s.name} ${s.host}:${s.port} check`),
			'',
		].join('\n'),
	);
	const check = spawnSync(haproxy, ['-c', '-q', '-f', config], { encoding: 'utf8' });
	if (check.status !== 0) throw new Error(`haproxy refused ${config}:\n${check.stderr}`);
	const lb = spawnService('haproxy', haproxy, ['-db', '-f', config], {
		logFile: path.join(dir, 'haproxy.log'),
		cwd: dir,
	});
	await waitUntil(lb, () => accepts(port), 'accepting connections');
	lb.url = `http://127.0.0.1:${port}`;
	return lb;
}

/** The postgres account Debian's package creates: PostgreSQL refuses to run as root. */
function postgresAccount() {
	if (process.getuid?.() !== 0) return {};
	const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (uid.status !== 0) throw new Error('running as root, but there is no postgres account');
	return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

async function startPostgres(pgBin, { dir, port }) {
	const account = postgresAccount();
	const data = path.join(dir, 'data');
	fs.mkdirSync(dir, { recursive: true });
	if (account.uid !== undefined) fs.chownSync(dir, account.uid, account.gid);
	const run = (bin, args) => {
		const res = spawnSync(path.join(pgBin, bin), args, {
			encoding: 'utf8',
			cwd: dir,
			...account,
		});
		if (res.status !== 0)
			throw new Error(`${bin} ${args.join(' ')} failed:\n${res.stdout}\n${res.stderr}`);
		return res.stdout;
	};
	if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
		run('initdb', ['-D', data, '-U', DB_USER, '--auth=trust', '-E', 'UTF8', '--no-instructions']);
	}
	const postgres = spawnService(
		'postgres',
		path.join(pgBin, 'postgres'),
		['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', dir, '-c', 'max_connections=200'],
		{ logFile: path.join(dir, 'postgres.log'), cwd: dir, stopSignal: 'SIGINT', ...account },
	);
	// Every client reaches this server over TCP as n8n's database user (trust authentication).
	const server = ['-h', '127.0.0.1', '-p', String(port), '-U', DB_USER];
	const ready = () => spawnSync(path.join(pgBin, 'pg_isready'), [...server, '-q']).status === 0;
	await waitUntil(postgres, ready, 'accepting connections');
	const psql = (database, args) => run('psql', [...server, '-d', database, ...args]);
	const exists = psql('postgres', [
		'-Atc',
		`select 1 from pg_database where datname = '${DB_NAME}'`,
	]);
	if (!exists.trim()) run('createdb', [...server, DB_NAME]);
	/** Runs one SQL statement on n8n's database; rows as arrays of strings. */
	postgres.query = (sql) =>
		psql(DB_NAME, ['-AtF', '\t', '-c', sql])
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split('\t'));
	return postgres;
}

/** The environment every n8n process of the topology shares (docs/development/running-n8n.md#queue-mode). */
function queueEnv({ pgPort, redisPort, webhookUrl }) {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: DB_NAME,
		DB_POSTGRESDB_USER: DB_USER,
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		WEBHOOK_URL: webhookUrl,
		// Production webhooks go to the webhook processor only; manual runs go to the workers too.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

/**
 * Starts the whole topology. Returns handles for every process and `stop()`, which stops n8n processes first, then
 * the load balancer, Redis, PostgreSQL and the simulator, each by its pid. `startRole(role, index)` starts or
 * restarts an n8n process of the same topology (same ports and user folders); `kill(instance)` kills one with
 * SIGKILL, as a crash would. With `loadBalancer`, HAProxy (startHaproxy) fronts the webhook processors and
 * WEBHOOK_URL is its address; `loadBalancer: { retryOnEmpty }` passes its option on.
 */
async function startQueueStack({
	root,
	tarball,
	workers = 2,
	webhookProcessors = 1,
	loadBalancer = false,
	simulator = {},
}) {
	const { startSimulator } = require('../simulator');
	const services = ensureServices({ loadBalancer: Boolean(loadBalancer) });
	const paths = await runtime.ensureRuntime();
	fs.mkdirSync(root, { recursive: true });
	// PostgreSQL runs as the postgres account and must reach its folder inside ours.
	fs.chmodSync(root, 0o755);
	const running = {
		paths,
		root,
		sim: null,
		redis: null,
		postgres: null,
		main: null,
		webhooks: [],
		workers: [],
		lb: null,
	};
	const n8nProcesses = () =>
		[running.main, ...running.webhooks, ...running.workers].filter(Boolean);
	const stop = async () => {
		for (const instance of n8nProcesses().reverse()) await instance.stop();
		running.main = null;
		running.webhooks = [];
		running.workers = [];
		for (const name of ['lb', 'redis', 'postgres']) {
			if (running[name]) await running[name].stop();
			running[name] = null;
		}
		if (running.sim) await running.sim.stop();
		running.sim = null;
	};
	running.stop = stop;
	running.kill = async (instance) => {
		// n8n runs in its own process group with its task runner: the whole group dies, as when its container does.
		if (runtime.isAlive(instance.pid)) process.kill(-instance.pid, 'SIGKILL');
		while (runtime.isAlive(instance.pid)) await sleep(50);
		await instance.stop();
	};
	try {
		running.sim = await startSimulator({
			host: '127.0.0.1',
			port: 0,
			apiUser: stack.API_USER,
			rateLimits: 'documented',
			timeScale: 1,
			...simulator,
		});
		log(`Sigfox Cloud simulator: API ${running.sim.apiUrl}`);
		const [pgPort, redisPort, mainPort] = [
			await runtime.freePort(),
			await runtime.freePort(),
			await runtime.freePort(),
		];
		const webhookPorts = [];
		for (let i = 0; i < webhookProcessors; i++) webhookPorts.push(await runtime.freePort());
		const lbPort = loadBalancer ? await runtime.freePort() : undefined;
		running.postgres = await startPostgres(services.pgBin, {
			dir: path.join(root, 'postgres'),
			port: pgPort,
		});
		log(`PostgreSQL on 127.0.0.1:${pgPort} (pid ${running.postgres.pid})`);
		running.redis = await startRedis(services.redisServer, {
			dir: path.join(root, 'redis'),
			port: redisPort,
		});
		log(`Redis on 127.0.0.1:${redisPort} (pid ${running.redis.pid})`);

		const env = queueEnv({
			pgPort,
			redisPort,
			webhookUrl: `http://127.0.0.1:${lbPort ?? webhookPorts[0]}/`,
		});
		running.env = env;
		const homeOf = (name) => path.join(root, name);
		const prepared = new Set();
		const prepare = (home) => {
			if (prepared.has(home)) return;
			stack.installPackage(paths, { home, tarball });
			prepared.add(home);
		};

		// The credential goes into the shared database once, before any n8n process starts (the first CLI run migrates).
		const mainHome = homeOf('main');
		prepare(mainHome);
		const credentialFile = path.join(root, 'credentials.json');
		fs.writeFileSync(
			credentialFile,
			JSON.stringify([
				{
					...stack.CREDENTIAL,
					data: { ...stack.API_USER, baseUrl: running.sim.apiUrl, rateLimiting: 'serverSignals' },
				},
			]),
		);
		await runtime.runN8nCli(paths, ['import:credentials', `--input=${credentialFile}`], {
			home: mainHome,
			brokerPort: await runtime.freePort(),
			env,
		});

		const ownerEnv = runtime.ownerEnv(paths, stack.OWNER);
		const startRole = async (role, index = 0, extraEnv = {}) => {
			const name = role === 'main' ? 'main' : `${role}-${index + 1}`;
			const home = homeOf(name);
			prepare(home);
			const command = { main: 'start', webhook: 'webhook', worker: 'worker' }[role];
			const port =
				role === 'main' ? mainPort : role === 'webhook' ? webhookPorts[index] : undefined;
			const instance = await runtime.startN8n(paths, {
				home,
				port: port ?? (await runtime.freePort()),
				brokerPort: await runtime.freePort(),
				command,
				env: { ...env, ...(role === 'main' ? ownerEnv : {}), ...extraEnv },
			});
			instance.role = role;
			instance.name = name;
			log(`n8n ${command} "${name}" ready (pid ${instance.pid}${port ? `, ${instance.url}` : ''})`);
			return instance;
		};
		/** Starts (or restarts) main, webhook processor `index` or worker `index`; `extraEnv` overrides the topology's. */
		running.startRole = startRole;
		running.main = await startRole('main');
		for (let i = 0; i < webhookProcessors; i++)
			running.webhooks.push(await startRole('webhook', i));
		for (let i = 0; i < workers; i++) running.workers.push(await startRole('worker', i));
		if (loadBalancer) {
			running.lb = await startHaproxy(services.haproxy, {
				dir: path.join(root, 'haproxy'),
				port: lbPort,
				servers: webhookPorts.map((port, i) => ({
					name: `webhook-${i + 1}`,
					host: '127.0.0.1',
					port,
				})),
				...(typeof loadBalancer === 'object' ? loadBalancer : {}),
			});
			log(
				`HAProxy on ${running.lb.url} (pid ${running.lb.pid}) in front of ${webhookProcessors} webhook processors`,
			);
		}
	} catch (error) {
		await stop();
		throw error;
	}
	return running;
}

/** A fresh folder for one run of the topology. */
function tempRoot() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'sigfox-n8n-queue-'));
}

/**
 * After a run: everything under a stopped stack's `root` goes (the database, Redis' folder, the package, the user
 * folders) except the files named in `keep` inside each process's folder (its logs).
 */
function keepOnlyLogs(root, keep) {
	for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
		const at = path.join(root, entry.name);
		if (!entry.isDirectory() || ['postgres', 'redis', 'package'].includes(entry.name)) {
			fs.rmSync(at, { recursive: true, force: true });
			continue;
		}
		for (const name of fs.readdirSync(at)) {
			if (!keep.includes(name)) fs.rmSync(path.join(at, name), { recursive: true, force: true });
		}
	}
}

module.exports = {
	ensureServices,
	keepOnlyLogs,
	startQueueStack,
	startPostgres,
	startRedis,
	startHaproxy,
	queueEnv,
	tempRoot,
};
