/**
 * The real-n8n suite (`npm run test:e2e`): global-setup.js installs the n8n runtime if missing, starts the Sigfox Cloud
 * simulator and n8n with the packed package once; the tests drive both over HTTP and n8n's CLI.
 */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
	reporters: ['default', '<rootDir>/test/e2e/n8n-log-reporter.js'],
	maxWorkers: 1,
	testTimeout: 240_000,
};
