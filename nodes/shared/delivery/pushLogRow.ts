import type { MessageStatus, MessageWrite } from '../store/types';
import type { DeliveryRecord } from './types';

/**
 * A delivery record as a push log row (the state store's MessageWrite, seed 002's 推送日志): the
 * status in the seed's terms, an excerpt of the record, and the item to send again for every row
 * that was not delivered.
 */

/** One `writeMessages` call writes at most this many rows. */
export const pushLogBatchSize = 500;

/** Seed 002's push states: a failure without any answer (timeout, connection error) is `no_response`. */
export function pushLogStatusOf(record: Pick<DeliveryRecord, 'status' | 'reason'>): MessageStatus {
	if (record.status !== 'failed') return record.status;
	return record.reason === 'timeout' || record.reason === 'connection_error' ? 'no_response' : 'failed';
}

/**
 * The last text read and its time. A run's attempt times come from createAttemptTimestamps, which
 * hands out one string per millisecond: consecutive rows mostly carry the very same text, and
 * Date.parse (~0.5 µs) is then skipped for them.
 */
let lastIso: string | undefined;
let lastEpoch: number | null = null;

function epochOf(iso: string | null): number | null {
	if (iso === null) return null;
	if (iso !== lastIso) {
		const epoch = Date.parse(iso);
		lastEpoch = Number.isNaN(epoch) ? null : epoch;
		lastIso = iso;
	}
	return lastEpoch;
}

/**
 * What the row keeps of the record: enough to search and judge it; the attempts stay in n8n's
 * execution. Empty fields are left out: the excerpt is written for every item, and a success's is
 * then its status, the answer's status and two times.
 */
export function deliveryExcerpt(record: DeliveryRecord): Record<string, unknown> {
	const last = record.attempts[record.attempts.length - 1];
	const excerpt: Record<string, unknown> = { status: record.status };
	if (record.reason !== null) excerpt.reason = record.reason;
	if (record.message !== null) excerpt.message = record.message;
	if (last?.response) excerpt.responseStatus = last.response.status;
	if (record.firstAttemptAt !== null) excerpt.firstAttemptAt = record.firstAttemptAt;
	if (record.lastAttemptAt !== null) excerpt.lastAttemptAt = record.lastAttemptAt;
	if (record.nextAttemptAt !== null) excerpt.nextAttemptAt = record.nextAttemptAt;
	if (record.circuit) excerpt.circuit = record.circuit;
	return excerpt;
}

export interface PushLogEntry {
	record: DeliveryRecord;
	/** The item's JSON as it came in, without its delivery record. */
	payload: Record<string, unknown>;
	/** Attempts this run made (an item back from a hand-off carries earlier ones, already logged). */
	attemptsThisRun: number;
	flowId: string | null;
	receiver: string | null;
	source: string | null;
}

export function pushLogWrite(entry: PushLogEntry, keepSuccessPayloads: boolean): MessageWrite {
	const { record } = entry;
	const status = pushLogStatusOf(record);
	return {
		messageId: record.messageId,
		status,
		reason: record.reason,
		target: record.target,
		event: record.event,
		flowId: entry.flowId,
		receiver: entry.receiver,
		source: entry.source,
		attempts: entry.attemptsThisRun,
		lastAttemptAt: epochOf(record.lastAttemptAt),
		payload: status !== 'succeeded' || keepSuccessPayloads ? entry.payload : null,
		delivery: deliveryExcerpt(record),
	};
}

/** The item as it came in, without the delivery record a delivering node (or the Outbox) put on it. */
export function payloadOf(json: Record<string, unknown>): Record<string, unknown> {
	if (!('delivery' in json) && !('outbox' in json)) return json;
	// The Outbox's claim (json.outbox) belongs to one re-push, not to the message.
	const { delivery: _delivery, outbox: _outbox, ...payload } = json;
	return payload;
}
