import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';

import { StateStoreError } from './types';

/**
 * The embedded store's tables (sqliteStore.ts), the counterpart of postgresSchema.ts: the same
 * tables and columns, in SQLite's types.
 */

/**
 * Versioned schema: migration N brings `PRAGMA user_version` from N-1 to N. Append, never edit a
 * released one. Applied in one immediate transaction, so two processes opening a new file at the
 * same moment do not both migrate.
 */
const migrations: readonly string[] = [
	`
	CREATE TABLE remembered_keys (
		namespace TEXT NOT NULL,
		key TEXT NOT NULL,
		expires_at INTEGER NOT NULL,
		PRIMARY KEY (namespace, key)
	) WITHOUT ROWID;
	CREATE INDEX remembered_keys_expires ON remembered_keys (expires_at);

	CREATE TABLE versioned_values (
		namespace TEXT NOT NULL,
		key TEXT NOT NULL,
		value TEXT NOT NULL,
		version INTEGER NOT NULL,
		PRIMARY KEY (namespace, key)
	) WITHOUT ROWID;

	CREATE TABLE window_buckets (
		namespace TEXT NOT NULL,
		key TEXT NOT NULL,
		bucket_start INTEGER NOT NULL,
		field TEXT NOT NULL,
		count REAL NOT NULL,
		PRIMARY KEY (namespace, key, bucket_start, field)
	) WITHOUT ROWID;
	CREATE INDEX window_buckets_start ON window_buckets (bucket_start);

	CREATE TABLE messages (
		message_id TEXT PRIMARY KEY NOT NULL,
		status TEXT NOT NULL,
		reason TEXT,
		target TEXT,
		event TEXT,
		flow_id TEXT,
		receiver TEXT,
		source TEXT,
		attempts INTEGER NOT NULL DEFAULT 0,
		repushes INTEGER NOT NULL DEFAULT 0,
		next_due_at INTEGER,
		lease_owner TEXT,
		lease_until INTEGER,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		last_attempt_at INTEGER,
		payload TEXT,
		delivery TEXT
	);
	CREATE INDEX messages_due ON messages (next_due_at, message_id) WHERE next_due_at IS NOT NULL;
	CREATE INDEX messages_updated ON messages (updated_at, message_id);
	-- Partial: a row without a flow id (many push log rows) adds no entry; a search by flow id
	-- (flow_id IN …) implies flow_id IS NOT NULL, so SQLite still uses it. Measured: ~1 µs a row less.
	CREATE INDEX messages_flow ON messages (flow_id) WHERE flow_id IS NOT NULL;

	CREATE TABLE fuses (
		id TEXT PRIMARY KEY NOT NULL,
		target TEXT NOT NULL,
		opened_at INTEGER NOT NULL,
		recovered_at INTEGER,
		cause TEXT
	);
	CREATE UNIQUE INDEX fuses_one_open ON fuses (target) WHERE recovered_at IS NULL;
	CREATE INDEX fuses_opened ON fuses (opened_at, id);

	CREATE TABLE tasks (
		id TEXT PRIMARY KEY NOT NULL,
		kind TEXT NOT NULL,
		state TEXT NOT NULL,
		spec TEXT NOT NULL,
		cursor TEXT,
		total INTEGER NOT NULL,
		done INTEGER NOT NULL,
		failed INTEGER NOT NULL,
		error TEXT,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		version INTEGER NOT NULL
	);
	CREATE INDEX tasks_created ON tasks (created_at, id);
	CREATE INDEX tasks_state ON tasks (state);
	`,
	// 2: push log batches staged while a run delivers, folded into messages before any read of them
	// (sqliteWriterThread.js). `rows`: a JSON array of upsert parameter lists; `error`: why a fold
	// refused the batch (kept for inspection, not folded again).
	`
	CREATE TABLE staged_messages (
		id INTEGER PRIMARY KEY,
		rows TEXT NOT NULL,
		row_count INTEGER NOT NULL,
		error TEXT
	);
	`,
	// 3: a staged batch's `rows` holds the UTF-8 bytes of its JSON (a blob) rather than text; the table is
	// unchanged (SQLite keeps a blob in a TEXT column as it is, and a fold still reads text staged at
	// version 2). The version makes a build that reads only text refuse the file instead of refusing
	// every batch staged as bytes.
	`
	SELECT 1;
	`,
];

export const sqliteSchemaVersion = migrations.length;

export function migrate(db: DatabaseSync, file: string): void {
	db.exec('BEGIN IMMEDIATE');
	try {
		const current = Number((db.prepare('PRAGMA user_version').get() as Record<string, SQLOutputValue>).user_version);
		if (current > migrations.length) {
			throw new StateStoreError(
				`The state store file ${file} has schema version ${current}, newer than this package knows (${migrations.length}): update the package on every n8n process sharing it.`,
				'migration',
			);
		}
		for (let version = current + 1; version <= migrations.length; version++) {
			db.exec(migrations[version - 1]);
			db.exec(`PRAGMA user_version = ${version}`);
		}
		db.exec('COMMIT');
	} catch (error) {
		db.exec('ROLLBACK');
		throw error;
	}
}
