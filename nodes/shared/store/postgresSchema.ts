/**
 * The PostgreSQL store's tables and their versioned migrations (DESIGN.md §5). The schema and the
 * table prefix come from the Outbound State Store credential, so several installs can share one
 * database or one schema; both are validated as plain identifiers and always quoted.
 *
 * Migrations are an ordered list of SQL steps. The first use of a store applies the missing ones in
 * one transaction under a transaction-scoped advisory lock, so two n8n processes (or queue-mode
 * workers) opening the same tables at once do not both migrate: the second waits, then finds the
 * versions recorded in `<prefix>migrations` and applies nothing.
 */
import type { PoolClient } from 'pg';

import { StateStoreError } from './types';

/** Letters, digits and underscores, so a quoted name reads the same in psql without quotes. */
const identifierPattern = /^[A-Za-z0-9_]+$/;
/** Leaves room under PostgreSQL's 63-byte names for the longest table or index suffix. */
const identifierMaxLength = 40;

/** Throws a `misconfigured` StateStoreError unless `value` is a usable schema name or table prefix. */
export function validateIdentifier(value: string, what: 'Schema' | 'Table Prefix', allowEmpty: boolean): string {
	if (value === '' && allowEmpty) return value;
	if (!identifierPattern.test(value) || value.length > identifierMaxLength) {
		throw new StateStoreError(
			`${what} "${value}" of the Outbound State Store credential is not usable: use 1 to ${identifierMaxLength} letters, digits or underscores (e.g. ${
				what === 'Schema' ? '"public" or "outbound"' : '"outbound_"'
			}).`,
			'misconfigured',
		);
	}
	return value;
}

function quoteIdentifier(name: string): string {
	return `"${name}"`;
}

/** Quoted, schema-qualified names of the store's tables, plus what index names start with. */
export interface StoreTables {
	schema: string;
	prefix: string;
	migrations: string;
	keys: string;
	values: string;
	windowBuckets: string;
	messages: string;
	fuses: string;
	tasks: string;
}

