import * as keys from './sqliteKeys';
import { openSqliteConnection, type EmbeddedConfig, type SqliteConnection } from './sqliteConnection';
import { messageWriteRow, presentMessagesSql, runMessageRows, upsertMessageSql } from './sqliteMessageWrites';
import * as outbox from './sqliteOutbox';
import * as tasks from './sqliteTasks';
import { WriterThread } from './sqliteWriter';
import type {
	Acknowledgement,
	BatchTask,
	ClaimRequest,
	FuseRecord,
	MessageFilter,
	MessageRecord,
	MessageStats,
	MessageStatus,
	MessageWrite,
	Page,
	PageRequest,
	StateStore,
	TaskState,
	Versioned,
} from './types';

export { unsupportedRuntimeMessage } from './sqliteConnection';
export { sqliteSchemaVersion } from './sqliteSchema';

/**
 * The embedded state store (DESIGN.md §5): one file database on Node's built-in `node:sqlite`, no
 * server. Several n8n processes on one machine share the file: WAL mode lets readers run beside the
 * one writer, the busy timeout makes a writer wait for another process's lock instead of failing,
 * and every read-then-write runs in `BEGIN IMMEDIATE`, which takes the write lock before reading,
 * so two processes never both claim a record or both remember a key.
 *
 * node:sqlite is synchronous; the methods are async to honour the interface (the PostgreSQL store
 * is truly async). This class wires the interface to its parts: the connection and schema
 * (sqliteConnection.ts, sqliteSchema.ts), keys, values and counters (sqliteKeys.ts), push log
 * writes and their writer thread (sqliteMessageWrites.ts, sqliteWriter.ts), the outbox
 * (sqliteOutbox.ts), fuses and tasks (sqliteTasks.ts).
 */

/** How many rows a `writeMessages` call needs to go to the writer thread: below it, posting costs more than writing. */
export const writerThreadFromRows = 64;

/**
 * Opens (creating when missing) the embedded store at `config.path`. `tuning.writerThreadFromRows`
 * is for tests that run the contract with every write on the writer thread.
 */
export function openSqliteStateStore(config: EmbeddedConfig, tuning: { writerThreadFromRows?: number } = {}): StateStore {
	const db = openSqliteConnection(config);
	return new SqliteStateStore(db, Math.max(0, Math.floor(config.busyTimeoutMs ?? 5000)), tuning.writerThreadFromRows ?? writerThreadFromRows);
}

class SqliteStateStore implements StateStore {
	readonly kind = 'embedded' as const;

	readonly location: string;

	/** Started by the first write of `writerThreadFromRows` rows or more. */
	private writer: WriterThread | undefined;

	constructor(
		private readonly db: SqliteConnection,
		private readonly busyTimeoutMs: number,
		private readonly writerThreadFromRows: number,
	) {
		this.location = db.file;
	}

	async rememberIfAbsent(namespace: string, key: string, ttlMs: number, now: number): Promise<boolean> {
		return keys.remember(this.db, namespace, key, ttlMs, now);
	}

	async rememberManyIfAbsent(namespace: string, list: readonly string[], ttlMs: number, now: number): Promise<boolean[]> {
		return keys.rememberMany(this.db, namespace, list, ttlMs, now);
	}

	async isRemembered(namespace: string, key: string, now: number): Promise<boolean> {
		return keys.isRemembered(this.db, namespace, key, now);
	}

	async forget(namespace: string, key: string): Promise<void> {
		keys.forget(this.db, namespace, key);
	}

	async readValue<T = unknown>(namespace: string, key: string): Promise<Versioned<T> | undefined> {
		return keys.readValue<T>(this.db, namespace, key);
	}

	async compareAndSet<T = unknown>(namespace: string, key: string, value: T, expectedVersion: number | null): Promise<number | undefined> {
		return keys.compareAndSet(this.db, namespace, key, value, expectedVersion);
	}

	async listValues<T = unknown>(namespace: string): Promise<Array<{ key: string } & Versioned<T>>> {
		return keys.listValues<T>(this.db, namespace);
	}

