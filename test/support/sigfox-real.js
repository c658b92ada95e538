'use strict';

/**
 * Every capture of real Sigfox output under test/fixtures/sigfox-real/ (one JSON file per public source;
 * its README.md describes the format), read afresh so that a new file is tested as soon as it is added.
 */
const { readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const FIXTURES = join(__dirname, '..', 'fixtures', 'sigfox-real');

function realSigfoxFixtures() {
	return readdirSync(FIXTURES)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ name, ...JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) }));
}

/**
 * The messages an API answer lists: `data[]` of a parsed answer, the answer itself when it is one
 * message, or, for an answer kept as an excerpt (`…` where the author cut), every complete
 * `{…}` in the text that parses as JSON and has a `time` and a `device`.
 */
function listedMessages(answer) {
	if (answer && typeof answer === 'object')
		return Array.isArray(answer.data) ? answer.data : [answer];
	if (typeof answer !== 'string') return [];
	try {
		return listedMessages(JSON.parse(answer));
	} catch {
		// An excerpt: read the complete objects it holds.
	}
	const found = [];
	let from = 0;
	while (from < answer.length) {
		const start = answer.indexOf('{', from);
		if (start < 0) break;
		let depth = 0;
		let inString = false;
		let end = -1;
		for (let i = start; i < answer.length && end < 0; i++) {
			const c = answer[i];
			if (inString) {
				if (c === '\\') i++;
				else if (c === '"') inString = false;
			} else if (c === '"') inString = true;
			else if (c === '{') depth++;
			else if (c === '}' && --depth === 0) end = i;
		}
		let parsed;
		try {
			parsed = end < 0 ? undefined : JSON.parse(answer.slice(start, end + 1));
		} catch {
			parsed = undefined;
		}
		if (parsed && 'time' in parsed && 'device' in parsed) {
			found.push(parsed);
			from = end + 1;
		} else {
			from = start + 1;
		}
	}
	return found;
}

module.exports = { FIXTURES, realSigfoxFixtures, listedMessages };
