import type { PostgresConnection } from './postgresConnection';
import { bucketStartOf } from './storeRows';
import type { StoreOperations } from './storeOperations';
import type { Versioned } from './types';

/**
 * The PostgreSQL store's small shared state: duplicate keys (remembered with INSERT … ON CONFLICT),
 * compare-and-set values (breaker state) and windowed counters (breaker failure rate).
 */

export async function rememberIfAbsent(db: PostgresConnection, namespace: string, key: string, ttlMs: number, now: number): Promise<boolean> {
	const [remembered] = await rememberManyIfAbsent(db, namespace, [key], ttlMs, now);
	return remembered;
}

export async function rememberManyIfAbsent(db: PostgresConnection, namespace: string, keys: readonly string[], ttlMs: number, now: number): Promise<boolean[]> {
	if (keys.length === 0) return [];
	const distinct = [...new Set(keys)];
	// Inserted, or taken over from an expired entry: either way this call remembered it.
	const { rows } = await db.query<{ key: string }>(
		`INSERT INTO ${db.tables.keys} AS k (namespace, key, expires_at)
		SELECT $1, key, $2 FROM unnest($3::text[]) AS key
		ON CONFLICT (namespace, key) DO UPDATE SET expires_at = excluded.expires_at
			WHERE k.expires_at <= $4
		RETURNING k.key`,
		[namespace, now + ttlMs, distinct, now],
	);
	const remembered = new Set(rows.map((row) => row.key));
	// A key repeated in the list is a duplicate of its own first occurrence.
	return keys.map((key) => remembered.delete(key));
}

export async function isRemembered(db: PostgresConnection, namespace: string, key: string, now: number): Promise<boolean> {
	const { rowCount } = await db.query(`SELECT 1 FROM ${db.tables.keys} WHERE namespace = $1 AND key = $2 AND expires_at > $3`, [namespace, key, now]);
	return rowCount > 0;
}

export async function forget(db: PostgresConnection, namespace: string, key: string): Promise<void> {
	await db.query(`DELETE FROM ${db.tables.keys} WHERE namespace = $1 AND key = $2`, [namespace, key]);
}

export async function readValue<T>(db: PostgresConnection, namespace: string, key: string): Promise<Versioned<T> | undefined> {
	const { rows } = await db.query<{ value: T; version: number }>(`SELECT value, version FROM ${db.tables.values} WHERE namespace = $1 AND key = $2`, [
		namespace,
		key,
	]);
	return rows[0] && { value: rows[0].value, version: rows[0].version };
}

export async function compareAndSet<T>(db: PostgresConnection, namespace: string, key: string, value: T, expectedVersion: number | null): Promise<number | undefined> {
	const { rows } =
		expectedVersion === null
			? await db.query<{ version: number }>(
					`INSERT INTO ${db.tables.values} (namespace, key, value, version) VALUES ($1, $2, $3::jsonb, 1)
					ON CONFLICT (namespace, key) DO NOTHING RETURNING version`,
					[namespace, key, JSON.stringify(value ?? null)],
				)
			: await db.query<{ version: number }>(
					`UPDATE ${db.tables.values} SET value = $3::jsonb, version = version + 1
					WHERE namespace = $1 AND key = $2 AND version = $4 RETURNING version`,
					[namespace, key, JSON.stringify(value ?? null), expectedVersion],
				);
	return rows[0]?.version;
}

export async function listValues<T>(db: PostgresConnection, namespace: string): Promise<Array<{ key: string } & Versioned<T>>> {
	const { rows } = await db.query<{ key: string; value: T; version: number }>(
		`SELECT key, value, version FROM ${db.tables.values} WHERE namespace = $1 ORDER BY key`,
		[namespace],
	);
	return rows.map((row) => ({ key: row.key, value: row.value, version: row.version }));
}

function windowSumSql(db: PostgresConnection): string {
	return `SELECT counter, sum(amount) AS amount FROM ${db.tables.windowBuckets}
		WHERE namespace = $1 AND key = $2 AND bucket_start >= $3 GROUP BY counter`;
}

function windowSums(rows: ReadonlyArray<{ counter: string; amount: number }>): Record<string, number> {
	const sums: Record<string, number> = {};
	for (const row of rows) sums[row.counter] = row.amount;
	return sums;
}

export const addToWindow: StoreOperations<PostgresConnection>['addToWindow'] = async (db, namespace, key, deltas, now, bucketMs, windowMs) => {
	const bucketStart = bucketStartOf(now, bucketMs);
	return db.transaction(async (client) => {
		await client.query(
			`INSERT INTO ${db.tables.windowBuckets} AS b (namespace, key, bucket_start, counter, amount)
			SELECT $1, $2, $3, counter, amount FROM unnest($4::text[], $5::float8[]) AS d (counter, amount)
			ON CONFLICT (namespace, key, bucket_start, counter) DO UPDATE SET amount = b.amount + excluded.amount`,
			[namespace, key, bucketStart, Object.keys(deltas), Object.values(deltas)],
		);
		const { rows } = await client.query<{ counter: string; amount: number }>(windowSumSql(db), [namespace, key, now - windowMs]);
		return windowSums(rows);
	});
};

export async function readWindow(db: PostgresConnection, namespace: string, key: string, since: number): Promise<Record<string, number>> {
	const { rows } = await db.query<{ counter: string; amount: number }>(windowSumSql(db), [namespace, key, since]);
	return windowSums(rows);
}
