/**
 * The records the state store keeps and hands back (types.ts has the StateStore interface that
 * reads and writes them): push log / outbox rows, pages, claims, fuses and batch tasks. Free of n8n types.
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
	/**
	 * Push log batches the store took but could not file into the log (embedded store: a staged batch
	 * SQLite refused, kept with its error in `staged_messages`; only a damaged file or a bug leaves one).
	 * Always zero on PostgreSQL, which files a batch in the call that writes it or fails the call.
	 */
	unfiledLog: { batches: number; rows: number; lastError: string | null };
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
