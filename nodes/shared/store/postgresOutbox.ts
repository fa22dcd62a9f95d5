import { checkClaimLimit } from './pageCursor';
import { messageConditions, Parameters, whereClause } from './postgresConditions';
import { parsedJsonb, type PostgresConnection } from './postgresConnection';
import { byDueThenId, jsonText, messageOf, type StoreRow } from './storeRows';
import type { Acknowledgement, ClaimRequest, MessageFilter, MessageRecord, MessageStats, MessageStatus, Page, PageRequest } from './types';

/**
 * The PostgreSQL store's outbox and push log reads: claim (FOR UPDATE SKIP LOCKED), acknowledge,
 * release and requeue, then search, delete, purge and stats.
 */

const messageOfRow = (row: StoreRow): MessageRecord => messageOf(row, parsedJsonb);

export async function claimDue(db: PostgresConnection, request: ClaimRequest): Promise<MessageRecord[]> {
	checkClaimLimit(request.limit);
	const parameters = new Parameters();
	const owner = parameters.bind(request.owner);
	const leaseUntil = parameters.bind(request.now + request.leaseMs);
	const now = parameters.bind(request.now);
	const conditions = [`next_due_at <= ${now}`, `(lease_until IS NULL OR lease_until <= ${now})`];
	if (request.maxRepushes !== undefined) conditions.push(`repushes < ${parameters.bind(request.maxRepushes)}`);
	conditions.push(...messageConditions(request.filter ?? {}, parameters));
	const limit = parameters.bind(request.limit);
	// SKIP LOCKED: a concurrent claimer passes over the rows this one is taking instead of
	// waiting for them, and the lease check is evaluated again on each row it does lock.
	const { rows } = await db.query<StoreRow>(
		`UPDATE ${db.tables.messages} SET lease_owner = ${owner}, lease_until = ${leaseUntil}, repushes = repushes + 1, updated_at = ${now}
		WHERE message_id IN (
			SELECT message_id FROM ${db.tables.messages}
			${whereClause(conditions)}
			ORDER BY next_due_at, message_id
			LIMIT ${limit}
			FOR UPDATE SKIP LOCKED
		)
		RETURNING *`,
		parameters.values,
	);
	return rows.map(messageOfRow).sort(byDueThenId);
}

export async function acknowledge(db: PostgresConnection, messageId: string, owner: string, ack: Acknowledgement, now: number): Promise<boolean> {
	const parameters = new Parameters();
	const changes: string[] = [
		`status = ${parameters.bind(ack.outcome === 'retry' ? (ack.status ?? 'retrying') : ack.outcome)}`,
		`next_due_at = ${parameters.bind(ack.outcome === 'retry' ? ack.nextDueAt : null)}`,
		`attempts = attempts + ${parameters.bind(ack.attempts ?? 0)}`,
		'lease_owner = NULL',
		'lease_until = NULL',
		`updated_at = ${parameters.bind(now)}`,
	];
	// A success has no failure reason; otherwise a reason left out keeps the last one.
	if (ack.reason !== undefined || ack.outcome === 'succeeded') changes.push(`reason = ${parameters.bind(ack.reason ?? null)}`);
	if (ack.lastAttemptAt !== undefined) changes.push(`last_attempt_at = ${parameters.bind(ack.lastAttemptAt)}`);
	if (ack.delivery !== undefined) changes.push(`delivery = ${parameters.bind(jsonText(ack.delivery))}::jsonb`);
	const { rowCount } = await db.query(
		`UPDATE ${db.tables.messages} SET ${changes.join(', ')}
		WHERE message_id = ${parameters.bind(messageId)} AND lease_owner = ${parameters.bind(owner)}`,
		parameters.values,
	);
	return rowCount > 0;
}

