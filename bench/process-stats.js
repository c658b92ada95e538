'use strict';
/**
 * What every benchmark reads about its processes and machine: a process's CPU time and resident memory from /proc,
 * its peak memory sampled while a case runs, the stack started with the simulator's server caught for counting, and
 * the machine the figures come from.
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');

const stack = require('../scripts/stack');

/** Starts the stack while catching the simulator's http server, so its answers can be counted. */
async function startStackCounting(options, counter) {
	const createServer = http.createServer;
	http.createServer = (...args) => {
		const server = createServer(...args);
		counter.attach(server);
		http.createServer = createServer;
		return server;
	};
	try {
		return await stack.startStack(options);
	} finally {
		http.createServer = createServer;
	}
}

/** CPU time (user + system, ms) a process has used so far, from /proc (10 ms resolution). */
function cpuMsOf(pid) {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process (bytes), from /proc/<pid>/status VmRSS. */
function rssOf(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
	} catch {
		return NaN;
	}
}

/** Samples a process's RSS every `everyMs` until stopped; the stop function returns the peak. */
function sampleRss(pid, everyMs = 100) {
	let peak = rssOf(pid);
	const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), everyMs);
	return () => {
		clearInterval(timer);
		return Math.max(peak, rssOf(pid));
	};
}

function machine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0].model.trim(),
		cores: cpus.length,
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		benchNode: process.version,
	};
}

module.exports = { startStackCounting, cpuMsOf, rssOf, sampleRss, machine };
