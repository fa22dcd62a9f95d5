// Four projects: fast unit tests, the end-to-end suite that drives a real n8n (test/e2e/), queue mode (its own n8n cluster), and the
// chaos and fuzz proof (test/reliability/, its own n8n; RELIABILITY_SIZE=full for the full size).
const path = require('node:path');

const rootDir = path.resolve(__dirname, '..');
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] };

module.exports = {
	rootDir,
	// Jest 30 reads the timeout only here, not per project; e2e tests wait on a real n8n.
	testTimeout: 180000,
	projects: [
		{
			displayName: 'unit',
			rootDir,
			testEnvironment: 'node',
			roots: ['<rootDir>/test/unit'],
			testMatch: ['**/*.test.ts'],
			setupFilesAfterEnv: ['<rootDir>/test/unit/setupUserFolder.ts'],
			transform,
		},
		{
			displayName: 'e2e',
			rootDir,
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e'],
			testMatch: ['**/*.e2e.test.ts'],
			transform,
			globalSetup: '<rootDir>/test/e2e/harness/globalSetup.ts',
			globalTeardown: '<rootDir>/test/e2e/harness/globalTeardown.ts',
		},
		{
			// n8n in queue mode (main + 2 workers on PostgreSQL and Redis, test/e2e/n8n/queueMode.js): 300
			// trigger events in `npm test`, 2,000 in `npm run test:queue` (QUEUE_E2E_EVENTS; README, Queue mode).
			displayName: 'queue',
			rootDir,
			testEnvironment: 'node',
			roots: ['<rootDir>/test/e2e/queueMode'],
			testMatch: ['**/*.queue.test.ts'],
			transform,
		},
		{
			displayName: 'reliability',
			rootDir,
			testEnvironment: 'node',
			roots: ['<rootDir>/test/reliability'],
			testMatch: ['**/*.test.ts'],
			transform,
		},
	],
};
