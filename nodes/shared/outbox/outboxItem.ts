import { isoOrNull } from '../store/epochTime';
import { responseStatusOf } from './logRow';
import type { MessageRecord, MessageStatus, MessageWrite } from '../store/types';

/**
 * Items ↔ push-log rows. An item leaving Send Outbound Message carries its delivery record in
 * `json.delivery` (DESIGN.md §6); an item the Outbox node puts out for a re-push carries the
 * record's identity in `json.delivery` (status `parked`) and the claim in `json.outbox`. No n8n types.
 */

/** Keys the outbox adds to an item; they are not part of the message that is sent again. */
export const outboxKeys: readonly string[] = ['delivery', 'outbox', 'testResult'];

/** What a claimed item says about its claim (`json.outbox`), which Acknowledge reads back. */
export interface OutboxClaim {
	messageId: string;
	owner: string;
	repushes: number;
	claimedAt: string;
	leaseUntil: string;
	/** The rule the claim was made with, so Acknowledge schedules the next re-push the same way. */
	maxRepushes: number | null;
	intervalMinutes: number;
	exponential: boolean;
}

/** The delivery record's fields the outbox reads; anything else in it is ignored. */
export interface DeliveryLike {
	messageId?: unknown;
	target?: unknown;
	event?: unknown;
	status?: unknown;
	reason?: unknown;
	message?: unknown;
	attempts?: unknown;
	firstAttemptAt?: unknown;
	lastAttemptAt?: unknown;
	nextAttemptAt?: unknown;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null);

/** The item's delivery record, when it has one with a message id. */
export function deliveryOf(json: Record<string, unknown>): DeliveryLike | undefined {
	const delivery = json.delivery;
	return isObject(delivery) && text(delivery.messageId) !== null ? (delivery as DeliveryLike) : undefined;
}

/** Reasons that mean the target never answered (seed 002's 未返回, "no response"). */
const noResponseReasons = new Set(['timeout', 'connection_error']);
/** Reasons that mean the message was held back while the target's circuit was open. */
const heldReasons = new Set(['circuit_open']);

/**
 * The push-log status of a delivery: `no_response` when the target never answered, `held` when the
 * circuit breaker held it back, else the record's own status (`retrying` for a hand-off).
 */
export function logStatusOf(delivery: DeliveryLike): MessageStatus {
	const reason = text(delivery.reason);
	const status = text(delivery.status);
	if (status === 'succeeded' || status === 'ignored') return status;
	if (status === 'held' || (reason !== null && heldReasons.has(reason))) return 'held';
	if (reason !== null && noResponseReasons.has(reason)) return 'no_response';
	if (status === 'retrying') return 'retrying';
	return 'failed';
}

interface AttemptLike {
	at?: unknown;
	response?: { status?: unknown } | null;
}

function attemptsOf(delivery: DeliveryLike): AttemptLike[] {
	return Array.isArray(delivery.attempts) ? (delivery.attempts as AttemptLike[]).filter(isObject) : [];
}

function epoch(value: unknown): number | null {
	if (typeof value !== 'string') return null;
	const at = Date.parse(value);
	return Number.isFinite(at) ? at : null;
}

/** What the log keeps of a delivery record: enough to read the outcome, not the bodies. */
export function deliveryExcerpt(delivery: DeliveryLike): Record<string, unknown> {
	const attempts = attemptsOf(delivery);
	const last = attempts[attempts.length - 1];
	const lastStatus = last?.response && typeof last.response.status === 'number' ? last.response.status : null;
	const circuit = (delivery as { circuit?: unknown }).circuit;
	// The same keys as Send Outbound Message's push log rows (responseStatus), so Search reads either.
	return {
		status: text(delivery.status),
		reason: text(delivery.reason),
		message: text(delivery.message),
		target: text(delivery.target),
		event: text(delivery.event),
		attempts: attempts.length,
		responseStatus: lastStatus,
		firstAttemptAt: text(delivery.firstAttemptAt),
		lastAttemptAt: text(delivery.lastAttemptAt),
		nextAttemptAt: text(delivery.nextAttemptAt),
		...(isObject(circuit) ? { circuit } : {}),
	};
}

/** The message as it entered the delivering node: the item's JSON without what delivering and the outbox added. */
export function payloadOf(json: Record<string, unknown>): Record<string, unknown> {
	const payload = { ...json };
	for (const key of outboxKeys) delete payload[key];
	return payload;
}

/** Field names that commonly hold a document number / flow id (单据编号 / 流程ID) and a receiver (接收人). */
export const flowIdFields: readonly string[] = ['flowId', 'flowid', 'flow_id', 'requestId', 'requestid', 'documentNumber', 'billNo', 'code'];
export const receiverFields: readonly string[] = ['receiver', 'receiverId', 'receiverid', 'userId', 'userid', 'loginId'];

