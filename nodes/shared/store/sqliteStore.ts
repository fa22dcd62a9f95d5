import * as keys from './sqliteKeys';
import { openSqliteConnection, type EmbeddedConfig, type Row, type SqliteConnection } from './sqliteConnection';
import { messageWriteRow, presentMessagesSql, runMessageRows, stagedBatches, stagingSql, upsertMessageSql } from './sqliteMessageWrites';
import * as outbox from './sqliteOutbox';
import * as tasks from './sqliteTasks';
import { type FoldTiming, WriterThread } from './sqliteWriter';
import { bindStore } from './storeOperations';
import { checkMessageWrite } from './storeRows';
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
 * When the writer thread folds staged push log batches into the messages table: once no batch came
 * for this long (a run has finished delivering), or at once when this many rows wait (a long run
 * keeps the backlog bounded).
 */
export const defaultFoldTiming: FoldTiming = { foldIdleMs: 200, foldAtRows: 50_000 };

/** The operations that read or write the messages table: each has what is staged folded first. */
const messageOperations = ['claimDue', 'acknowledge', 'release', 'requeue', 'getMessage', 'searchMessages', 'deleteMessages', 'purge', 'stats'] as const;

/**
 * Opens (creating when missing) the embedded store at `config.path`. `tuning` is for tests: the
 * contract with every write on the writer thread (`writerThreadFromRows`), and fold timings.
 */
export function openSqliteStateStore(config: EmbeddedConfig, tuning: { writerThreadFromRows?: number } & Partial<FoldTiming> = {}): StateStore {
	const connection = openSqliteConnection(config);
	const writes = new MessageWrites(connection, Math.max(0, Math.floor(config.busyTimeoutMs ?? 5000)), tuning.writerThreadFromRows ?? writerThreadFromRows, {
		foldIdleMs: tuning.foldIdleMs ?? defaultFoldTiming.foldIdleMs,
		foldAtRows: tuning.foldAtRows ?? defaultFoldTiming.foldAtRows,
	});
	const folding: Record<string, unknown> = { ...outbox };
	for (const name of messageOperations) {
		const operation = outbox[name] as (db: SqliteConnection, ...args: unknown[]) => unknown;
		folding[name] = async (db: SqliteConnection, ...args: unknown[]) => {
			await writes.foldStaged();
			return operation(db, ...args);
		};
	}
	return bindStore(connection, { kind: 'embedded', location: connection.file }, {
		...keys,
		...(folding as typeof outbox),
		...tasks,
		writeMessages: (_db, messages, now) => writes.write(messages, now),
		logMessages: (_db, messages, now) => writes.log(messages, now),
		close: async (db) => {
			if (!db.markClosed()) return;
			await writes.close();
			db.dispose();
		},
	});
}

/**
 * Push log writes: small batches on the store's connection, big ones (and all behind them) on the
 * writer thread; `log` stages big batches there (sqliteWriterThread.js). Staged batches are folded
 * into the messages table by the writer thread only, so n8n's main thread never waits on a fold.
 */
class MessageWrites {
	/** Started by the first write of `fromRows` rows or more, or the first fold. */
	private writer: WriterThread | undefined;

	constructor(
		private readonly db: SqliteConnection,
		private readonly busyTimeoutMs: number,
		private readonly fromRows: number,
		private readonly timing: FoldTiming,
	) {}

	async write(writes: readonly MessageWrite[], now: number): Promise<{ inserted: number; updated: number }> {
		this.db.checkOpen();
		// Encoded here, before anything is written: a row that cannot be encoded fails the whole call.
		const rows = writes.map((write) => messageWriteRow(write, now));
		// Through the writer thread once one has work queued, so calls complete in the order they came, and
		// while anything is staged (the thread folds it before it writes). Decided before any await.
		if (writes.length >= this.fromRows || this.writer?.busy || this.stagedWaiting()) return this.writerThread().write(rows);
		return this.db.immediate(() => runMessageRows(this.db.statement(presentMessagesSql), this.db.statement(upsertMessageSql), rows));
	}

	/** As `write`, without counts: a big batch is checked, then staged as JSON text on the writer thread. */
	async log(writes: readonly MessageWrite[], now: number): Promise<void> {
		this.db.checkOpen();
		// Checked and encoded here: a staged batch is folded when no caller is left to refuse.
		const rows = writes.map((write) => {
			checkMessageWrite(write);
			return messageWriteRow(write, now);
		});
		if (writes.length >= this.fromRows || this.writer?.busy) {
			// The JSON is made here and crosses to the thread as a string: measured, cheaper in all than the
			// thread encoding it, as the thread's core is the one n8n's helpers and a local target share.
			await this.writerThread().stage(stagedBatches(rows));
			return;
		}
		// A small batch is written at once: on the thread behind what is staged, else here.
		if (this.stagedWaiting()) {
			await this.writerThread().write(rows);
			return;
		}
		this.db.immediate(() => {
			for (const row of rows) this.db.statement(upsertMessageSql).run(...row);
		});
	}

	/**
	 * Folds what any connection staged into the messages table (on the writer thread), before a read
	 * or write of it; one read of the (small) staging table on this connection when nothing is staged.
	 */
	async foldStaged(): Promise<void> {
		if (!this.writer?.busy && !this.stagedWaiting()) return;
		await this.writerThread().fold();
	}

	/** Whether any connection has staged rows not folded yet (stops at the first waiting batch). */
	private stagedWaiting(): boolean {
		return Number((this.db.statement(stagingSql.anyStaged).get() as Row).staged) > 0;
	}

	/** Lets the writes already sent finish and ends the writer thread (which folds what is staged). */
	async close(): Promise<void> {
		await this.writer?.close();
	}

	private writerThread(): WriterThread {
		if (this.writer === undefined || !this.writer.usable) this.writer = new WriterThread(this.db.file, this.busyTimeoutMs, this.timing);
		return this.writer;
	}
}
