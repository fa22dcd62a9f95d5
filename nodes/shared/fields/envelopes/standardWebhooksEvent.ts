import { normaliseDate } from '../dateValue';
import type { ZonedClock } from '../zonedTime';
import { type EnvelopeResult, ProblemList, envelopeErrors, isGiven, isPlainObject } from './envelopeResult';

/**
 * The Standard Webhooks event payload (standardwebhooks.com, "Payload structure"):
 * `{"type": "user.created", "timestamp": "2022-11-03T20:26:10.344522Z", "data": {…}}`: a full-stop
 * delimited type, an ISO 8601 timestamp of the event, and the event's data object.
 */

export interface StandardWebhooksEvent {
	type: string;
	timestamp: string;
	data: Record<string, unknown>;
}

export interface StandardWebhooksEventInput {
	readonly type: unknown;
	/** Any date input; default now. */
	readonly timestamp?: unknown;
	readonly data: unknown;
}

export interface StandardWebhooksEventOptions {
	readonly clock: ZonedClock;
	readonly now: number;
}

export const standardWebhooksEventLabels = { type: '事件类型', timestamp: '事件时间', data: '事件数据' } as const;

/** Letters, digits, `_`, `-`, `:` in full-stop delimited parts, like `invoice.paid` or `flow.rejected`. */
const eventTypePattern = /^[A-Za-z0-9_:-]+(?:\.[A-Za-z0-9_:-]+)*$/;

export function buildStandardWebhooksEvent(
	input: StandardWebhooksEventInput,
	options: StandardWebhooksEventOptions,
): EnvelopeResult<StandardWebhooksEvent> {
	const problems = new ProblemList();
	const type = typeof input.type === 'string' ? input.type.trim() : '';
	if (!eventTypePattern.test(type)) {
		problems.add('type', 'a full-stop delimited event type without spaces, like invoice.paid', input.type);
	}
	let timestamp = new Date(options.now).toISOString();
	if (isGiven(input.timestamp)) {
		const date = normaliseDate(input.timestamp, { clock: options.clock });
		if (date.ok) timestamp = new Date(date.value).toISOString();
		else problems.add('timestamp', 'the event time: ISO 8601 text, a Date or DateTime, or a timestamp', input.timestamp);
	}
	if (!isPlainObject(input.data)) problems.add('data', 'the event data as an object, like {"id": "…"}', input.data);
	if (!problems.isEmpty) return { ok: false, errors: envelopeErrors(problems.problems, standardWebhooksEventLabels) };
	return { ok: true, body: { type, timestamp, data: input.data as Record<string, unknown> } };
}
