'use strict';

const { readFileSync } = require('node:fs');
const { catalogue } = require('../../nodes/Sigfox/catalogue');
const {
	README,
	renderOperationsTable,
	withOperationsTable,
} = require('../../scripts/docs-operations');
const { SPEC_OPERATIONS } = require('../support/spec-check');

describe("the README's operation table", () => {
	const readme = readFileSync(README, 'utf8');

	it('is the one the catalogue generates (run `npm run docs:operations` after changing the catalogue)', () => {
		expect(readme).toBe(withOperationsTable(readme, renderOperationsTable(catalogue)));
	});

	it("lists every operation of Sigfox's spec", () => {
		const listed = [...readme.matchAll(/\| `(GET|POST|PUT|DELETE) ([^`]+)` \|/g)].map(
			([, method, path]) => `${method} ${path}`,
		);
		expect(SPEC_OPERATIONS.filter((operation) => !listed.includes(operation))).toEqual([]);
		expect(SPEC_OPERATIONS).toHaveLength(90);
	});
});
