import type { Row, SqliteConnection } from './sqliteConnection';
import { bucketStartOf } from './storeRows';
import type { StoreOperations } from './storeOperations';
import type { Versioned } from './types';

/**
 * The embedded store's small shared state: duplicate keys (remember-if-absent), compare-and-set
 * values (breaker state) and windowed counters (breaker failure rate). Each is one statement or one
 * immediate transaction, so two processes never both remember a key or both win a version.
 */

/** One statement, so atomic on its own: inserts, or takes over an expired key. */
export function rememberIfAbsent(db: SqliteConnection, namespace: string, key: string, ttlMs: number, now: number): boolean {
	const result = db
		.statement(
			`INSERT INTO remembered_keys (namespace, key, expires_at) VALUES (?, ?, ?)
			 ON CONFLICT (namespace, key) DO UPDATE SET expires_at = excluded.expires_at WHERE remembered_keys.expires_at <= ?`,
		)
		.run(namespace, key, now + ttlMs, now);
	return Number(result.changes) === 1;
}

export function rememberManyIfAbsent(db: SqliteConnection, namespace: string, keys: readonly string[], ttlMs: number, now: number): boolean[] {
	return db.immediate(() => keys.map((key) => rememberIfAbsent(db, namespace, key, ttlMs, now)));
}

export function isRemembered(db: SqliteConnection, namespace: string, key: string, now: number): boolean {
	return db.statement('SELECT 1 AS found FROM remembered_keys WHERE namespace = ? AND key = ? AND expires_at > ?').get(namespace, key, now) !== undefined;
}

export function forget(db: SqliteConnection, namespace: string, key: string): void {
	db.statement('DELETE FROM remembered_keys WHERE namespace = ? AND key = ?').run(namespace, key);
}

export function readValue<T>(db: SqliteConnection, namespace: string, key: string): Versioned<T> | undefined {
	const row = db.statement('SELECT value, version FROM versioned_values WHERE namespace = ? AND key = ?').get(namespace, key) as Row | undefined;
	return row === undefined ? undefined : { value: JSON.parse(String(row.value)) as T, version: Number(row.version) };
}

export function compareAndSet<T>(db: SqliteConnection, namespace: string, key: string, value: T, expectedVersion: number | null): number | undefined {
	const text = JSON.stringify(value ?? null);
	if (expectedVersion === null) {
		const result = db
			.statement('INSERT INTO versioned_values (namespace, key, value, version) VALUES (?, ?, ?, 1) ON CONFLICT (namespace, key) DO NOTHING')
			.run(namespace, key, text);
		return Number(result.changes) === 1 ? 1 : undefined;
	}
	const row = db
		.statement('UPDATE versioned_values SET value = ?, version = version + 1 WHERE namespace = ? AND key = ? AND version = ? RETURNING version')
		.get(text, namespace, key, expectedVersion) as Row | undefined;
	return row === undefined ? undefined : Number(row.version);
}

export function listValues<T>(db: SqliteConnection, namespace: string): Array<{ key: string } & Versioned<T>> {
	const rows = db.statement('SELECT key, value, version FROM versioned_values WHERE namespace = ? ORDER BY key').all(namespace) as Row[];
	return rows.map((row) => ({ key: String(row.key), value: JSON.parse(String(row.value)) as T, version: Number(row.version) }));
}

export const addToWindow: StoreOperations<SqliteConnection>['addToWindow'] = (db, namespace, key, deltas, now, bucketMs, windowMs) => {
	const bucketStart = bucketStartOf(now, bucketMs);
	return db.immediate(() => {
		const add = db.statement(
			`INSERT INTO window_buckets (namespace, key, bucket_start, field, count) VALUES (?, ?, ?, ?, ?)
			 ON CONFLICT (namespace, key, bucket_start, field) DO UPDATE SET count = count + excluded.count`,
		);
		for (const [field, delta] of Object.entries(deltas)) add.run(namespace, key, bucketStart, field, delta);
		return readWindow(db, namespace, key, now - windowMs);
	});
};

export function readWindow(db: SqliteConnection, namespace: string, key: string, since: number): Record<string, number> {
	const rows = db
		.statement('SELECT field, SUM(count) AS total FROM window_buckets WHERE namespace = ? AND key = ? AND bucket_start >= ? GROUP BY field')
		.all(namespace, key, since) as Row[];
	return Object.fromEntries(rows.map((row) => [String(row.field), Number(row.total)]));
}
