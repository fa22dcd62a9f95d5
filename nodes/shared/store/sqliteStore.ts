import * as keys from './sqliteKeys';
import { openSqliteConnection, type EmbeddedConfig, type SqliteConnection } from './sqliteConnection';
import { messageWriteRow, presentMessagesSql, runMessageRows, upsertMessageSql } from './sqliteMessageWrites';
import * as outbox from './sqliteOutbox';
import * as tasks from './sqliteTasks';
import { WriterThread } from './sqliteWriter';
import { bindStore } from './storeOperations';
import type { MessageWrite, StateStore } from './types';

export { unsupportedRuntimeMessage } from './sqliteConnection';
export { sqliteSchemaVersion } from './sqliteSchema';

/**
 * The embedded state store (DESIGN.md §5): one file database on Node's built-in `node:sqlite`, no
 * server. Several n8n processes on one machine share the file: WAL mode lets readers run beside the
 * one writer, the busy timeout makes a writer wait for another process's lock instead of failing,
 * and every read-then-write runs in `BEGIN IMMEDIATE`, which takes the write lock before reading,
 * so two processes never both claim a record or both remember a key.
 *
 * node:sqlite is synchronous; the store's methods still answer with promises, as the interface
 * says (the PostgreSQL store is truly async). Its parts: the connection and schema
 * (sqliteConnection.ts, sqliteSchema.ts), keys, values and counters (sqliteKeys.ts), push log
 * writes and their writer thread (sqliteMessageWrites.ts, sqliteWriter.ts, below), the outbox
 * (sqliteOutbox.ts), fuses and tasks (sqliteTasks.ts), bound to one connection by storeOperations.ts.
 */

/** How many rows a `writeMessages` call needs to go to the writer thread: below it, posting costs more than writing. */
export const writerThreadFromRows = 64;

/**
 * Opens (creating when missing) the embedded store at `config.path`. `tuning.writerThreadFromRows`
 * is for tests that run the contract with every write on the writer thread.
 */
export function openSqliteStateStore(config: EmbeddedConfig, tuning: { writerThreadFromRows?: number } = {}): StateStore {
	const connection = openSqliteConnection(config);
	const writes = new MessageWrites(connection, Math.max(0, Math.floor(config.busyTimeoutMs ?? 5000)), tuning.writerThreadFromRows ?? writerThreadFromRows);
	return bindStore(connection, { kind: 'embedded', location: connection.file }, {
		...keys,
		...outbox,
		...tasks,
		writeMessages: (_db, messages, now) => writes.write(messages, now),
		close: async (db) => {
			if (!db.markClosed()) return;
			await writes.close();
			db.dispose();
		},
	});
}

/** Push log writes: small batches on the store's connection, big ones (and all behind them) on the writer thread. */
class MessageWrites {
	/** Started by the first write of `fromRows` rows or more. */
	private writer: WriterThread | undefined;

	constructor(
		private readonly db: SqliteConnection,
		private readonly busyTimeoutMs: number,
		private readonly fromRows: number,
	) {}

	async write(writes: readonly MessageWrite[], now: number): Promise<{ inserted: number; updated: number }> {
		this.db.checkOpen();
		// Encoded here, before anything is written: a row that cannot be encoded fails the whole call.
		const rows = writes.map((write) => messageWriteRow(write, now));
		// Through the writer thread once one has work queued, so calls complete in the order they came.
		if (writes.length >= this.fromRows || this.writer?.busy) return this.writerThread().write(rows);
		return this.db.immediate(() => runMessageRows(this.db.statement(presentMessagesSql), this.db.statement(upsertMessageSql), rows));
	}

	/** Lets the writes already sent finish and ends the writer thread. */
	async close(): Promise<void> {
		await this.writer?.close();
	}

	private writerThread(): WriterThread {
		if (this.writer === undefined || !this.writer.usable) this.writer = new WriterThread(this.db.file, this.busyTimeoutMs);
		return this.writer;
	}
}
