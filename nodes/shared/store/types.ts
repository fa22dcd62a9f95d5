/**
 * The state store (DESIGN.md §5): everything that outlives one execution goes through this one
 * interface: duplicate keys, circuit-breaker state, the push log / outbox, fuse (outage) records and
 * batch tasks. Two implementations pass one contract suite (test/unit/shared/store/contract.ts):
 * the embedded file database on Node's built-in `node:sqlite` (sqliteStore.ts) and PostgreSQL
 * (postgresStore.ts). Free of n8n types.
 *
 * Every operation is atomic on its own, so two n8n processes (or two workers in queue mode) sharing
 * one store never both claim a record, both remember a key, or overwrite each other's breaker
 * state. Times are epoch milliseconds passed in by the caller (`now`), so tests control the clock
 * and every process agrees on what "due" means as far as their clocks do.
 */

import type { Acknowledgement, BatchTask, ClaimRequest, FuseRecord, MessageFilter, MessageRecord, MessageStats, MessageStatus, MessageWrite, Page, PageRequest, TaskState, Versioned } from './records';

export * from './records';

export interface StateStore {
	/** `embedded` (node:sqlite file) or `postgres`. */
	readonly kind: 'embedded' | 'postgres';
	/** Where it lives, for messages: the file path, or host/database/schema (never the password). */
	readonly location: string;

	// ---- Duplicate keys ----------------------------------------------------------------------
	/**
	 * Remembers `key` in `namespace` until `now + ttlMs` unless it is already remembered and not
	 * expired. True when this call remembered it (first delivery), false for a duplicate.
	 */
	rememberIfAbsent(namespace: string, key: string, ttlMs: number, now: number): Promise<boolean>;
	/** Many keys in one round trip; the result says, per key in order, whether this call remembered it. */
	rememberManyIfAbsent(namespace: string, keys: readonly string[], ttlMs: number, now: number): Promise<boolean[]>;
	/** True when `key` is remembered and not expired. */
	isRemembered(namespace: string, key: string, now: number): Promise<boolean>;
	/** Forgets a key (a delivery that n8n did not accept after all). */
	forget(namespace: string, key: string): Promise<void>;

	// ---- Compare-and-set values (breaker state) ---------------------------------------------
	readValue<T = unknown>(namespace: string, key: string): Promise<Versioned<T> | undefined>;
	/**
	 * Writes `value` when the stored version is `expectedVersion` (null: only when absent). Returns
	 * the new version, or undefined when someone else wrote first (read again and retry).
	 */
	compareAndSet<T = unknown>(namespace: string, key: string, value: T, expectedVersion: number | null): Promise<number | undefined>;
	/** Every value of a namespace (breaker state per target, for Stats). */
	listValues<T = unknown>(namespace: string): Promise<Array<{ key: string } & Versioned<T>>>;

	// ---- Windowed counters (breaker failure rate) -------------------------------------------
	/**
	 * Adds `deltas` to the bucket of `key` that holds `now` (buckets of `bucketMs`), atomically,
	 * and returns the sums over buckets starting at or after `now - windowMs`.
	 */
	addToWindow(namespace: string, key: string, deltas: Record<string, number>, now: number, bucketMs: number, windowMs: number): Promise<Record<string, number>>;
	/** The sums over buckets starting at or after `since`. */
	readWindow(namespace: string, key: string, since: number): Promise<Record<string, number>>;

