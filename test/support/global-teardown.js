'use strict';

const { readRecording, stopRecording } = require('./recorder');
const { SPEC_OPERATIONS } = require('./spec-check');

/** A run limited to some files or tests cannot cover every operation: report, do not fail. */
function isPartialRun(globalConfig) {
	const patterns = globalConfig.testPathPatterns;
	const pathFilters = Array.isArray(patterns) ? patterns : (patterns?.patterns ?? []);
	return (
		pathFilters.length > 0 || Boolean(globalConfig.testNamePattern) || globalConfig.onlyChanged
	);
}

/**
 * After the whole run: each of the 90 operations of the spec must have been sent by the Sigfox node
 * in a workflow, and every request sent must have passed the spec check.
 */
module.exports = async function globalTeardown(globalConfig) {
	const { sent, invalid, missing } = readRecording();
	stopRecording();
	const covered = SPEC_OPERATIONS.length - missing.length;
	const lines = [
		`Sigfox request recorder: ${covered}/${SPEC_OPERATIONS.length} operations sent by the node in a workflow and valid against the spec (${sent.size} spec operations in all)`,
	];
	if (missing.length) lines.push(`  never sent: ${missing.join(', ')}`);
	for (const { method, path, errors } of invalid.slice(0, 20)) {
		lines.push(`  invalid: ${method} ${path}: ${errors.join('; ')}`);
	}
	process.stdout.write(`\n${lines.join('\n')}\n`);
	if ((missing.length || invalid.length) && !isPartialRun(globalConfig)) {
		throw new Error(lines.join('\n'));
	}
};