export function storeTables(schema: string, prefix: string): StoreTables {
	validateIdentifier(schema, 'Schema', false);
	validateIdentifier(prefix, 'Table Prefix', true);
	const table = (name: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(prefix + name)}`;
	return {
		schema,
		prefix,
		migrations: table('migrations'),
		keys: table('keys'),
		values: table('values'),
		windowBuckets: table('window_buckets'),
		messages: table('messages'),
		fuses: table('fuses'),
		tasks: table('tasks'),
	};
}

export interface Migration {
	version: number;
	description: string;
	statements(tables: StoreTables): string[];
}

/**
 * Append only: a released step never changes, a change is a new version. Times are epoch
 * milliseconds from the caller (bigint), never the database's clock, so every process agrees with
 * the `now` it passes.
 */
export const migrations: readonly Migration[] = [
	{
		version: 1,
		description: 'keys, values, window buckets, messages (push log and outbox), fuses, tasks',
		statements: (t) => {
			// Index names live in the schema too; short suffixes keep prefix + suffix under 63 bytes.
			const index = (suffix: string) => quoteIdentifier(`${t.prefix}${suffix}`);
			// Ids, keys, targets and statuses sort and compare byte by byte, as in the embedded store,
			// whatever the database's locale (en-US would put "a" before "B" and ignore hyphens).
			const byteText = 'text COLLATE "C"';
			return [
				`CREATE TABLE ${t.keys} (
					namespace ${byteText} NOT NULL,
					key ${byteText} NOT NULL,
					expires_at bigint NOT NULL,
					PRIMARY KEY (namespace, key)
				)`,
				`CREATE INDEX ${index('keys_expires')} ON ${t.keys} (expires_at)`,

				`CREATE TABLE ${t.values} (
					namespace ${byteText} NOT NULL,
					key ${byteText} NOT NULL,
					value jsonb NOT NULL,
					version integer NOT NULL,
					PRIMARY KEY (namespace, key)
				)`,

				// One row per counter of a bucket, so adding is a plain upsert of `amount + delta`.
				`CREATE TABLE ${t.windowBuckets} (
					namespace ${byteText} NOT NULL,
					key ${byteText} NOT NULL,
					bucket_start bigint NOT NULL,
					counter ${byteText} NOT NULL,
					amount double precision NOT NULL,
					PRIMARY KEY (namespace, key, bucket_start, counter)
				)`,
				`CREATE INDEX ${index('buckets_start')} ON ${t.windowBuckets} (bucket_start)`,

				`CREATE TABLE ${t.messages} (
					message_id ${byteText} PRIMARY KEY,
					status ${byteText} NOT NULL,
					reason text,
					target ${byteText},
					event text,
					flow_id text,
					receiver text,
					source text,
					attempts integer NOT NULL DEFAULT 0,
					repushes integer NOT NULL DEFAULT 0,
					next_due_at bigint,
					lease_owner text,
					lease_until bigint,
					created_at bigint NOT NULL,
					updated_at bigint NOT NULL,
					last_attempt_at bigint,
					payload jsonb,
					delivery jsonb
				)`,
				// The outbox is the rows with next_due_at set: claims walk this index in due order.
				`CREATE INDEX ${index('msg_due')} ON ${t.messages} (next_due_at, message_id) WHERE next_due_at IS NOT NULL`,
				// Keyset pagination, newest first.
				`CREATE INDEX ${index('msg_updated')} ON ${t.messages} (updated_at, message_id)`,
				`CREATE INDEX ${index('msg_status')} ON ${t.messages} (status)`,
				`CREATE INDEX ${index('msg_target')} ON ${t.messages} (target)`,
				`CREATE INDEX ${index('msg_flow')} ON ${t.messages} (flow_id)`,
				`CREATE INDEX ${index('msg_event')} ON ${t.messages} (event)`,

				`CREATE TABLE ${t.fuses} (
					id ${byteText} PRIMARY KEY,
					target ${byteText} NOT NULL,
					opened_at bigint NOT NULL,
					recovered_at bigint,
					cause text
				)`,
				// At most one open fuse per target, so two processes opening at once get the same one.
				`CREATE UNIQUE INDEX ${index('fuses_open')} ON ${t.fuses} (target) WHERE recovered_at IS NULL`,
				`CREATE INDEX ${index('fuses_opened')} ON ${t.fuses} (opened_at, id)`,

				`CREATE TABLE ${t.tasks} (
					id ${byteText} PRIMARY KEY,
					kind text NOT NULL,
					state text NOT NULL,
					spec jsonb NOT NULL,
					cursor text,
					total bigint NOT NULL,
					done bigint NOT NULL DEFAULT 0,
					failed bigint NOT NULL DEFAULT 0,
					error text,
					created_at bigint NOT NULL,
					updated_at bigint NOT NULL,
					version integer NOT NULL
				)`,
				`CREATE INDEX ${index('tasks_created')} ON ${t.tasks} (created_at, id)`,
			];
		},
	},
];

export const latestMigrationVersion = migrations[migrations.length - 1].version;

/** Arbitrary constant naming this package's advisory locks; the second key is the tables' own. */
const advisoryLockClass = 0x6f75_7462; // "outb"

/**
 * Creates the schema when missing and applies the migrations the tables lack, in one transaction.
 * Returns the versions it applied (none when another process got there first).
 */
export async function migrate(client: PoolClient, tables: StoreTables, now: number): Promise<number[]> {
	await client.query('BEGIN');
	try {
		await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [advisoryLockClass, `${tables.schema}.${tables.prefix}`]);
		// CREATE … IF NOT EXISTS still needs the CREATE privilege, which a user given only an existing
		// schema, or only its tables (migrated by an administrator), may lack: look first.
		const schemaFound = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [tables.schema]);
		if (schemaFound.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdentifier(tables.schema)}`);
		const migrationsFound = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [tables.migrations]);
		if (migrationsFound.rows[0].found === null) {
			await client.query(`CREATE TABLE ${tables.migrations} (
				version integer PRIMARY KEY,
				description text NOT NULL,
				applied_at bigint NOT NULL
			)`);
		}
		const appliedRows = await client.query<{ version: number }>(`SELECT version FROM ${tables.migrations}`);
		const applied = new Set(appliedRows.rows.map((row) => row.version));
		const newest = Math.max(0, ...applied);
		if (newest > latestMigrationVersion) {
			throw new StateStoreError(
				`The state store tables have schema version ${newest}, newer than this package knows (${latestMigrationVersion}): update the package on every n8n process sharing them.`,
				'migration',
			);
		}
		const appliedNow: number[] = [];
		for (const migration of migrations) {
			if (applied.has(migration.version)) continue;
			for (const statement of migration.statements(tables)) await client.query(statement);
			await client.query(`INSERT INTO ${tables.migrations} (version, description, applied_at) VALUES ($1, $2, $3)`, [
				migration.version,
				migration.description,
				now,
			]);
			appliedNow.push(migration.version);
		}
		await client.query('COMMIT');
		return appliedNow;
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	}
}
