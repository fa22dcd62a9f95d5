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

export type DeliveryStatus = 'succeeded' | 'retrying' | 'failed' | 'ignored';

/** Which output an item leaves by. */
export type DeliveryRoute = 'success' | 'retry' | 'failure';

export interface AttemptRequestRecord {
	method: string;
	/** Secret-bearing query parameters masked. */
	url: string;
	/** Secret-bearing headers masked. */
	headers: Record<string, string>;
	/** The text sent, at most 64 KiB of it; null when the request had no body. */
	body: string | null;
	/** True when the body was longer than what is kept here. */
	truncated: boolean;
}

export interface AttemptResponseRecord {
	status: number;
	headers: ResponseHeaders;
	/** UTF-8 text of the body, at most 64 KiB of it. */
	body: string;
	/** True when the body was longer than what is kept here. */
	truncated: boolean;
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
	reason: FailureReason | null;
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
}
