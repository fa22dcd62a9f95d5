import { type SecretRedactor, isSecretHeader, maskHeaders, maskSecretValue, maskUrl } from './secretMasking';
import type {
	AttemptRequestRecord,
	CircuitRecord,
	AttemptResponseRecord,
	DeliveryAttempt,
	DeliveryRecord,
	DeliveryRequest,
	FailureReason,
	IgnoredReason,
	ResponseHeaders,
} from './types';

/** Bodies kept in the record (request and response), as DESIGN.md §6 fixes. */
export const recordBodyLimitBytes = 64 * 1024;

/**
 * The largest `n <= end` such that `bytes[0, n)` ends on a whole UTF-8 character: a read cut at a
 * byte limit may end inside a multi-byte character, which would decode as U+FFFD.
 */
function wholeCharactersEnd(bytes: Buffer, end: number): number {
	let lead = end;
	while (lead > 0 && end - lead < 4 && (bytes[lead - 1] & 0xc0) === 0x80) lead--;
	if (lead === 0) return end;
	const first = bytes[lead - 1];
	const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
	return end - (lead - 1) >= length ? end : lead - 1;
}

/**
 * At most `limitBytes` of `bytes` as UTF-8 text. `cut` says the bytes themselves are the start of
 * a longer body, so their end may split a character too.
 */
export function textPrefix(bytes: Buffer, limitBytes: number, cut = false): string {
	if (bytes.length <= limitBytes && !cut) return bytes.toString('utf8');
	return bytes.toString('utf8', 0, wholeCharactersEnd(bytes, Math.min(limitBytes, bytes.length)));
}

/** `text` cut to at most `limitBytes` of UTF-8. */
export function truncateText(text: string, limitBytes: number): { text: string; truncated: boolean } {
	// A UTF-16 code unit is at most 3 UTF-8 bytes: short texts need no byte count.
	if (text.length * 3 <= limitBytes) return { text, truncated: false };
	const bytes = Buffer.from(text, 'utf8');
	if (bytes.length <= limitBytes) return { text, truncated: false };
	return { text: textPrefix(bytes, limitBytes), truncated: true };
}

/**
 * Origin and path: what the record names as the target. The query may carry tokens, so it is left
 * out. Null for a URL that cannot be called: not a URL, or not http(s) (`htp://…` parses, with the
 * origin "null").
 */
export function targetOf(url: string): string | null {
	try {
		const parsed = new URL(url.trim());
		if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
		return `${parsed.origin}${parsed.pathname}`;
	} catch {
		return null;
	}
}

function redactValues<T extends string | string[]>(headers: Record<string, T>, redact: SecretRedactor): Record<string, T> {
	const redacted: Record<string, T> = {};
	for (const name in headers) {
		const value = headers[name];
		redacted[name] = (Array.isArray(value) ? value.map(redact) : redact(value as string)) as T;
	}
	return redacted;
}

/** The request as recorded: secret-bearing headers and query values masked, and `redact`'s values wherever they occur. */
export function recordRequest(request: DeliveryRequest, redact?: SecretRedactor): AttemptRequestRecord {
	const text = request.body === undefined || !redact ? request.body : redact(request.body);
	const body = text === undefined ? undefined : truncateText(text, recordBodyLimitBytes);
	const url = maskUrl(request.url);
	const headers = maskHeaders(request.headers);
	return {
		method: request.method,
		url: redact ? redact(url) : url,
		headers: redact ? redactValues(headers, redact) : headers,
		body: body?.text ?? null,
		truncated: body?.truncated ?? false,
	};
}

/** Connection-level headers (RFC 9110 §7.6.1): they say nothing about the message, so the record leaves them out. */
const hopByHopHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);

/** The response headers as recorded: secrets masked, hop-by-hop headers left out. */
export function recordResponseHeaders(headers: ResponseHeaders): ResponseHeaders {
	const recorded: ResponseHeaders = {};
	for (const name in headers) {
		if (hopByHopHeaders.has(name)) continue;
		const value = headers[name];
		if (!isSecretHeader(name)) recorded[name] = value;
		else recorded[name] = Array.isArray(value) ? value.map((one) => maskSecretValue(name, one)) : maskSecretValue(name, value);
	}
	return recorded;
}

/** `redact`, when given, replaces known secret values a target echoed back. */
export function recordResponse(
	status: number,
	headers: ResponseHeaders,
	bodyText: string,
	truncated: boolean,
	redact?: SecretRedactor,
): AttemptResponseRecord {
	const recordedHeaders = recordResponseHeaders(headers);
	if (!redact) return { status, headers: recordedHeaders, body: bodyText, truncated };
	return { status, headers: redactValues(recordedHeaders, redact), body: redact(bodyText), truncated };
}

