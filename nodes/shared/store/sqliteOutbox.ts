import type { SQLInputValue } from 'node:sqlite';

import { checkClaimLimit, checkPageLimit, encodePageCursor } from './pageCursor';
import { inList, messageConditions, whereOf, type Condition } from './sqliteConditions';
import { parsedJson, type Row, type SqliteConnection } from './sqliteConnection';
import { messageColumns } from './sqliteMessageWrites';
import { byDueThenId, jsonText, messageOf, textOrNull } from './storeRows';
import type { Acknowledgement, ClaimRequest, MessageFilter, MessageRecord, MessageStats, MessageStatus, Page, PageRequest } from './types';

/**
 * The embedded store's outbox and push log reads: claim, acknowledge, release and requeue, then
 * search, delete, purge and stats. Every read-then-write runs in `BEGIN IMMEDIATE`, so two
 * processes never both claim a record.
 */

const messageOfRow = (row: Row): MessageRecord => messageOf(row, parsedJson);

/** The columns of a message row, in the order `messageColumns` lists them. */
function messageValues(record: MessageRecord): SQLInputValue[] {
	return [
		record.messageId,
		record.status,
		record.reason,
		record.target,
		record.event,
		record.flowId,
		record.receiver,
		record.source,
		record.attempts,
		record.repushes,
		record.nextDueAt,
		record.leaseOwner,
		record.leaseUntil,
		record.createdAt,
		record.updatedAt,
		record.lastAttemptAt,
		jsonText(record.payload),
		jsonText(record.delivery),
	];
}

export function getMessage(db: SqliteConnection, messageId: string): MessageRecord | undefined {
	const row = db.statement('SELECT * FROM messages WHERE message_id = ?').get(messageId) as Row | undefined;
	return row === undefined ? undefined : messageOfRow(row);
}

function writeMessage(db: SqliteConnection, record: MessageRecord): void {
	const [messageId, ...rest] = messageValues(record);
	db.statement(`UPDATE messages SET ${messageColumns.slice(1).map((column) => `${column} = ?`).join(', ')} WHERE message_id = ?`).run(...rest, messageId);
}

export function claimDue(db: SqliteConnection, request: ClaimRequest): MessageRecord[] {
	checkClaimLimit(request.limit);
	const conditions: Condition[] = [
		{ sql: 'next_due_at <= ?', params: [request.now] },
		{ sql: 'lease_until IS NULL OR lease_until <= ?', params: [request.now] },
	];
	if (request.maxRepushes !== undefined) conditions.push({ sql: 'repushes < ?', params: [request.maxRepushes] });
	conditions.push(...messageConditions({ targets: request.filter?.targets, events: request.filter?.events, statuses: request.filter?.statuses }));
	const where = whereOf(conditions);
	return db.immediate(() => {
		const rows = db
			.statement(
				`UPDATE messages SET lease_owner = ?, lease_until = ?, repushes = repushes + 1, updated_at = ?
				 WHERE message_id IN (SELECT message_id FROM messages${where.sql} ORDER BY next_due_at, message_id LIMIT ?)
				 RETURNING *`,
			)
			.all(request.owner, request.now + request.leaseMs, request.now, ...where.params, request.limit) as Row[];
		return rows.map(messageOfRow).sort(byDueThenId);
	});
}

export function acknowledge(db: SqliteConnection, messageId: string, owner: string, ack: Acknowledgement, now: number): boolean {
	return db.immediate(() => {
		const existing = getMessage(db, messageId);
		if (existing === undefined || existing.leaseOwner !== owner) return false;
		const retry = ack.outcome === 'retry';
		writeMessage(db, {
			...existing,
			status: retry ? (ack.status ?? 'retrying') : ack.outcome,
			reason: ack.reason !== undefined ? ack.reason : ack.outcome === 'succeeded' ? null : existing.reason,
			attempts: existing.attempts + (ack.attempts ?? 0),
			nextDueAt: retry ? ack.nextDueAt : null,
			leaseOwner: null,
			leaseUntil: null,
			lastAttemptAt: ack.lastAttemptAt !== undefined ? ack.lastAttemptAt : existing.lastAttemptAt,
			delivery: ack.delivery !== undefined ? ack.delivery : existing.delivery,
			updatedAt: now,
		});
		return true;
	});
}

