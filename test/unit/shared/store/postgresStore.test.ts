/**
 * The PostgreSQL store against the real server on 127.0.0.1:5432 (trust auth, database `test`):
 * the StateStore contract (contract.ts), then what only PostgreSQL has: migrations shared by
 * concurrent openers, identifiers, locales, connection failures, claims from separate pools.
 * Each config gets a fresh schema, dropped afterwards.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { Pool } from 'pg';

import { migrations } from '../../../../nodes/shared/store/postgresSchema';
import { openPostgresStateStore } from '../../../../nodes/shared/store/postgresStore';
import type { PostgresStateStoreConfig } from '../../../../nodes/shared/store/postgresStore';
import { StateStoreError } from '../../../../nodes/shared/store/types';
import type { MessageWrite, StateStore, StateStoreConfig } from '../../../../nodes/shared/store/types';
import { describeStateStoreContract } from './contract';
import { closedPort } from '../delivery/localTarget';

const modulePath = path.resolve(__dirname, '../../../../nodes/shared/store/postgresStore.ts');
const server = { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' };
const admin = new Pool({ ...server, max: 2 });
const schemas: string[] = [];
const databases: string[] = [];
const roles: string[] = [];
const stores: StateStore[] = [];

/** A config for a schema no other test uses (created by the store on first use). */
function freshConfig(overrides: Partial<PostgresStateStoreConfig> = {}): PostgresStateStoreConfig {
	const schema = `om_test_${randomBytes(6).toString('hex')}`;
	schemas.push(schema);
	return { kind: 'postgres', ...server, password: 'not-needed-on-trust', ssl: 'disable', schema, tablePrefix: 'outbound_', ...overrides };
}

function open(config: StateStoreConfig): StateStore {
	const store = openPostgresStateStore(config as PostgresStateStoreConfig);
	stores.push(store);
	return store;
}

async function failureOf(promise: Promise<unknown>): Promise<StateStoreError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof StateStoreError) return error;
		throw error;
	}
	throw new Error('expected the call to fail');
}

afterAll(async () => {
	await Promise.all(stores.map((store) => store.close()));
	for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
	for (const database of databases) await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
	for (const role of roles) {
		await admin.query(`DROP OWNED BY "${role}" CASCADE`).catch(() => undefined);
		await admin.query(`DROP ROLE IF EXISTS "${role}"`);
	}
	await admin.end();
});

describeStateStoreContract('PostgreSQL store', {
	freshConfig: async () => freshConfig(),
	modulePath,
	exportName: 'openPostgresStateStore',
});

