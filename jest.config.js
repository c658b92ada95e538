/** Unit and in-process workflow tests. The real-n8n suite has its own config (test/e2e). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/e2e-queue/'],
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