	// ---- Push log and outbox ----------------------------------------------------------------
	/**
	 * Writes rows by message id, in one transaction: inserts new ones, updates existing ones
	 * (attempts are added; fields not given are kept, fields given as null are cleared; the lease is
	 * never changed, so a claimer holding the row still acknowledges it). Returns how many rows were new.
	 */
	writeMessages(writes: readonly MessageWrite[], now: number): Promise<{ inserted: number; updated: number }>;
	/**
	 * Writes push log rows as `writeMessages` does (all or none, the same update rules, in call
	 * order with every other write), without counting them: the embedded store then stages a big
	 * batch as one record and folds it into the messages table after the run, or before any read or
	 * write of messages, whichever comes first. Once it resolves the rows are durable and every
	 * read sees them.
	 */
	logMessages(writes: readonly MessageWrite[], now: number): Promise<void>;
	/**
	 * Claims up to `limit` records that are due (`nextDueAt <= now`), not leased (or whose lease
	 * ran out) and below `maxRepushes`, oldest due first (then message id); sets the lease, counts a
	 * re-push and sets `updatedAt` to `now`. `nextDueAt` stays set while claimed. Two concurrent
	 * claimers never get the same record.
	 */
	claimDue(request: ClaimRequest): Promise<MessageRecord[]>;
	/**
	 * Ends a claim. Only the lease owner can (false when the lease was lost to another claimer, or
	 * the record is gone, or already acknowledged); an owner whose lease ran out still can while no one
	 * claimed the record since. `retry` puts the record back for `nextDueAt` (status `retrying` unless
	 * given); the others take it out of the outbox and set its status. Attempts are added; reason,
	 * lastAttemptAt and delivery are kept when not given, except that `succeeded` clears the reason.
	 */
	acknowledge(messageId: string, owner: string, ack: Acknowledgement, now: number): Promise<boolean>;
	/** Gives a claimed record back unchanged, claimable at once; the claim's re-push is taken back (not counted). False when not the owner. */
	release(messageId: string, owner: string, now: number): Promise<boolean>;
	/** Puts matching records in the outbox, due at `dueAt` (a re-push by filter or ids), keeping status, re-push count and lease. Returns how many. */
	requeue(filter: MessageFilter, dueAt: number, now: number): Promise<number>;
	getMessage(messageId: string): Promise<MessageRecord | undefined>;
	/**
	 * Newest `updatedAt` first, then message id (descending); keyset pagination, so rows updated or
	 * added after the first page move ahead of the cursor and never shift or repeat later pages.
	 */
	searchMessages(filter: MessageFilter, page: PageRequest): Promise<Page<MessageRecord>>;
	/** Deletes matching rows; an empty filter deletes nothing (say `{}` with care: use purge). Returns how many. */
	deleteMessages(filter: MessageFilter): Promise<number>;
	/** Deletes rows with one of `statuses` last updated before `olderThan` and not waiting in the outbox (a queued message is never purged), keys expired at `now`, and counter buckets starting before `olderThan`. */
	purge(request: { olderThan: number; statuses: readonly MessageStatus[]; now: number }): Promise<{ messages: number; keys: number; buckets: number }>;
	stats(now: number): Promise<MessageStats>;

	// ---- Fuse records (seed 002's iut_send_fuse_recovery) ----------------------------------
	/** Opens a fuse for `target` unless one is open; returns the open fuse and whether this call opened it. */
	openFuse(target: string, at: number, cause: string | null): Promise<{ fuse: FuseRecord; opened: boolean }>;
	/** Closes the open fuse of `target`; returns it, or undefined when none was open. */
	closeFuse(target: string, at: number): Promise<FuseRecord | undefined>;
	/** Newest opened first; `since` keeps fuses opened at or after it. */
	listFuses(filter: { target?: string; since?: number }, page: PageRequest): Promise<Page<FuseRecord>>;

	// ---- Batch tasks ------------------------------------------------------------------------
	createTask(task: { kind: string; spec: Record<string, unknown>; total: number }, now: number): Promise<BatchTask>;
	getTask(id: string): Promise<BatchTask | undefined>;
	/** Updates a task when its version is `expectedVersion`; returns the task as written, or undefined when it changed meanwhile. */
	updateTask(
		id: string,
		expectedVersion: number,
		change: Partial<Pick<BatchTask, 'state' | 'cursor' | 'total' | 'done' | 'failed' | 'error'>>,
		now: number,
	): Promise<BatchTask | undefined>;
	/** Newest created first; `since` keeps tasks created at or after it. */
	listTasks(filter: { states?: TaskState[]; since?: number }, page: PageRequest): Promise<Page<BatchTask>>;
	deleteTask(id: string): Promise<boolean>;

	/** Releases connections / the file handle. The store cache (storeCache.ts) calls it; nodes do not. */
	close(): Promise<void>;
}

/** A store that cannot be used (bad credential, unreachable server, runtime without node:sqlite): the message says what to do. */
export class StateStoreError extends Error {
	constructor(
		message: string,
		readonly code: 'unavailable' | 'misconfigured' | 'unsupported_runtime' | 'migration',
	) {
		super(message);
		this.name = 'StateStoreError';
	}
}

/** How to open a store: the Outbound State Store credential, or the embedded default without it. */
export type StateStoreConfig =
	| {
			kind: 'embedded';
			/** The database file; created with its folder when missing. */
			path: string;
			/** How long a write waits for another process's lock (SQLite busy timeout), default 5000 ms. */
			busyTimeoutMs?: number;
	  }
	| {
			kind: 'postgres';
			host: string;
			port: number;
			database: string;
			user: string;
			password: string;
			/** `disable`, `require` (encrypt, do not verify), `verify` (encrypt and verify the server's certificate). */
			ssl: 'disable' | 'require' | 'verify';
			/** Schema for the tables, created when missing (default `public`). */
			schema: string;
			/** Prefix of every table name (default `outbound_`), so several installs can share a schema. */
			tablePrefix: string;
			/** Connections in the pool, default 4. */
			poolSize?: number;
	  };
