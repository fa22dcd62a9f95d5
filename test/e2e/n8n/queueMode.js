// n8n in queue mode (EXECUTIONS_MODE=queue): one main and N workers, sharing n8n's database (a fresh
// PostgreSQL database per run, dropped afterwards), one Bull queue in Redis (a key prefix per run,
// deleted afterwards), the encryption key, and one install of this package.
//
// The main receives webhooks and runs triggers; it enqueues every execution, and a worker (`n8n
// worker`) takes it from Redis, reads the workflow from the database and runs it. Used by
// test/e2e/queueMode/.
//
// Lifecycle: new QueueModeCluster(opts) → prepare() → main.importCredentials()/importWorkflows() →
// start() → (use) → stop() → cleanup().
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { Client } = require('pg');

const { N8nInstance } = require('./instance.js');

const n8nModules = path.join(__dirname, 'node_modules');

/** A queue-mode worker: no editor or webhooks; its health-check server answers /healthz/readiness once it takes jobs. */
class N8nWorker extends N8nInstance {
	async env() {
		const env = await super.env();
		return { ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' };
	}
}

class QueueModeCluster {
	/**
	 * @param {object} [options]
	 * @param {number} [options.workers] how many workers (default 2)
	 * @param {number} [options.workerConcurrency] jobs each worker runs at once (`n8n worker --concurrency`, default 10)
	 * @param {{host?: string, port?: number, user?: string}} [options.postgres] the PostgreSQL that holds n8n's database
	 * @param {{host?: string, port?: number}} [options.redis] the Redis that holds the queue
	 * @param {number} [options.poolSize] n8n's PostgreSQL pool per process (DB_POSTGRESDB_POOL_SIZE, default 10)
	 */
	constructor(options = {}) {
		const stamp = `${process.pid}_${Date.now()}`;
		this.postgres = { host: '127.0.0.1', port: 5432, user: 'postgres', ...options.postgres };
		this.redis = { host: '127.0.0.1', port: 6379, ...options.redis };
		this.database = `n8n_queue_e2e_${stamp}`;
		this.bullPrefix = `om-queue-e2e-${stamp}`;
		this.workerCount = options.workers ?? 2;
		this.workerConcurrency = options.workerConcurrency ?? 10;
		const env = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_PREFIX: this.bullPrefix,
			QUEUE_BULL_REDIS_HOST: this.redis.host,
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.postgres.host,
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.postgres.user,
			DB_POSTGRESDB_PASSWORD: this.postgres.password ?? '',
			// n8n's default pool is 2 connections: under a burst of webhooks its 2-second "SELECT 1" ping
			// waits for a slot past its 5 s timeout, and the main answers every request 503 "Database is
			// not ready!" until a ping gets through.
			DB_POSTGRESDB_POOL_SIZE: String(options.poolSize ?? 10),
			// n8n removes a finished job from Redis at once by default (keep last 0). The main waits for each
			// job with Bull's job.finished(), which listens for the completion only after checking the job's
			// state: a job a worker completes in between (the main busy under a burst) is gone when checked,
			// its event already passed, and Bull's 5 s check never finds it again. The main then never
			// finalizes that execution, and n8n's API leaves it out of the list as still running (2 of 300
			// once: the test waited for them until its timeout). Kept jobs are found by that 5 s check.
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '5000',
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '5000',
		};
		this.main = new N8nInstance({ logs: 'file', env });
		// Each worker has a user folder of its own (n8n's crash journal in <folder>/.n8n is one per
		// process: a folder shared with the main makes every later process wait 10 s for "Last session
		// crashed"), and its nodes folder links to the main's: one install, as a shared volume would be.
		this.workers = Array.from(
			{ length: this.workerCount },
			() => new N8nWorker({ logs: 'file', env, encryptionKey: this.main.encryptionKey, command: ['worker', `--concurrency=${this.workerConcurrency}`] }),
		);
	}

	get processes() {
		return [this.main, ...this.workers];
	}

	async admin(database = 'postgres') {
		const client = new Client({ ...this.postgres, database });
		await client.connect();
		return client;
	}

	/** Creates n8n's database and installs the package once, where every process loads it from. */
	async prepare() {
		const client = await this.admin();
		try {
			await client.query(`CREATE DATABASE "${this.database}"`);
		} finally {
			await client.end();
		}
		await this.main.installPackage();
		const mainNodes = path.join(this.main.userFolder, '.n8n', 'nodes');
		for (const worker of this.workers) {
			fs.mkdirSync(path.join(worker.userFolder, '.n8n'), { recursive: true });
			fs.symlinkSync(mainNodes, path.join(worker.userFolder, '.n8n', 'nodes'), 'dir');
		}
	}

	/** Starts the main (migrating n8n's database, publishing the active workflows), then the workers side by side. */
	async start() {
		await this.main.start({ timeoutMs: 180000 });
		await Promise.all(this.workers.map(async (worker) => await worker.start({ timeoutMs: 180000 })));
	}

	async stop() {
		await Promise.all(this.workers.map(async (worker) => await worker.stop()));
		await this.main.stop();
	}

	/** Drops n8n's database, deletes the run's Bull keys, removes the user folders (unless E2E_KEEP). */
	async cleanup() {
		const client = await this.admin();
		try {
			await client.query(`DROP DATABASE IF EXISTS "${this.database}" WITH (FORCE)`);
		} finally {
			await client.end();
		}
		const Redis = require(path.join(n8nModules, 'ioredis'));
		const redis = new Redis({ ...this.redis, lazyConnect: true, maxRetriesPerRequest: 1 });
		try {
			await redis.connect();
			let cursor = '0';
			do {
				const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.bullPrefix}*`, 'COUNT', 1000);
				if (keys.length > 0) await redis.del(...keys);
				cursor = next;
			} while (cursor !== '0');
		} finally {
			redis.disconnect();
		}
		if (!process.env.E2E_KEEP) {
			for (const instance of this.processes) fs.rmSync(instance.userFolder, { recursive: true, force: true });
		}
	}

	/**
	 * Which process ran each execution, from the workers' logs ("Worker started execution <id>") and
	 * the main's (which, in queue mode, runs none itself).
	 * @returns {{ byWorker: Map<string, number>[], main: string[] }} per worker: execution id → times started
	 */
	executionsByProcess() {
		const started = (instance) => {
			const text = fs.existsSync(instance.logFile) ? fs.readFileSync(instance.logFile, 'utf8') : '';
			const counts = new Map();
			for (const match of text.matchAll(/Worker started execution (\d+)/g)) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
			return counts;
		};
		return { byWorker: this.workers.map(started), main: [...started(this.main).keys()] };
	}
}

module.exports = { QueueModeCluster, N8nWorker };
