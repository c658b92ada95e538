/** Unit and in-process workflow tests. The real-n8n suites have their own configs (test/e2e, test/e2e-queue, test/e2e-failover). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: [
		'/node_modules/',
		'<rootDir>/test/e2e/',
		'<rootDir>/test/e2e-queue/',
		'<rootDir>/test/e2e-failover/',
	],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/setup-env.js'],
	// Retries honour Retry-After in real time; on a loaded 2-core machine 5 s is not enough for a long listing.
	testTimeout: 30_000,
	// The request recorder: every request the Sigfox node sends is checked against the spec, and the
	// run fails unless each operation of the node was sent (test/support/recorder.js).
	globalSetup: '<rootDir>/test/support/global-setup.js',
	globalTeardown: '<rootDir>/test/support/global-teardown.js',
};
