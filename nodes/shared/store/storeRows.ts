/**
 * What both stores read and build the same way, whatever their SQL dialect: a table row as a
 * record (the column names are one schema in both), the terms of a message filter, and the order
 * a claim hands records back in. Each store renders the filter terms in its own SQL.
 */
import { type BatchTask, type FuseRecord, type MessageFilter, type MessageRecord, type MessageStatus, messageStatuses, type TaskState } from './records';
import type { MessageWrite } from './types';

/** A row as a driver returns it: column name to value. */
export type StoreRow = Record<string, unknown>;

/** How a driver hands back a JSON column: SQLite as text to parse, PostgreSQL's jsonb already parsed. */
export type JsonColumn = (value: unknown) => Record<string, unknown> | null;

export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function messageOf(row: StoreRow, json: JsonColumn): MessageRecord {
	return {
		messageId: String(row.message_id),
		status: row.status as MessageStatus,
		reason: textOrNull(row.reason),
		target: textOrNull(row.target),
		event: textOrNull(row.event),
		flowId: textOrNull(row.flow_id),
		receiver: textOrNull(row.receiver),
		source: textOrNull(row.source),
		attempts: Number(row.attempts),
		repushes: Number(row.repushes),
		nextDueAt: numberOrNull(row.next_due_at),
		leaseOwner: textOrNull(row.lease_owner),
		leaseUntil: numberOrNull(row.lease_until),
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
		lastAttemptAt: numberOrNull(row.last_attempt_at),
		payload: json(row.payload),
		delivery: json(row.delivery),
	};
}

export function fuseOf(row: StoreRow): FuseRecord {
	return {
		id: String(row.id),
		target: String(row.target),
		openedAt: Number(row.opened_at),
		recoveredAt: numberOrNull(row.recovered_at),
		cause: textOrNull(row.cause),
	};
}

export function taskOf(row: StoreRow, json: JsonColumn): BatchTask {
	return {
		id: String(row.id),
		kind: String(row.kind),
		state: row.state as TaskState,
		spec: json(row.spec) as Record<string, unknown>,
		cursor: textOrNull(row.cursor),
		total: Number(row.total),
		done: Number(row.done),
		failed: Number(row.failed),
		error: textOrNull(row.error),
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
		version: Number(row.version),
	};
}

/** A value bound as JSON text: SQLite stores it so, and pg would turn a JS array bound for jsonb into a PostgreSQL array. */
export function jsonText(value: unknown): string | null {
	return value === null || value === undefined ? null : JSON.stringify(value);
}

/** One condition of a message filter, to be joined with AND; a list given empty matches nothing. */
export type FilterTerm =
	| { kind: 'anyOf'; column: string; values: readonly string[] }
	| { kind: 'present'; column: string; present: boolean }
	| { kind: 'compare'; column: string; operator: '>=' | '<'; value: number };

/** The terms of a message filter, in one fixed order (both stores cache statements by their text). */
export function messageFilterTerms(filter: MessageFilter): FilterTerm[] {
	const terms: FilterTerm[] = [];
	const anyOf = (column: string, values: readonly string[] | undefined) => {
		if (values !== undefined) terms.push({ kind: 'anyOf', column, values });
	};
	anyOf('message_id', filter.messageIds);
	anyOf('status', filter.statuses);
	anyOf('event', filter.events);
	anyOf('target', filter.targets);
	anyOf('flow_id', filter.flowIds);
	anyOf('receiver', filter.receivers);
	if (filter.queued !== undefined) terms.push({ kind: 'present', column: 'next_due_at', present: filter.queued });
	if (filter.updatedFrom !== undefined) terms.push({ kind: 'compare', column: 'updated_at', operator: '>=', value: filter.updatedFrom });
	if (filter.updatedTo !== undefined) terms.push({ kind: 'compare', column: 'updated_at', operator: '<', value: filter.updatedTo });
	return terms;
}

/** The order claimDue hands records back in: oldest due first, then message id (RETURNING follows neither store's subquery order). */
export function byDueThenId(a: MessageRecord, b: MessageRecord): number {
	return (a.nextDueAt ?? 0) - (b.nextDueAt ?? 0) || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);
}

/** The start of the counter bucket (of `bucketMs`) that holds `now`. */
export function bucketStartOf(now: number, bucketMs: number): number {
	return Math.floor(now / bucketMs) * bucketMs;
}

/** The fields of a batch task that updateTask may change. */
export const taskChangeFields = ['state', 'cursor', 'total', 'done', 'failed', 'error'] as const;

/**
 * What the messages table would refuse of a write, checked by both stores' `logMessages` (the embedded
 * store stages a batch and folds it later, when no caller is left to tell): a message id and a known
 * status.
 */
export function checkMessageWrite(write: MessageWrite): void {
	if (typeof write.messageId !== 'string' || write.messageId === '') {
		throw new Error(`A push log row needs a message ID (a non-empty text); got ${JSON.stringify(write.messageId) ?? 'nothing'}`);
	}
	if (!(messageStatuses as readonly unknown[]).includes(write.status)) {
		throw new Error(`The push log row of message ${write.messageId} has the status ${JSON.stringify(write.status) ?? 'nothing'}; use one of: ${messageStatuses.join(', ')}`);
	}
}
