/**
 * The PostgreSQL StateStore (DESIGN.md §5), for installs that outgrow one machine (n8n queue mode on
 * several hosts). Every operation is one statement or one transaction, so any number of processes
 * can share the tables: keys are remembered with INSERT … ON CONFLICT, values and tasks change by
 * compare-and-set on a version, and outbox claims take rows with FOR UPDATE SKIP LOCKED.
 *
 * This class wires the interface to its parts: the pool and its errors (postgresConnection.ts),
 * keys, values and counters (postgresKeys.ts), push log writes (postgresMessageWrites.ts), the
 * outbox (postgresOutbox.ts), fuses and tasks (postgresTasks.ts).
 */
import { PostgresConnection, type PostgresStateStoreConfig } from './postgresConnection';
import * as keys from './postgresKeys';
import { writeMessages } from './postgresMessageWrites';
import * as outbox from './postgresOutbox';
import * as tasks from './postgresTasks';
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

export type { PostgresStateStoreConfig } from './postgresConnection';

export function openPostgresStateStore(config: PostgresStateStoreConfig): StateStore {
	return new PostgresStateStore(new PostgresConnection(config));
}

class PostgresStateStore implements StateStore {
	readonly kind = 'postgres' as const;
	readonly location: string;

	constructor(private readonly db: PostgresConnection) {
		this.location = db.location;
	}

	async close(): Promise<void> {
		await this.db.close();
	}

	async rememberIfAbsent(namespace: string, key: string, ttlMs: number, now: number): Promise<boolean> {
		const [remembered] = await keys.rememberMany(this.db, namespace, [key], ttlMs, now);
		return remembered;
	}

	async rememberManyIfAbsent(namespace: string, list: readonly string[], ttlMs: number, now: number): Promise<boolean[]> {
		return keys.rememberMany(this.db, namespace, list, ttlMs, now);
	}

	async isRemembered(namespace: string, key: string, now: number): Promise<boolean> {
		return keys.isRemembered(this.db, namespace, key, now);
	}

	async forget(namespace: string, key: string): Promise<void> {
		await keys.forget(this.db, namespace, key);
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
		return keys.readWindow(this.db, namespace, key, since);
	}

	async writeMessages(writes: readonly MessageWrite[], now: number): Promise<{ inserted: number; updated: number }> {
		return writeMessages(this.db, writes, now);
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
		return outbox.getMessage(this.db, messageId);
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
}
