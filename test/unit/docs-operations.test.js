'use strict';

const { readFileSync } = require('node:fs');
const { catalogue } = require('../../nodes/Sigfox/catalogue');
const {
	README,
	renderOperationsTable,
	withOperationsTable,
} = require('../../scripts/docs-operations');
const { PART_ONE_OPERATIONS } = require('../support/spec-check');

describe("the README's operation table", () => {
	const readme = readFileSync(README, 'utf8');

	it('is the one the catalogue generates (run `npm run docs:operations` after changing the catalogue)', () => {
		expect(readme).toBe(withOperationsTable(readme, renderOperationsTable(catalogue)));
	});

	it("lists every device, device bulk, device type and callback operation of Sigfox's spec", () => {
		const listed = [...readme.matchAll(/\| `(GET|POST|PUT|DELETE) ([^`]+)` \|/g)].map(
			([, method, path]) => `${method} ${path}`,
		);
		expect(PART_ONE_OPERATIONS.filter((operation) => !listed.includes(operation))).toEqual([]);
		expect(PART_ONE_OPERATIONS).toHaveLength(48);
	});
});
