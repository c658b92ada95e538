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

module.exports = { FIXTURES, realSigfoxFixtures };
