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

/** Seed 002's push states (推送状态) plus `held` (parked while the target's circuit is open). */
export const messageStatuses = ['succeeded', 'failed', 'ignored', 'held', 'no_response', 'retrying'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * One row of the push log, which is also the outbox: a message is "in the outbox" while
 * `nextDueAt` is set (it waits for a re-push); the log keeps it after it is delivered, ignored or
 * failed for good, until deleted or purged. Keyed by message id: parking or logging the same
 * message again updates its row (at-least-once delivery with a stable id).
 */
export interface MessageRecord {
	messageId: string;
	status: MessageStatus;
	/** The last failure's reason (`circuit_open`, `timeout`, `status_not_accepted`, …); null on success. */
	reason: string | null;
	/** Origin and path of the target (delivery.target). */
	target: string | null;
	event: string | null;
	/** Document number / flow id (单据编号 / 流程ID), when the item had one. */
	flowId: string | null;
	/** Receiver (接收人), when the item had one. */
	receiver: string | null;
	/** Where it came from: the workflow / node that logged or parked it (free text). */
	source: string | null;
	/** HTTP attempts made in all (in-node retries and re-pushes). */
	attempts: number;
	/** Re-pushes claimed from the outbox so far. */
	repushes: number;
	/** When the next re-push is due; null when the message is not waiting in the outbox. */
	nextDueAt: number | null;
	/** The claim holding it (see claimDue); null when unclaimed or the lease has run out. */
	leaseOwner: string | null;
	leaseUntil: number | null;
	createdAt: number;
	updatedAt: number;
	lastAttemptAt: number | null;
	/**
	 * What to send again: the item's JSON as it entered the delivering node (its `request`, the
	 * fields a Custom Body expression reads), without the delivery record. Null for log rows that
	 * were never parked (their payload is in n8n's execution).
	 */
	payload: Record<string, unknown> | null;
	/** An excerpt of the last delivery record (status, reason, message, last response status, times). */
	delivery: Record<string, unknown> | null;
}

/** What a caller writes: park (with nextDueAt) or log (without). */
export interface MessageWrite {
	messageId: string;
	status: MessageStatus;
	reason?: string | null;
	target?: string | null;
	event?: string | null;
	flowId?: string | null;
	receiver?: string | null;
	source?: string | null;
	/** Attempts made by the delivery being written; added to the row's count. */
	attempts?: number;
	nextDueAt?: number | null;
	lastAttemptAt?: number | null;
	payload?: Record<string, unknown> | null;
	delivery?: Record<string, unknown> | null;
}

/** Conditions combine with AND; a list matches any of its values, and an empty list matches nothing. */
export interface MessageFilter {
	messageIds?: string[];
	statuses?: MessageStatus[];
	events?: string[];
	targets?: string[];
	flowIds?: string[];
	receivers?: string[];
	/** Only messages waiting in the outbox (true) or only those not waiting (false). */
	queued?: boolean;
	/** On `updatedAt`, inclusive from, exclusive to. */
	updatedFrom?: number;
	updatedTo?: number;
}

export interface Page<T> {
	items: T[];
	/** Rows matching the filter in all. */
	total: number;
	/** Pass back as `after` for the next page; null on the last page. */
	next: string | null;
}

export interface PageRequest {
	/** 1 to 1000. */
	limit: number;
	/** The `next` of the previous page. */
	after?: string | null;
}

export interface ClaimRequest {
	now: number;
	/** At most this many records (1 to 1000). */
	limit: number;
	/** Identifies the claimer (execution id, process); records come back to it only. */
	owner: string;
	/** The claim lasts this long: it has run out once `leaseUntil <= now`, and unacknowledged records are due again. */
	leaseMs: number;
	/** Records that have been re-pushed this many times are not claimed any more. */
	maxRepushes?: number;
	/** Narrow the claim (e.g. one target). */
	filter?: Pick<MessageFilter, 'targets' | 'events' | 'statuses'>;
}

/** How a claimed record ends: delivered, ignored, failed for good, or due again at `nextDueAt`. */
export type Acknowledgement =
	| { outcome: 'succeeded' | 'ignored' | 'failed'; reason?: string | null; attempts?: number; lastAttemptAt?: number | null; delivery?: Record<string, unknown> | null }
	| { outcome: 'retry'; nextDueAt: number; status?: MessageStatus; reason?: string | null; attempts?: number; lastAttemptAt?: number | null; delivery?: Record<string, unknown> | null };

export interface MessageStats {
	byStatus: Partial<Record<MessageStatus, number>>;
	byTarget: Array<{ target: string | null; status: MessageStatus; count: number }>;
	/** Messages waiting in the outbox, and how many of them are claimable at `now` (due and not under a live lease). */
	queued: number;
	due: number;
}

/** A value read for compare-and-set: `version` grows by one on every write. */
export interface Versioned<T> {
	value: T;
	version: number;
}

/** Seed 002's fuse table (iut_send_fuse_recovery): when a target's circuit opened and recovered. */
export interface FuseRecord {
	id: string;
	target: string;
	openedAt: number;
	recoveredAt: number | null;
	/** Why it opened (e.g. `70 % of 12 attempts failed`), free text. */
	cause: string | null;
}

export const taskStates = ['running', 'paused', 'completed', 'failed', 'cancelled'] as const;
export type TaskState = (typeof taskStates)[number];

/** A batch task (seed 002's 推送任务): a re-push by filter that runs page by page with progress. */
export interface BatchTask {
	id: string;
	kind: string;
	state: TaskState;
	/** What the task works on (e.g. the MessageFilter of a re-push), as given at creation. */
	spec: Record<string, unknown>;
	/** Where it stopped: the page cursor to continue from. */
	cursor: string | null;
	total: number;
	done: number;
	failed: number;
	/** The last error, when state is `failed`. */
	error: string | null;
	createdAt: number;
	updatedAt: number;
	version: number;
}

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
