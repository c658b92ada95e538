'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');

const { stopPid } = require('../../scripts/n8n-runtime');

const SMOKE_TIMEOUT_MS = 300_000;

describe('npm start -- --smoke', () => {
	test(
		'starts everything, sees an example workflow succeed, stops and exits 0',
		async () => {
			const child = spawn('npm', ['start', '--', '--smoke'], {
				cwd: path.join(__dirname, '..', '..'),
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let output = '';
			child.stdout.on('data', (chunk) => (output += chunk));
			child.stderr.on('data', (chunk) => (output += chunk));
			// npm passes SIGTERM on to start.js, which stops its own n8n: the timer makes sure a hung smoke run gets one.
			const timer = setTimeout(() => stopPid(child.pid), SMOKE_TIMEOUT_MS);
			const code = await new Promise((resolve) =>
				child.on('exit', (exitCode, signal) => resolve(exitCode ?? signal)),
			);
			clearTimeout(timer);
			if (code !== 0) process.stdout.write(output);
			expect(code).toBe(0);
			expect(output).toMatch(/execution \S+ of workflow \S+ succeeded/);
		},
		SMOKE_TIMEOUT_MS + 30_000,
	);
});