export async function release(db: PostgresConnection, messageId: string, owner: string): Promise<boolean> {
	const { rowCount } = await db.query(
		`UPDATE ${db.tables.messages} SET lease_owner = NULL, lease_until = NULL, repushes = GREATEST(repushes - 1, 0)
		WHERE message_id = $1 AND lease_owner = $2`,
		[messageId, owner],
	);
	return rowCount > 0;
}

export async function requeue(db: PostgresConnection, filter: MessageFilter, dueAt: number, now: number): Promise<number> {
	const parameters = new Parameters();
	const due = parameters.bind(dueAt);
	const at = parameters.bind(now);
	const { rowCount } = await db.query(
		`UPDATE ${db.tables.messages} SET next_due_at = ${due}, updated_at = ${at} ${whereClause(messageConditions(filter, parameters))}`,
		parameters.values,
	);
	return rowCount;
}

export async function getMessage(db: PostgresConnection, messageId: string): Promise<MessageRecord | undefined> {
	const { rows } = await db.query<StoreRow>(`SELECT * FROM ${db.tables.messages} WHERE message_id = $1`, [messageId]);
	return rows[0] && messageOfRow(rows[0]);
}

export async function searchMessages(db: PostgresConnection, filter: MessageFilter, page: PageRequest): Promise<Page<MessageRecord>> {
	const parameters = new Parameters();
	const conditions = messageConditions(filter, parameters);
	return db.newestFirst({ table: db.tables.messages, time: 'updated_at', id: 'message_id' }, conditions, parameters, page, (row: StoreRow) => {
		const item = messageOfRow(row);
		return { item, time: item.updatedAt, id: item.messageId };
	});
}

export async function deleteMessages(db: PostgresConnection, filter: MessageFilter): Promise<number> {
	const parameters = new Parameters();
	const conditions = messageConditions(filter, parameters);
	if (conditions.length === 0) return 0;
	const { rowCount } = await db.query(`DELETE FROM ${db.tables.messages} ${whereClause(conditions)}`, parameters.values);
	return rowCount;
}

export async function purge(
	db: PostgresConnection,
	request: { olderThan: number; statuses: readonly MessageStatus[]; now: number },
): Promise<{ messages: number; keys: number; buckets: number }> {
	return db.transaction(async (client) => {
		const messages = await client.query(`DELETE FROM ${db.tables.messages} WHERE status = ANY($1::text[]) AND updated_at < $2 AND next_due_at IS NULL`, [
			request.statuses,
			request.olderThan,
		]);
		const keys = await client.query(`DELETE FROM ${db.tables.keys} WHERE expires_at <= $1`, [request.now]);
		const buckets = await client.query(`DELETE FROM ${db.tables.windowBuckets} WHERE bucket_start < $1`, [request.olderThan]);
		// A bucket is one row per counter, here as in the embedded store: `buckets` counts those rows.
		return { messages: messages.rowCount ?? 0, keys: keys.rowCount ?? 0, buckets: buckets.rowCount ?? 0 };
	});
}

export async function stats(db: PostgresConnection, now: number): Promise<MessageStats> {
	const { rows } = await db.query<{ target: string | null; status: MessageStatus; count: number; queued: number; due: number }>(
		`SELECT target, status, count(*)::integer AS count,
			count(next_due_at)::integer AS queued,
			-- due: waiting and free to claim (a record under a live lease is being pushed)
			count(*) FILTER (WHERE next_due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1))::integer AS due
		FROM ${db.tables.messages} GROUP BY target, status ORDER BY target NULLS FIRST, status`,
		[now],
	);
	const stats: MessageStats = { byStatus: {}, byTarget: [], queued: 0, due: 0, unfiledLog: { batches: 0, rows: 0, lastError: null } };
	for (const row of rows) {
		stats.byStatus[row.status] = (stats.byStatus[row.status] ?? 0) + row.count;
		stats.byTarget.push({ target: row.target, status: row.status, count: row.count });
		stats.queued += row.queued;
		stats.due += row.due;
	}
	return stats;
}
