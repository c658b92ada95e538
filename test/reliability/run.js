#!/usr/bin/env node
'use strict';
/**
 * The reliability suite (`npm run test:reliability`, `-- --quick` for smaller counts): hostile and forged callbacks,
 * API faults during a bulk registration and a long listing, lifecycle churn, an outage, and a secrets scan, against a
 * real n8n and the simulator on 127.0.0.1. Prints each case's figures and exits 1 if any case failed.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const stack = require('../../scripts/stack');
const { createDemoFleet } = require('../../simulator/demo');
const { startReliabilityStack } = require('./stack');
const { hostileCallbacks, forgedCallbacks } = require('./hostile');
const { apiFaults } = require('./api-faults');
const { lifecycleChurn } = require('./churn');
const { outage } = require('./outage');
const { scanForSecrets, suiteSecrets } = require('../support/secrets');

const COUNTS = {
	full: { hostile: 300, bulk: 5000, listing: 20_000, churn: 20 },
	quick: { hostile: 100, bulk: 500, listing: 20_000, churn: 5 },
};
const OUTAGE_WORKFLOW = path.join(stack.EXAMPLES_DIR, 'sigfox-trigger-readings.json');

function log(message) {
	process.stdout.write(`[reliability] ${message}\n`);
}

function table(rows) {
	const lines = [
		'| Case | Tried | Refused | Executed | Lost | Duplicated |',
		'|---|---:|---:|---:|---:|---:|',
		...rows.map(
			(r) =>
				`| ${r.name} | ${r.tried} | ${r.refused} | ${r.executed} | ${r.lost} | ${r.duplicated} |`,
		),
	];
	return lines.join('\n');
}

async function main() {
	const quick = process.argv.includes('--quick');
	const counts = quick ? COUNTS.quick : COUNTS.full;
	const started = Date.now();
	log(`${quick ? 'quick' : 'full'} run: ${JSON.stringify(counts)}`);
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sigfox-n8n-reliability-'));
	const tarball = stack.buildAndPack(path.join(home, 'package'));
	const ctx = await startReliabilityStack({
		home,
		tarball,
		workflows: [OUTAGE_WORKFLOW],
		seed: async (sim) => {
			await createDemoFleet(sim);
			return () => {};
		},
		// Sigfox's retries after 6, 12 and 24 s instead of 1, 2 and 4 minutes; bulk jobs finish in 0.2 s.
		timeScale: 0.1,
	});
	const onSignal = (signal) =>
		ctx.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const cases = [
		['hostile callbacks', () => hostileCallbacks(ctx, { count: counts.hostile })],
		['forged callbacks', () => forgedCallbacks(ctx)],
		['API faults', () => apiFaults(ctx, { devices: counts.bulk, messages: counts.listing })],
		['lifecycle churn', () => lifecycleChurn(ctx, { cycles: counts.churn })],
		['outage', () => outage(ctx)],
	];
	const results = [];
	try {
		for (const [name, run] of cases) {
			const caseStarted = Date.now();
			log(`case: ${name}`);
			let result;
			try {
				result = await run();
			} catch (error) {
				result = { figures: null, failures: [`${name} stopped: ${error.stack}`] };
			}
			result.seconds = Math.round((Date.now() - caseStarted) / 1000);
			results.push(result);
			for (const line of result.answers ?? []) log(`  answer  ${line}`);
			for (const line of result.notes ?? []) log(`  note    ${line}`);
			for (const line of result.failures) log(`  FAILED  ${line}`);
			log(`  ${result.failures.length === 0 ? 'passed' : 'failed'} in ${result.seconds} s`);
		}
	} finally {
		await ctx.stop();
	}

	log('case: secrets');
	const secrets = suiteSecrets(ctx.sim.state, ctx.secrets);
	const leaks = scanForSecrets({ homes: [home], outputs: ctx.outputs, secrets, paths: ctx.paths });
	results.push({
		figures: {
			name: 'Secrets scan',
			tried: leaks.scanned,
			refused: 0,
			executed: 0,
			lost: 0,
			duplicated: leaks.found.length,
		},
		notes: [
			`${leaks.scanned} outputs, execution records and log lines scanned for ${secrets.length} secrets`,
		],
		failures: leaks.found,
	});
	for (const line of leaks.found) log(`  FAILED  ${line}`);

	const rows = results.flatMap((r) => [...(r.figures ? [r.figures] : []), ...(r.extra ?? [])]);
	const failures = results.flatMap((r) => r.failures);
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	process.stdout.write(`\n${table(rows)}\n\n`);
	log(`${quick ? 'quick' : 'full'} run of ${minutes} minutes: ${failures.length} failure(s)`);
	if (failures.length === 0) fs.rmSync(home, { recursive: true, force: true });
	else log(`n8n folder kept for inspection: ${home}`);
	process.exitCode = failures.length === 0 ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exitCode = 1;
});
