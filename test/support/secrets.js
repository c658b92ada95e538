'use strict';
/**
 * The secrets scan: the Sigfox API password (also as the Basic authorization it makes) and every callback secret must
 * appear in no output item, error message or n8n log line. It reads n8n's log and the run data of every execution in
 * n8n's database (output items and error messages; not the workflow copy, whose static data holds the secret by
 * design), plus whatever answers the suite received. The one output allowed to carry a password is API User →
 * Renew Credential's new password: a new value, never one of those scanned for.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { API_USER } = require('../../scripts/stack');

const OWNER_HEADER = 'x-n8n-sigfox-secret';
/** The header's value written out beside its name, whatever secret it is (masked values are `***`). */
const HEADER_WITH_VALUE = new RegExp(
	`${OWNER_HEADER}["'\\\\]*\\s*[:=]\\s*["'\\\\]*[0-9a-f]{16,}`,
	'i',
);

/**
 * The password, its Basic authorization, and the callback secrets the simulator holds or ever sent (`seen` adds those
 * of callbacks deleted since) → [{ what, value }].
 */
function suiteSecrets(simState, seen = []) {
	const callbackSecrets = new Set(seen);
	for (const callback of simState.callbacks.values())
		if (callback.headers?.[OWNER_HEADER]) callbackSecrets.add(callback.headers[OWNER_HEADER]);
	for (const delivery of simState.deliveries) {
		const value = delivery.request?.headers?.[OWNER_HEADER];
		if (value) callbackSecrets.add(value);
	}
	return [
		{ what: 'the API password', value: API_USER.password },
		{
			what: 'the Basic authorization',
			value: Buffer.from(`${API_USER.login}:${API_USER.password}`).toString('base64'),
		},
		...[...callbackSecrets].map((value) => ({
			what: `a callback secret (${value.slice(0, 4)}…)`,
			value,
		})),
	];
}

/** `data` of every row of execution_data, read with the runtime's Node 24 and its sqlite3. */
function executionRunData(paths, home) {
	const db = path.join(home, '.n8n', 'database.sqlite');
	if (!fs.existsSync(db)) return [];
	const script = `
		const sqlite3 = require(${JSON.stringify(path.join(paths.modules, 'sqlite3'))});
		const db = new sqlite3.Database(${JSON.stringify(db)}, sqlite3.OPEN_READONLY);
		db.all('SELECT executionId, data FROM execution_data', (error, rows) => {
			if (error) { console.error(error.message); process.exit(1); }
			process.stdout.write(JSON.stringify(rows));
			db.close();
		});`;
	const res = spawnSync(paths.node, ['-e', script], {
		encoding: 'utf8',
		maxBuffer: 1024 * 1024 * 1024,
	});
	if (res.status !== 0) throw new Error(`reading executions from ${db} failed: ${res.stderr}`);
	return JSON.parse(res.stdout);
}

function findIn(text, secrets) {
	const found = secrets.filter(({ value }) => text.includes(value)).map(({ what }) => what);
	if (HEADER_WITH_VALUE.test(text)) found.push(`the ${OWNER_HEADER} header with a value`);
	return found;
}

/**
 * Scans n8n's log and execution records in each n8n folder, and the given outputs.
 * → { scanned: count of texts and lines, found: one line per leak }
 */
function scanForSecrets({ homes, outputs = [], secrets, paths }) {
	const found = [];
	let scanned = 0;
	const report = (where, text) => {
		scanned++;
		for (const what of findIn(text, secrets)) found.push(`${what} in ${where}`);
	};
	outputs.forEach((text, index) => report(`an answer n8n gave the suite (#${index})`, text));
	for (const home of homes) {
		const logFile = path.join(home, 'n8n.log');
		if (fs.existsSync(logFile)) {
			fs.readFileSync(logFile, 'utf8')
				.split('\n')
				.forEach((line, index) => report(`${logFile}:${index + 1}`, line));
		}
		for (const row of executionRunData(paths, home))
			report(`execution ${row.executionId} in ${home}`, row.data ?? '');
	}
	return { scanned, found };
}

module.exports = { suiteSecrets, scanForSecrets };
