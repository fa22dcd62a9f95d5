/**
 * The shapes the delivery engine works with. No n8n types: Send Outbound Message, Unified Todo Push
 * and Hesi EBot Callback all deliver through the same engine and write the same record
 * (DESIGN.md §6), which is what n8n's execution history shows as the push log of the seeds.
 */

/** A request about to be sent. `body` holds the exact text that goes on the wire (it may be signed). */
export interface DeliveryRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string | undefined;
}

/** Response headers as HTTP clients give them: lower-case names, repeated headers as arrays. */
export type ResponseHeaders = Record<string, string | string[]>;

/** Why a delivery (or one attempt of it) did not succeed. */
export type FailureReason =
	| 'status_not_accepted'
	| 'keyword_mismatch'
	| 'timeout'
	| 'connection_error'
	| 'gone'
	| 'invalid_request';

/** `held`: not sent, because the target's circuit is open (circuitBreaker.ts). */
export type DeliveryStatus = 'succeeded' | 'retrying' | 'failed' | 'ignored' | 'held';

/** Which output an item leaves by; `held` only exists while a node's circuit breaker is on. */
export type DeliveryRoute = 'success' | 'retry' | 'failure' | 'held';

/**
 * Why a to-do was not pushed (Unified Todo Push's Ignored output): the node is off, an interception
 * rule matched, it was pushed already, it is older than what was pushed, or the target has no such
 * operation.
 */
export type IgnoredReason =
	| 'disabled'
	| 'intercepted_status'
	| 'intercepted_person'
	| 'intercepted_workflow'
	| 'intercepted_workflow_type'
	| 'duplicate'
	| 'stale'
	| 'unsupported_operation';

/** Why a delivery did not succeed: an attempt's failure, `circuit_open` for an item held without an attempt, or why it was ignored. */
export type DeliveryReason = FailureReason | 'circuit_open' | IgnoredReason;

/**
 * The target's circuit as an item met it (only while a node's circuit breaker is on). Times are ISO
 * text; `target` is the origin (scheme, host and port) the breaker counts per.
 */
export interface CircuitRecord {
	state: 'closed' | 'open' | 'half-open';
	target: string;
	/** When the current (or, with recoveredAt, the just-ended) outage began. */
	openedAt: string | null;
	/** Set when this run's probe closed the circuit. */
	recoveredAt: string | null;
	/** True on exactly one held item per outage, across processes: the one an alert should fire for. */
	justOpened: boolean;
	/** Why it opened, e.g. `8 of 10 attempts (80 %) failed within 5 min`. */
	cause: string | null;
	/** When the next probe may go; null while closed. */
	probeAt: string | null;
}

/** Whether the push log row of this item was written (only when a node's push log is on). */
export interface PushLogResult {
	written: boolean;
	/** Why not, when the store failed. */
	error?: string;
}

export interface AttemptRequestRecord {
	method: string;
	/** Secret-bearing query parameters masked. */
	url: string;
	/** Secret-bearing headers masked. */
	headers: Record<string, string>;
	/**
	 * The text sent, at most 64 KiB of it; null when the request had no body, and when the record
	 * leaves out the item's own body (then `truncated` is true and `bodyBytes`, `bodySha256` say
	 * what was sent).
	 */
	body: string | null;
	/** True when the body was longer than what is kept here (or left out). */
	truncated: boolean;
	/** UTF-8 bytes of the body sent; 0 without a body. */
	bodyBytes: number;
	/** SHA-256 (hex) of exactly the bytes sent; null without a body. */
	bodySha256: string | null;
}

export interface AttemptResponseRecord {
	status: number;
	headers: ResponseHeaders;
	/** UTF-8 text of the body: at most 64 KiB of it on Failure, else the excerpt the node keeps. */
	body: string;
	/** True when the body was longer than what is kept here. */
	truncated: boolean;
	/** Bytes of the body as received (absent in records written before Step 10). */
	bodyBytes?: number;
}

export interface AttemptError {
	reason: FailureReason;
	/** One sentence a person can act on. */
	message: string;
	/** Low-level code when there is one (`ECONNREFUSED`, `UND_ERR_SOCKET`, …). */
	code?: string;
}

export interface DeliveryAttempt {
	/** ISO time the attempt started. */
	at: string;
	durationMs: number;
	request: AttemptRequestRecord;
	/** Null when no response arrived (timeout before headers, connection refused, …). */
	response: AttemptResponseRecord | null;
	/** Null when the attempt succeeded. */
	error: AttemptError | null;
}

/** `json.delivery` on every item a delivering node outputs (DESIGN.md §6). */
export interface DeliveryRecord {
	messageId: string;
	/** Origin and path of the target; no query string (it may carry tokens). */
	target: string | null;
	event: string | null;
	/**
	 * Beyond §6: where the body sent came from (the node's Body Source as it applied to this item):
	 * `request` (the item's request.body, byte for byte), `wholeItem`, `custom`; null when no body
	 * was sent. Absent when the record was made before the body was chosen.
	 */
	bodyFrom?: 'request' | 'wholeItem' | 'custom' | null;
	status: DeliveryStatus;
	/** Null when the delivery succeeded. */
	reason: DeliveryReason | null;
	/**
	 * Beyond §6: the human explanation of `reason` (also on the failing attempt's `error`), kept on
	 * the record because an `invalid_request` has no attempt to carry it.
	 */
	message: string | null;
	attempts: DeliveryAttempt[];
	firstAttemptAt: string | null;
	lastAttemptAt: string | null;
	/** When the next attempt is due (ISO), set only when `status` is `retrying`. */
	nextAttemptAt: string | null;
	/** Beyond §6: the target's circuit, when the node's circuit breaker is on. */
	circuit?: CircuitRecord;
	/** Beyond §6: the push log write, when the node's push log is on. */
	log?: PushLogResult;
}
