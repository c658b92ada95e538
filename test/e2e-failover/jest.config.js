/**
 * The failover suite (`npm run test:e2e:failover`): PostgreSQL, Redis, n8n main, two webhook processors behind
 * HAProxy and two workers with the packed package, processes killed under load (scripts/queue-stack.js).
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-failover'],
	testMatch: ['**/*.failover.test.js'],
	maxWorkers: 1,
	testTimeout: 900_000,
};
