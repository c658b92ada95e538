'use strict';
/**
 * The bounded load client of `npm run bench`: undici on 127.0.0.1, a fixed number of requests with a fixed number of
 * them in flight, and the latency of each. It shares the machine's cores with n8n, so loads stay small.
 */
const { Pool } = require('undici');

function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Latency figures (ms) of a list of latencies. */
function summarise(latencies) {
	const sorted = [...latencies].sort((a, b) => a - b);
	return {
		count: sorted.length,
		p50: percentile(sorted, 50),
		p90: percentile(sorted, 90),
		p99: percentile(sorted, 99),
		max: sorted[sorted.length - 1],
	};
}

/** A keep-alive connection pool per origin, as a load tool keeps them. */
function createClient(origin, { connections }) {
	return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
}

/**
 * Sends `count` requests with `concurrency` in flight. `request(i)` gives `{path, headers, body}` for the i-th;
 * `expect(status, body)` says whether an answer is right. Resolves with the wall time, every latency and failures.
 */
async function runLoad(client, { count, concurrency, request, expect }) {
	const latencies = [];
	const failures = [];
	let next = 0;
	const started = process.hrtime.bigint();
	async function worker() {
		while (next < count) {
			const index = next++;
			const { path, headers, body } = request(index);
			const sent = process.hrtime.bigint();
			try {
				const res = await client.request({
					method: 'POST',
					path,
					headers: { 'content-type': 'application/json', ...headers },
					body,
				});
				const text = await res.body.text();
				latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
				if (!expect(res.statusCode, text)) failures.push(`${res.statusCode} ${text.slice(0, 200)}`);
			} catch (error) {
				failures.push(error.message);
			}
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	return { wallMs, latencies, failures };
}

module.exports = { createClient, runLoad, summarise, percentile };