	async addToWindow(namespace: string, key: string, deltas: Record<string, number>, now: number, bucketMs: number, windowMs: number): Promise<Record<string, number>> {
		return keys.addToWindow(this.db, namespace, key, deltas, now, bucketMs, windowMs);
	}

	async readWindow(namespace: string, key: string, since: number): Promise<Record<string, number>> {
		return keys.windowSums(this.db, namespace, key, since);
	}

	async writeMessages(writes: readonly MessageWrite[], now: number): Promise<{ inserted: number; updated: number }> {
		this.db.checkOpen();
		// Encoded here, before anything is written: a row that cannot be encoded fails the whole call.
		const rows = writes.map((write) => messageWriteRow(write, now));
		// Through the writer thread once one has work queued, so calls complete in the order they came.
		if (writes.length >= this.writerThreadFromRows || this.writer?.busy) return this.writerThread().write(rows);
		return this.db.immediate(() => runMessageRows(this.db.statement(presentMessagesSql), this.db.statement(upsertMessageSql), rows));
	}

	async claimDue(request: ClaimRequest): Promise<MessageRecord[]> {
		return outbox.claimDue(this.db, request);
	}

	async acknowledge(messageId: string, owner: string, ack: Acknowledgement, now: number): Promise<boolean> {
		return outbox.acknowledge(this.db, messageId, owner, ack, now);
	}

	async release(messageId: string, owner: string, _now: number): Promise<boolean> {
		return outbox.release(this.db, messageId, owner);
	}

	async requeue(filter: MessageFilter, dueAt: number, now: number): Promise<number> {
		return outbox.requeue(this.db, filter, dueAt, now);
	}

	async getMessage(messageId: string): Promise<MessageRecord | undefined> {
		return outbox.readMessage(this.db, messageId);
	}

	async searchMessages(filter: MessageFilter, page: PageRequest): Promise<Page<MessageRecord>> {
		return outbox.searchMessages(this.db, filter, page);
	}

	async deleteMessages(filter: MessageFilter): Promise<number> {
		return outbox.deleteMessages(this.db, filter);
	}

	async purge(request: { olderThan: number; statuses: readonly MessageStatus[]; now: number }): Promise<{ messages: number; keys: number; buckets: number }> {
		return outbox.purge(this.db, request);
	}

	async stats(now: number): Promise<MessageStats> {
		return outbox.stats(this.db, now);
	}

	async openFuse(target: string, at: number, cause: string | null): Promise<{ fuse: FuseRecord; opened: boolean }> {
		return tasks.openFuse(this.db, target, at, cause);
	}

	async closeFuse(target: string, at: number): Promise<FuseRecord | undefined> {
		return tasks.closeFuse(this.db, target, at);
	}

	async listFuses(filter: { target?: string; since?: number }, page: PageRequest): Promise<Page<FuseRecord>> {
		return tasks.listFuses(this.db, filter, page);
	}

	async createTask(task: { kind: string; spec: Record<string, unknown>; total: number }, now: number): Promise<BatchTask> {
		return tasks.createTask(this.db, task, now);
	}

	async getTask(id: string): Promise<BatchTask | undefined> {
		return tasks.getTask(this.db, id);
	}

	async updateTask(
		id: string,
		expectedVersion: number,
		change: Partial<Pick<BatchTask, 'state' | 'cursor' | 'total' | 'done' | 'failed' | 'error'>>,
		now: number,
	): Promise<BatchTask | undefined> {
		return tasks.updateTask(this.db, id, expectedVersion, change, now);
	}

	async listTasks(filter: { states?: TaskState[]; since?: number }, page: PageRequest): Promise<Page<BatchTask>> {
		return tasks.listTasks(this.db, filter, page);
	}

	async deleteTask(id: string): Promise<boolean> {
		return tasks.deleteTask(this.db, id);
	}

	async close(): Promise<void> {
		if (!this.db.markClosed()) return;
		await this.writer?.close();
		this.db.dispose();
	}

	private writerThread(): WriterThread {
		if (this.writer === undefined || !this.writer.usable) this.writer = new WriterThread(this.location, this.busyTimeoutMs);
		return this.writer;
	}
}