describe('PostgreSQL state store: tables and migrations', () => {
	it('creates the schema and the prefixed tables on first use', async () => {
		const config = freshConfig({ tablePrefix: 'om_' });
		await open(config).isRemembered('ns', 'key', 0);
		const { rows } = await admin.query<{ table_name: string }>(
			'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
			[config.schema],
		);
		expect(rows.map((row) => row.table_name)).toEqual(['om_fuses', 'om_keys', 'om_messages', 'om_migrations', 'om_tasks', 'om_values', 'om_window_buckets']);
	});

	it('applies each migration once when five stores open the same tables at once', async () => {
		const config = freshConfig();
		const five = Array.from({ length: 5 }, () => open(config));
		await Promise.all(five.map((store, index) => store.rememberIfAbsent('ns', `key-${index}`, 60_000, 1_000)));
		const { rows } = await admin.query<{ version: number; times: number }>(
			`SELECT version, count(*)::integer AS times FROM "${config.schema}"."outbound_migrations" GROUP BY version ORDER BY version`,
		);
		expect(rows).toEqual(migrations.map((migration) => ({ version: migration.version, times: 1 })));
	});

	it('lets four OS processes open new tables at the same moment: each migration once, all write', async () => {
		const config = freshConfig();
		const owners = ['p1', 'p2', 'p3', 'p4'];
		let ready = 0;
		const children = owners.map((owner) => {
			const options = { owner, mode: 'open', modulePath, exportName: 'openPostgresStateStore', config };
			const child = fork(path.join(__dirname, 'claimWorker.js'), [JSON.stringify(options)], {
				execPath: process.execPath,
				execArgv: [],
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			});
			const messages: unknown[] = [];
			child.on('message', (message: { type: string }) => {
				messages.push(message);
				// Every process waits until all are loaded: then they open the new tables together.
				if (message.type === 'ready' && ++ready === owners.length) for (const each of children) each.child.send('go');
			});
			return { child, exit: new Promise<unknown[]>((resolve) => child.once('exit', () => resolve(messages))) };
		});
		expect(await Promise.all(children.map(({ exit }) => exit))).toEqual(owners.map(() => [{ type: 'ready' }, { type: 'opened' }]));
		const { rows } = await admin.query<{ version: number; times: number }>(
			`SELECT version, count(*)::integer AS times FROM "${config.schema}"."outbound_migrations" GROUP BY version ORDER BY version`,
		);
		expect(rows).toEqual(migrations.map((migration) => ({ version: migration.version, times: 1 })));
		const page = await open(config).searchMessages({}, { limit: 10 });
		expect(page.items.map((record) => record.messageId).sort()).toEqual(owners);
	});

	it('reports a user who may not create the schema as a migration problem, saying which privilege it needs', async () => {
		const role = `om_test_${randomBytes(6).toString('hex')}`;
		roles.push(role);
		await admin.query(`CREATE ROLE "${role}" LOGIN`);
		const failure = await failureOf(open(freshConfig({ user: role })).isRemembered('ns', 'key', 0));
		expect(failure.code).toBe('migration');
		expect(failure.message).toMatch(/permission denied .*: the user needs the CREATE privilege on the schema, and on the database while the schema does not exist yet/);
	});

	it('works in an existing schema for a user who may create tables there but not schemas', async () => {
		const role = `om_test_${randomBytes(6).toString('hex')}`;
		roles.push(role);
		const config = freshConfig({ user: role });
		await admin.query(`CREATE ROLE "${role}" LOGIN`);
		await admin.query(`CREATE SCHEMA "${config.schema}" AUTHORIZATION "${role}"`);
		expect(await open(config).rememberIfAbsent('ns', 'key', 60_000, 1_000)).toBe(true);
	});

	it('works for a user who may only read and write tables an administrator migrated', async () => {
		const role = `om_test_${randomBytes(6).toString('hex')}`;
		roles.push(role);
		const config = freshConfig();
		await open(config).isRemembered('ns', 'key', 0);
		await admin.query(`CREATE ROLE "${role}" LOGIN`);
		await admin.query(`GRANT USAGE ON SCHEMA "${config.schema}" TO "${role}"`);
		await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${config.schema}" TO "${role}"`);
		const store = open({ ...config, user: role });
		expect(await store.rememberIfAbsent('ns', 'key', 60_000, 1_000)).toBe(true);
		expect(await store.writeMessages([{ messageId: 'm-1', status: 'held', nextDueAt: 2_000 }], 1_000)).toEqual({ inserted: 1, updated: 0 });
	});

	it('keeps its data when the store is opened again', async () => {
		const config = freshConfig();
		const first = open(config);
		await first.writeMessages([{ messageId: 'm-1', status: 'held', target: 'https://a.example/hook', payload: { n: 1 }, nextDueAt: 5_000 }], 1_000);
		await first.close();
		const again = open(config);
		expect(await again.getMessage('m-1')).toMatchObject({ status: 'held', target: 'https://a.example/hook', payload: { n: 1 }, nextDueAt: 5_000 });
	});

	it('keeps two table prefixes in one schema apart', async () => {
		const config = freshConfig({ tablePrefix: 'first_' });
		const first = open(config);
		const second = open({ ...config, tablePrefix: 'second_' });
		await first.rememberIfAbsent('ns', 'key', 60_000, 1_000);
		expect(await second.isRemembered('ns', 'key', 1_000)).toBe(false);
		expect(await first.isRemembered('ns', 'key', 1_000)).toBe(true);
	});

	it('refuses tables migrated by a newer version of the package', async () => {
		const config = freshConfig();
		await open(config).isRemembered('ns', 'key', 0);
		await admin.query(`INSERT INTO "${config.schema}"."outbound_migrations" (version, description, applied_at) VALUES (999, 'from the future', 0)`);
		const failure = await failureOf(open(config).isRemembered('ns', 'key', 0));
		expect(failure.code).toBe('migration');
		expect(failure.message).toMatch(/schema version 999, newer than this package knows/);
	});
});