export interface RecordIdentity {
	messageId: string;
	target: string | null;
	event: string | null;
	/** Where the body came from, when it was chosen before the request failed. */
	bodyFrom?: DeliveryRecord['bodyFrom'];
}

/** The record of an item that failed before anything could be sent (no URL, a body that is not serialisable, …). */
export function invalidRequestRecord(identity: RecordIdentity, message: string, previousAttempts: DeliveryAttempt[] = []): DeliveryRecord {
	return {
		...identity,
		status: 'failed',
		reason: 'invalid_request',
		message,
		attempts: previousAttempts,
		firstAttemptAt: previousAttempts[0]?.at ?? null,
		lastAttemptAt: previousAttempts[previousAttempts.length - 1]?.at ?? null,
		nextAttemptAt: null,
	};
}

/** A to-do the rules did not push (Unified Todo Push's Ignored output): no attempt, the rule's reason and sentence. */
export function ignoredRecord(identity: RecordIdentity, reason: IgnoredReason, message: string): DeliveryRecord {
	return { ...identity, status: 'ignored', reason, message, attempts: [], firstAttemptAt: null, lastAttemptAt: null, nextAttemptAt: null };
}

/** What a previous run of a delivering node left on an item that is coming back from a Wait node. */
export interface PreviousDelivery {
	messageId: string;
	attempts: DeliveryAttempt[];
	firstAttemptAt: string | null;
	/** When the item was due back; an item that returns earlier is held (see `deliverMessage`). */
	nextAttemptAt?: string | null;
}

const failureReasons: readonly FailureReason[] = ['status_not_accepted', 'keyword_mismatch', 'timeout', 'connection_error', 'gone', 'invalid_request'];

export function isFailureReason(value: unknown): value is FailureReason {
	return failureReasons.includes(value as FailureReason);
}

/**
 * The delivery an item is still in the middle of: its `delivery` says `retrying` (it left by the
 * Retry output). Anything else (no record, or a finished delivery to another target upstream) means
 * this run starts a new schedule.
 */
export function readPreviousDelivery(itemJson: Record<string, unknown>): PreviousDelivery | undefined {
	const delivery = itemJson.delivery as Partial<DeliveryRecord> | undefined;
	if (!delivery || typeof delivery !== 'object' || delivery.status !== 'retrying') return undefined;
	if (!Array.isArray(delivery.attempts) || typeof delivery.messageId !== 'string') return undefined;
	return {
		messageId: delivery.messageId,
		attempts: delivery.attempts,
		firstAttemptAt: typeof delivery.firstAttemptAt === 'string' ? delivery.firstAttemptAt : (delivery.attempts[0]?.at ?? null),
		nextAttemptAt: typeof delivery.nextAttemptAt === 'string' ? delivery.nextAttemptAt : null,
	};
}

/**
 * The record of an item the circuit breaker held: not sent (no attempt of this run), with the
 * circuit it met and when its probe is due. An item back from a hand-off keeps its attempts.
 */
export function heldRecord(identity: RecordIdentity, circuit: CircuitRecord, previous?: PreviousDelivery): DeliveryRecord {
	const attempts = previous?.attempts ?? [];
	const since = circuit.openedAt ? ` since ${circuit.openedAt}` : '';
	const cause = circuit.cause ? ` (${circuit.cause})` : '';
	const probe = circuit.probeAt ? `; the next probe is due at ${circuit.probeAt}` : '';
	return {
		...identity,
		status: 'held',
		reason: 'circuit_open',
		message: `Not sent: the circuit of ${circuit.target} is open${since}${cause}${probe}`,
		attempts,
		firstAttemptAt: previous?.firstAttemptAt ?? attempts[0]?.at ?? null,
		lastAttemptAt: attempts[attempts.length - 1]?.at ?? null,
		nextAttemptAt: null,
		circuit,
	};
}

/** A probe that failed: the item is held like the others, its attempt kept, the reason in the message. */
export function heldAfterProbe(record: DeliveryRecord, circuit: CircuitRecord): DeliveryRecord {
	const probe = circuit.probeAt ? `; the next probe is due at ${circuit.probeAt}` : '';
	return {
		...record,
		status: 'held',
		reason: 'circuit_open',
		message: `Sent as the probe of the open circuit of ${circuit.target}, which failed (${record.message ?? record.reason}): the circuit is open again${probe}`,
		nextAttemptAt: null,
		circuit,
	};
}