export function release(db: SqliteConnection, messageId: string, owner: string): boolean {
	// The record goes back as it was: the claim's re-push did not happen, so it is taken back.
	const result = db
		.statement('UPDATE messages SET lease_owner = NULL, lease_until = NULL, repushes = MAX(repushes - 1, 0) WHERE message_id = ? AND lease_owner = ?')
		.run(messageId, owner);
	return Number(result.changes) === 1;
}

export function requeue(db: SqliteConnection, filter: MessageFilter, dueAt: number, now: number): number {
	const where = whereOf(messageConditions(filter));
	const result = db.statement(`UPDATE messages SET next_due_at = ?, updated_at = ?${where.sql}`).run(dueAt, now, ...where.params);
	return Number(result.changes);
}

export function searchMessages(db: SqliteConnection, filter: MessageFilter, page: PageRequest): Page<MessageRecord> {
	checkPageLimit(page.limit);
	return db.page({ table: 'messages', time: 'updated_at', id: 'message_id' }, messageConditions(filter), page, messageOfRow, (last) =>
		encodePageCursor(last.updatedAt, last.messageId),
	);
}

export function deleteMessages(db: SqliteConnection, filter: MessageFilter): number {
	// No condition, no delete (as in the PostgreSQL store): a filter of only unknown fields is not "everything".
	const conditions = messageConditions(filter);
	if (conditions.length === 0) return 0;
	const where = whereOf(conditions);
	return Number(db.statement(`DELETE FROM messages${where.sql}`).run(...where.params).changes);
}

export function purge(
	db: SqliteConnection,
	request: { olderThan: number; statuses: readonly MessageStatus[]; now: number },
): { messages: number; keys: number; buckets: number } {
	const purged = db.immediate(() => {
		const status = inList('status', request.statuses);
		const messages = db.statement(`DELETE FROM messages WHERE ${status.sql} AND updated_at < ? AND next_due_at IS NULL`).run(...status.params, request.olderThan).changes;
		const keys = db.statement('DELETE FROM remembered_keys WHERE expires_at <= ?').run(request.now).changes;
		const buckets = db.statement('DELETE FROM window_buckets WHERE bucket_start < ?').run(request.olderThan).changes;
		return { messages: Number(messages), keys: Number(keys), buckets: Number(buckets) };
	});
	// Large deletes change the tables' shape: refresh the planner's statistics where they are stale.
	db.exec('PRAGMA optimize');
	return purged;
}

export function stats(db: SqliteConnection, now: number): MessageStats {
	return db.readTransaction(() => {
		const byStatus: MessageStats['byStatus'] = {};
		for (const row of db.statement('SELECT status, COUNT(*) AS count FROM messages GROUP BY status').all() as Row[]) {
			byStatus[row.status as MessageStatus] = Number(row.count);
		}
		const byTarget = (db.statement('SELECT target, status, COUNT(*) AS count FROM messages GROUP BY target, status ORDER BY target, status').all() as Row[]).map(
			(row) => ({ target: textOrNull(row.target), status: row.status as MessageStatus, count: Number(row.count) }),
		);
		const outbox = db
			.statement(
				`SELECT COUNT(*) AS queued,
				 COALESCE(SUM(CASE WHEN next_due_at <= ? AND (lease_until IS NULL OR lease_until <= ?) THEN 1 ELSE 0 END), 0) AS due
				 FROM messages WHERE next_due_at IS NOT NULL`,
			)
			.get(now, now) as Row;
		const unfiled = db
			.statement(
				`SELECT COUNT(*) AS batches, COALESCE(SUM(row_count), 0) AS rows,
				 (SELECT error FROM staged_messages WHERE error IS NOT NULL ORDER BY id DESC LIMIT 1) AS last_error
				 FROM staged_messages WHERE error IS NOT NULL`,
			)
			.get() as Row;
		return {
			byStatus,
			byTarget,
			queued: Number(outbox.queued),
			due: Number(outbox.due),
			unfiledLog: { batches: Number(unfiled.batches), rows: Number(unfiled.rows), lastError: textOrNull(unfiled.last_error) },
		};
	});
}
