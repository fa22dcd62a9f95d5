import type { CircuitRecord, DeliveryAttempt, DeliveryRecord, FailureReason, IgnoredReason } from './types';

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
