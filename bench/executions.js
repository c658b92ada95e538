'use strict';
/**
 * Counts n8n's finished executions of a workflow by reading its SQLite database (read-only) from a small child on
 * the runtime's Node 24, where n8n's sqlite3 build loads. A trigger that answers before n8n has even created the
 * execution makes answered requests run ahead of finished executions: throughput is counted on the latter.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const CHILD = `
const sqlite3 = require(process.argv[1]);
const db = new sqlite3.Database(process.argv[2], sqlite3.OPEN_READONLY);
require('node:readline').createInterface({ input: process.stdin }).on('line', (workflowId) => {
	db.get(
		'SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ? AND stoppedAt IS NOT NULL',
		[workflowId],
		(error, row) => process.stdout.write(JSON.stringify(error ? { error: error.message } : { n: row.n }) + '\\n'),
	);
});
`;

function startExecutionCounter(paths, home) {
	const child = spawn(
		paths.node,
		['-e', CHILD, path.join(paths.modules, 'sqlite3'), path.join(home, '.n8n', 'database.sqlite')],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const waiting = [];
	readline.createInterface({ input: child.stdout }).on('line', (line) => {
		const answer = JSON.parse(line);
		const next = waiting.shift();
		if (answer.error) next.reject(new Error(answer.error));
		else next.resolve(answer.n);
	});
	const count = (workflowId) =>
		new Promise((resolve, reject) => {
			waiting.push({ resolve, reject });
			child.stdin.write(`${workflowId}\n`);
		});
	return {
		count,
		/** Resolves once `workflowId` has `target` finished executions (polling every 50 ms). */
		async waitFor(workflowId, target, { timeoutMs = 300_000 } = {}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const n = await count(workflowId);
				if (n >= target) return n;
				if (Date.now() > deadline)
					throw new Error(`${workflowId}: ${n} of ${target} executions finished`);
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		stop() {
			child.stdin.end();
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
		},
	};
}

module.exports = { startExecutionCounter };
