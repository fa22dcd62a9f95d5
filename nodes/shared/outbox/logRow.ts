import { isoOrNull } from '../store/epochTime';
import type { MessageRecord } from '../store/types';

/** The last response status an excerpt holds. */
export function responseStatusOf(excerpt: Record<string, unknown>): number | null {
	const status = excerpt.responseStatus ?? excerpt.lastResponseStatus;
	return typeof status === 'number' ? status : null;
}

/** Search's columns: flat, so Convert to File makes seed 002's Excel export of the push log. */
export interface LogRow extends Pick<MessageRecord, 'messageId' | 'status' | 'reason' | 'target' | 'event' | 'flowId' | 'receiver' | 'attempts' | 'repushes'> {
	queued: boolean;
	nextDueAt: string | null;
	createdAt: string | null;
	updatedAt: string | null;
	lastAttemptAt: string | null;
	lastResponseStatus: number | null;
	message: string | null;
	payload?: Record<string, unknown> | null;
	delivery?: Record<string, unknown> | null;
}

export function logRow(record: MessageRecord, include: { payload?: boolean; delivery?: boolean } = {}): LogRow {
	const excerpt = record.delivery ?? {};
	const row: LogRow = {
		messageId: record.messageId,
		status: record.status,
		reason: record.reason,
		target: record.target,
		event: record.event,
		flowId: record.flowId,
		receiver: record.receiver,
		attempts: record.attempts,
		repushes: record.repushes,
		queued: record.nextDueAt !== null,
		nextDueAt: isoOrNull(record.nextDueAt),
		createdAt: isoOrNull(record.createdAt),
		updatedAt: isoOrNull(record.updatedAt),
		lastAttemptAt: isoOrNull(record.lastAttemptAt),
		lastResponseStatus: responseStatusOf(excerpt),
		message: typeof excerpt.message === 'string' ? excerpt.message : null,
	};
	if (include.payload) row.payload = record.payload;
	if (include.delivery) row.delivery = record.delivery;
	return row;
}