describe('PostgreSQL state store: a database with a natural-language locale', () => {
	it('orders claims and pages byte by byte, as the embedded store does, in an en-US database', async () => {
		const database = `om_test_${randomBytes(6).toString('hex')}`;
		databases.push(database);
		await admin.query(`CREATE DATABASE "${database}" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
		const store = open(freshConfig({ database }));
		// en-US sorts a < B and m1 < m-2 (hyphens ignored at first); bytes sort B < a and m-2 < m1.
		const ids = ['a', 'B', 'm1', 'm-2'];
		await store.writeMessages(ids.map((messageId) => ({ messageId, status: 'held' as const, nextDueAt: 1_000 })), 500);
		const claimed = await store.claimDue({ now: 2_000, limit: 4, owner: 'one', leaseMs: 1_000 });
		expect(claimed.map((record) => record.messageId)).toEqual(['B', 'a', 'm-2', 'm1']);
		const first = await store.searchMessages({}, { limit: 2 });
		const second = await store.searchMessages({}, { limit: 2, after: first.next });
		expect([...first.items, ...second.items].map((record) => record.messageId)).toEqual(['m1', 'm-2', 'a', 'B']);
	});
});

describe('PostgreSQL state store: configuration', () => {
	it.each([
		['a schema with a quote', { schema: 'om"; DROP TABLE x; --' }, /Schema "om"; DROP TABLE x; --" of the Outbound State Store credential is not usable/],
		['a schema with a dot', { schema: 'public.other' }, /Schema "public.other" .* not usable: use 1 to 40 letters, digits or underscores/],
		['an empty schema', { schema: '' }, /Schema "" .* not usable/],
		['a table prefix of 41 characters', { tablePrefix: 'p'.repeat(41) }, /Table Prefix "p{41}" .* not usable: use 1 to 40/],
		['a table prefix with a hyphen', { tablePrefix: 'out-bound_' }, /Table Prefix "out-bound_" .* not usable/],
		['a pool of no connections', { poolSize: 0 }, /Pool Size 0 of the Outbound State Store credential is not usable: use 1 to 100 connections/],
	])('refuses %s as misconfigured', (_label, overrides, message) => {
		let failure: unknown;
		try {
			openPostgresStateStore(freshConfig(overrides));
		} catch (error) {
			failure = error;
		}
		expect(failure).toBeInstanceOf(StateStoreError);
		expect((failure as StateStoreError).code).toBe('misconfigured');
		expect((failure as StateStoreError).message).toMatch(message);
	});

	it('accepts a schema and a table prefix of 40 characters, quoted as given', async () => {
		const config = freshConfig({ tablePrefix: `P${'x'.repeat(39)}` });
		config.schema = `Om_Test_${randomBytes(16).toString('hex')}`;
		schemas.push(config.schema);
		expect(config.schema).toHaveLength(40);
		const store = open(config);
		expect(await store.rememberIfAbsent('ns', 'key', 60_000, 1_000)).toBe(true);
		const { rows } = await admin.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [
			config.schema,
			`P${'x'.repeat(39)}keys`,
		]);
		expect(rows).toHaveLength(1);
	});

	it('says where it lives without the password', () => {
		const store = open(freshConfig({ password: 'hunter2-secret', schema: 'outbound', tablePrefix: 'om_' }));
		expect(store.kind).toBe('postgres');
		expect(store.location).toBe('postgres://postgres@127.0.0.1:5432/test (schema "outbound", tables "om_*")');
		expect(store.location).not.toContain('hunter2');
	});
});

describe('PostgreSQL state store: an unreachable or refusing server', () => {
	it('reports a port nothing listens on as unavailable, naming host, port and database', async () => {
		const port = await closedPort();
		const failure = await failureOf(open(freshConfig({ port })).rememberIfAbsent('ns', 'key', 1_000, 0));
		expect(failure.code).toBe('unavailable');
		expect(failure.message).toContain(`127.0.0.1:${port}/test`);
		expect(failure.message).toMatch(/check that PostgreSQL is running and the Host and Port/);
	});

	it('tries again on the next call after a failed connection', async () => {
		const port = await closedPort();
		const store = open(freshConfig({ port }));
		expect((await failureOf(store.isRemembered('ns', 'key', 0))).code).toBe('unavailable');
		expect((await failureOf(store.isRemembered('ns', 'key', 0))).code).toBe('unavailable');
	});

	it('reports a missing database as unavailable and says to check the Database', async () => {
		const failure = await failureOf(open(freshConfig({ database: 'om_no_such_database' })).isRemembered('ns', 'key', 0));
		expect(failure.code).toBe('unavailable');
		expect(failure.message).toMatch(/127\.0\.0\.1:5432\/om_no_such_database .*check the Database/);
	});

	it('reports a refused login as unavailable without the password', async () => {
		const failure = await failureOf(open(freshConfig({ user: 'om_no_such_role', password: 'hunter2-secret' })).isRemembered('ns', 'key', 0));
		expect(failure.code).toBe('unavailable');
		expect(failure.message).toMatch(/check the User and Password/);
		expect(failure.message).not.toContain('hunter2');
	});

	it('reports a server without SSL as unavailable when SSL is required', async () => {
		const { rows } = await admin.query<{ ssl: string }>('SHOW ssl');
		// The local test server runs without SSL (Debian's default cluster may have it on).
		const ssl = rows[0].ssl === 'on' ? 'verify' : 'require';
		const failure = await failureOf(open(freshConfig({ ssl })).isRemembered('ns', 'key', 0));
		expect(failure.code).toBe('unavailable');
		expect(failure.message).toMatch(/check the SSL setting/);
	});

	it('is unavailable once closed', async () => {
		const store = open(freshConfig());
		await store.isRemembered('ns', 'key', 0);
		await store.close();
		const failure = await failureOf(store.isRemembered('ns', 'key', 0));
		expect(failure.code).toBe('unavailable');
		expect(failure.message).toMatch(/is closed/);
	});
});

describe('PostgreSQL state store: big batches', () => {
	it('writes 1,200 messages with repeated ids in one call, over several statements, and counts them right', async () => {
		const store = open(freshConfig());
		const writes = Array.from({ length: 1200 }, (_, index) => ({ messageId: `m-${index % 900}`, status: 'failed' as const, attempts: 1 }));
		expect(await store.writeMessages(writes, 1_000)).toEqual({ inserted: 900, updated: 300 });
		expect((await store.getMessage('m-0'))?.attempts).toBe(2);
		expect((await store.getMessage('m-899'))?.attempts).toBe(1);
		expect((await store.searchMessages({}, { limit: 1 })).total).toBe(900);
	});

	it('writes all of a batch or none of it when a later statement fails', async () => {
		const store = open(freshConfig());
		const writes: MessageWrite[] = Array.from({ length: 700 }, (_, index) => ({ messageId: `m-${index}`, status: 'held', nextDueAt: 2_000, payload: { index } }));
		// jsonb cannot hold the character U+0000: the second statement of the batch fails.
		writes[650] = { ...writes[650], payload: { index: 650, text: 'nul \u0000 here' } };
		await expect(store.writeMessages(writes, 1_000)).rejects.toThrow(/unsupported Unicode escape sequence/);
		expect(await store.getMessage('m-0')).toBeUndefined();
		expect((await store.stats(2_000)).queued).toBe(0);
	});
});

describe('PostgreSQL state store: concurrency', () => {
	it('never gives one record to two claimers on separate pools (2 stores × 20 claim loops over 1,000 records)', async () => {
		const config = freshConfig({ poolSize: 10 });
		const writer = open(config);
		await writer.writeMessages(
			Array.from({ length: 1000 }, (_, index) => ({ messageId: `m-${String(index).padStart(4, '0')}`, status: 'held' as const, nextDueAt: 1_000 + index })),
			500,
		);
		const claimers = [open(config), open(config)];
		const claimed: string[] = [];
		await Promise.all(
			claimers.flatMap((store, storeIndex) =>
				Array.from({ length: 20 }, async (_, loop) => {
					for (;;) {
						const records = await store.claimDue({ now: 10_000, limit: 7, owner: `claimer-${storeIndex}-${loop}`, leaseMs: 60_000 });
						if (records.length === 0) return;
						claimed.push(...records.map((record) => record.messageId));
					}
				}),
			),
		);
		expect(claimed).toHaveLength(1000);
		expect(new Set(claimed).size).toBe(1000);
	});

	it('remembers a key for exactly one of many concurrent callers on separate pools', async () => {
		const config = freshConfig();
		const two = [open(config), open(config)];
		const results = await Promise.all(Array.from({ length: 40 }, (_, index) => two[index % 2].rememberIfAbsent('delivery', 'same-key', 60_000, 1_000)));
		expect(results.filter(Boolean)).toHaveLength(1);
	});

	it('opens one fuse for a target when two pools open it at once', async () => {
		const config = freshConfig();
		const two = [open(config), open(config)];
		const results = await Promise.all(Array.from({ length: 20 }, (_, index) => two[index % 2].openFuse('https://a.example/hook', 1_000 + index, 'failures')));
		expect(results.filter((result) => result.opened)).toHaveLength(1);
		expect(new Set(results.map((result) => result.fuse.id)).size).toBe(1);
	});

	it('counts every concurrent addition to a window bucket', async () => {
		const config = freshConfig();
		const two = [open(config), open(config)];
		await Promise.all(Array.from({ length: 50 }, (_, index) => two[index % 2].addToWindow('breaker', 'target', { failures: 1, attempts: 2 }, 10_000, 1_000, 60_000)));
		expect(await two[0].readWindow('breaker', 'target', 0)).toEqual({ failures: 50, attempts: 100 });
	});
});
