/**
 * The queue-mode suite (`npm run test:e2e:queue`): PostgreSQL, Redis, n8n main, a webhook processor and two workers
 * with the packed package, started and stopped by the test itself (scripts/queue-stack.js).
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-queue'],
	testMatch: ['**/*.queue.test.js'],
	maxWorkers: 1,
	testTimeout: 240_000,
};
