'use strict';

const { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { SPEC_OPERATIONS } = require('./spec-check');

/**
 * Records, across a whole Jest run, every request the Sigfox node sent in a workflow and whether it
 * passed the spec check; at the end, coverage is what was sent, not what is declared.
 * Test files run in several workers: each appends to its own file in a folder made by the global setup.
 */
const DIRECTORY_VARIABLE = 'SIGFOX_REQUEST_RECORDER_DIR';

function recordSentRequest(entry) {
	const directory = process.env[DIRECTORY_VARIABLE];
	if (!directory) return;
	appendFileSync(join(directory, `${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}

function startRecording() {
	process.env[DIRECTORY_VARIABLE] = mkdtempSync(join(tmpdir(), 'sigfox-requests-'));
}

/** → { sent: Set of valid operations, invalid: [{operation, errors}], missing: [labels] } */
function readRecording() {
	const directory = process.env[DIRECTORY_VARIABLE];
	const entries = readdirSync(directory).flatMap((file) =>
		readFileSync(join(directory, file), 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line)),
	);
	const sent = new Set(
		entries.filter((e) => e.operation && e.errors.length === 0).map((e) => e.operation),
	);
	return {
		sent,
		invalid: entries.filter((e) => e.errors.length > 0),
		missing: SPEC_OPERATIONS.filter((operation) => !sent.has(operation)),
		directory,
	};
}

function stopRecording() {
	const directory = process.env[DIRECTORY_VARIABLE];
	if (directory) rmSync(directory, { recursive: true, force: true });
	delete process.env[DIRECTORY_VARIABLE];
}

module.exports = { recordSentRequest, startRecording, readRecording, stopRecording };
