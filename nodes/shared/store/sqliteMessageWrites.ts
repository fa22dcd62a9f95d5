import type { StatementSync } from 'node:sqlite';

import type { MessageWrite } from './types';
import { jsonText } from './storeRows';

/**
 * The embedded store's push log writes (writeMessages): each MessageWrite encoded once as the
 * parameters of one upsert statement, run on the store's connection or on its writer thread
 * (sqliteWriter.ts), which receive the same rows and SQL.
 */

/** The columns of a message row, in the order of the table and of `messageValues`. */
export const messageColumns = [
	'message_id',
	'status',
	'reason',
	'target',
	'event',
	'flow_id',
	'receiver',
	'source',
	'attempts',
	'repushes',
	'next_due_at',
	'lease_owner',
	'lease_until',
	'created_at',
	'updated_at',
	'last_attempt_at',
	'payload',
	'delivery',
];

/**
 * A MessageWrite as one statement: inserts the row, or updates the existing one as the contract
 * says (attempts added, a field given replaces, one not given stays, the lease untouched). Which
 * optional fields a write gives travels as the bit mask ?15, bit n for `givenColumns[n]`
 * (messageWriteRow sets them).
 */
export const givenColumns = ['reason', 'target', 'event', 'flow_id', 'receiver', 'source', 'next_due_at', 'last_attempt_at', 'payload', 'delivery'];

export const upsertMessageSql = `INSERT INTO messages (${messageColumns.join(', ')})
	VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, NULL, NULL, ?11, ?11, ?12, ?13, ?14)
	ON CONFLICT (message_id) DO UPDATE SET status = excluded.status,
	${givenColumns.map((column, bit) => `${column} = CASE WHEN ?15 & ${1 << bit} THEN excluded.${column} ELSE ${column} END`).join(',\n\t')},
	attempts = attempts + excluded.attempts, updated_at = excluded.updated_at`;

/** Which of a batch's ids already have a row: the inserted and updated counts, one read for the batch. */
export const presentMessagesSql = 'SELECT message_id FROM messages WHERE message_id IN (SELECT value FROM json_each(?))';

/** Push log batches waiting to be folded into messages (sqliteWriterThread.js), and the statements that fold them. */
export const stagingSql = {
	insertStaged: 'INSERT INTO staged_messages (rows, row_count) VALUES (?, ?)',
	anyStaged: 'SELECT EXISTS (SELECT 1 FROM staged_messages WHERE error IS NULL) AS staged',
	// A few batches at a time: a backlog is not read into memory at once.
	selectStaged: 'SELECT id, rows, row_count FROM staged_messages WHERE error IS NULL ORDER BY id LIMIT 16',
	deleteStaged: 'DELETE FROM staged_messages WHERE id = ?',
	markStaged: 'UPDATE staged_messages SET error = ? WHERE id = ?',
};

export type MessageRow = Array<string | number | null>;

/** A push log batch as staged: the UTF-8 bytes of its rows' JSON, and how many rows it holds. */
export type StagedBatch = [bytes: Uint8Array<ArrayBuffer>, rows: number];

export type WriteCounts = { inserted: number; updated: number };

/** The parameters of `upsertMessageSql` for one write: plain strings and numbers, ready for a statement or a thread. */
export function messageWriteRow(write: MessageWrite, now: number): MessageRow {
	// Spelled out, in givenColumns order, not a loop over field names: this runs on n8n's main thread for every push
	// log row, and ten keyed reads a row cost more than the rest of the encoding.
	const given =
		(write.reason !== undefined ? 1 : 0) |
		(write.target !== undefined ? 2 : 0) |
		(write.event !== undefined ? 4 : 0) |
		(write.flowId !== undefined ? 8 : 0) |
		(write.receiver !== undefined ? 16 : 0) |
		(write.source !== undefined ? 32 : 0) |
		(write.nextDueAt !== undefined ? 64 : 0) |
		(write.lastAttemptAt !== undefined ? 128 : 0) |
		(write.payload !== undefined ? 256 : 0) |
		(write.delivery !== undefined ? 512 : 0);
	return [
		write.messageId,
		write.status,
		write.reason ?? null,
		write.target ?? null,
		write.event ?? null,
		write.flowId ?? null,
		write.receiver ?? null,
		write.source ?? null,
		write.attempts ?? 0,
		write.nextDueAt ?? null,
		now,
		write.lastAttemptAt ?? null,
		jsonText(write.payload),
		jsonText(write.delivery),
		given,
	];
}

/**
 * From the writer thread's own file (sqliteWriterThread.js), one copy for both threads:
 * `runMessageRows` runs encoded rows inside the caller's transaction; `stagedBatches` makes the JSON
 * texts a `logMessages` batch is staged as.
 */
const threadModule = require('./sqliteWriterThread.js') as {
	runMessageRows: (present: StatementSync, upsert: StatementSync, rows: readonly MessageRow[]) => WriteCounts;
	stagedBatches: (rows: readonly MessageRow[]) => StagedBatch[];
};

export const { runMessageRows, stagedBatches } = threadModule;
