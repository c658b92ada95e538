#!/usr/bin/env node
'use strict';

const { parseArgs } = require('node:util');
const { startSimulator } = require('./index');
const { startDemo } = require('./demo');

const USAGE = `Usage: node simulator/cli.js [--host H] [--port N] [--login L --password P] [--demo]
                            [--rate-limits documented|off] [--time-scale F]`;

function readOptions() {
	const { values } = parseArgs({
		options: {
			host: { type: 'string', default: '127.0.0.1' },
			port: { type: 'string', default: '0' },
			login: { type: 'string', default: 'sim-login' },
			password: { type: 'string', default: 'sim-password' },
			demo: { type: 'boolean', default: false },
			'rate-limits': { type: 'string', default: 'documented' },
			'time-scale': { type: 'string', default: '1' },
			help: { type: 'boolean', default: false },
		},
	});
	const port = Number(values.port);
	const timeScale = Number(values['time-scale']);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`--port must be 0..65535, got ${values.port}`);
	if (!(timeScale > 0))
		throw new Error(`--time-scale must be a number above 0, got ${values['time-scale']}`);
	return { ...values, port, timeScale };
}

async function main() {
	let options;
	try {
		options = readOptions();
	} catch (error) {
		process.stderr.write(`${error.message}\n${USAGE}\n`);
		process.exit(2);
	}
	if (options.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const sim = await startSimulator({
		host: options.host,
		port: options.port,
		apiUser: { login: options.login, password: options.password },
		rateLimits: options['rate-limits'],
		timeScale: options.timeScale,
	});
	process.stdout.write(
		[
			'Sigfox Cloud simulator',
			`  API      ${sim.apiUrl}  (login ${options.login}, password ${options.password})`,
			`  Control  ${sim.controlUrl}`,
			'',
		].join('\n'),
	);
	const demo = options.demo ? await startDemo(sim) : undefined;
	if (demo)
		process.stdout.write(
			`  Demo     device type ${demo.deviceTypeId}, devices ${demo.deviceIds.join(', ')}\n`,
		);

	const stop = async (signal) => {
		process.stdout.write(`Stopping the simulator (${signal})\n`);
		demo?.stop();
		await sim.stop();
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`Sigfox simulator failed to start: ${error.message}\n`);
	process.exit(1);
});