/** The first of `fields` with a value, looked up on the item, then in its request body when that is JSON. */
export function findField(json: Record<string, unknown>, fields: readonly string[]): string | null {
	const request = isObject(json.request) ? json.request : undefined;
	let body: unknown = request?.body;
	if (typeof body === 'string' && body.trimStart().startsWith('{')) {
		try {
			body = JSON.parse(body);
		} catch {
			body = undefined;
		}
	}
	for (const source of [json, isObject(body) ? body : undefined]) {
		if (!source) continue;
		for (const field of fields) {
			const value = text(source[field]);
			if (value !== null) return value;
		}
	}
	return null;
}

export interface ParkSettings {
	/** When the item has no delivery record: its message id (option), else a new one. */
	messageId: () => string;
	/** The Flow ID / Receiver options; empty: looked up on the item. */
	flowId: string | null;
	receiver: string | null;
	source: string | null;
	/** When the parked message is first due (epoch ms), given its delivery record if any. */
	dueAt: (delivery: DeliveryLike | undefined) => number;
}

export interface ParkedItem {
	write: MessageWrite;
	/** Whether it waits in the outbox (false: a succeeded or ignored delivery, logged only). */
	queued: boolean;
	/** Said on the output item when something was assumed. */
	note: string | null;
}

/**
 * The row for one item: from its delivery record when it has one (status, reason, target, event,
 * attempts), else as a message not sent yet, under the id the settings give. Succeeded and ignored
 * deliveries are logged without waiting in the outbox.
 */
export function parkItem(json: Record<string, unknown>, settings: ParkSettings): ParkedItem {
	const delivery = deliveryOf(json);
	const flowId = settings.flowId ?? findField(json, flowIdFields);
	const receiver = settings.receiver ?? findField(json, receiverFields);
	const payload = payloadOf(json);
	if (!delivery) {
		const messageId = settings.messageId();
		return {
			write: {
				messageId,
				status: 'retrying',
				reason: 'not_sent',
				flowId,
				receiver,
				source: settings.source,
				attempts: 0,
				nextDueAt: settings.dueAt(undefined),
				payload,
				delivery: null,
			},
			queued: true,
			note: `The item carried no delivery record (json.delivery from Send Outbound Message): parked as a message not sent yet, with the id ${messageId}; Claim Due sends it for the first time`,
		};
	}
	const status = logStatusOf(delivery);
	const queued = status !== 'succeeded' && status !== 'ignored';
	const attempts = attemptsOf(delivery);
	return {
		write: {
			messageId: text(delivery.messageId)!,
			status,
			reason: text(delivery.reason),
			target: text(delivery.target),
			event: text(delivery.event),
			flowId,
			receiver,
			source: settings.source,
			attempts: attempts.length,
			nextDueAt: queued ? settings.dueAt(delivery) : null,
			lastAttemptAt: epoch(delivery.lastAttemptAt),
			payload,
			delivery: deliveryExcerpt(delivery),
		},
		queued,
		note: queued ? null : `The delivery ${status}: logged, not queued for a re-push`,
	};
}

/**
 * The item a claimed record becomes: the message as it was (`payload`), its identity in
 * `delivery` with status `parked` (so Send Outbound Message reuses the message id and starts a
 * fresh delivery, not a hand-off continuation) and the claim in `outbox`.
 */
export function claimedItemJson(record: MessageRecord, claim: Omit<OutboxClaim, 'messageId' | 'repushes' | 'leaseUntil'>): Record<string, unknown> {
	const excerpt = record.delivery ?? {};
	return {
		...(record.payload ?? {}),
		delivery: {
			messageId: record.messageId,
			status: 'parked',
			target: record.target,
			event: record.event,
			reason: record.reason,
			message: typeof excerpt.message === 'string' ? excerpt.message : null,
			lastResponseStatus: responseStatusOf(excerpt),
			lastAttemptAt: isoOrNull(record.lastAttemptAt),
		},
		outbox: {
			...claim,
			messageId: record.messageId,
			repushes: record.repushes,
			leaseUntil: isoOrNull(record.leaseUntil),
		} satisfies Record<keyof OutboxClaim, unknown>,
	};
}

/** `json.outbox` of a claimed item, when it is one. */
export function claimOf(json: Record<string, unknown>): OutboxClaim | undefined {
	const outbox = json.outbox;
	if (!isObject(outbox) || text(outbox.messageId) === null || text(outbox.owner) === null) return undefined;
	return {
		messageId: text(outbox.messageId)!,
		owner: text(outbox.owner)!,
		repushes: typeof outbox.repushes === 'number' ? outbox.repushes : 0,
		claimedAt: String(outbox.claimedAt ?? ''),
		leaseUntil: String(outbox.leaseUntil ?? ''),
		maxRepushes: typeof outbox.maxRepushes === 'number' ? outbox.maxRepushes : null,
		intervalMinutes: typeof outbox.intervalMinutes === 'number' ? outbox.intervalMinutes : 5,
		exponential: outbox.exponential === true,
	};
}

export { logRow, type LogRow } from './logRow';
