import type { Acknowledgement } from '../store/types';
import { type DeliveryLike, deliveryExcerpt, logStatusOf } from './outboxItem';
import { type RepushRule, repushDelayMs } from './repushSchedule';

/**
 * How a re-pushed message's claim ends, from what Send Outbound Message recorded: delivered,
 * ignored, due again after the interval, or failed for good once Max Re-pushes is reached (the row
 * stays in the log with status `failed`, searchable and re-pushable by hand).
 */

/** The Acknowledge operation's "Outcome": read the delivery record, or say what happened. */
export const acknowledgeOutcomes = ['fromDelivery', 'succeeded', 'ignored', 'failed'] as const;
export type AcknowledgeOutcome = (typeof acknowledgeOutcomes)[number];

/** Failures a re-push cannot mend: the target said the endpoint is gone, or the request cannot be built. */
const finalReasons = new Set(['gone', 'invalid_request']);

export interface AcknowledgeRule extends RepushRule {
	/** Null: no limit (the claim was made without one). */
	maxRepushes: number | null;
}

export class AcknowledgementError extends Error {}

function attemptsIn(delivery: DeliveryLike | undefined): number {
	// Send Outbound Message's push log already added this run's attempts to the row.
	if ((delivery as { log?: { written?: unknown } } | undefined)?.log?.written === true) return 0;
	return delivery && Array.isArray(delivery.attempts) ? delivery.attempts.length : 0;
}

function lastAttemptAt(delivery: DeliveryLike | undefined): number | null {
	const at = delivery && typeof delivery.lastAttemptAt === 'string' ? Date.parse(delivery.lastAttemptAt) : Number.NaN;
	return Number.isFinite(at) ? at : null;
}

/**
 * The acknowledgement for one claimed message after `repushes` re-pushes (the claim's count).
 * `outcome` other than `fromDelivery` overrides what the record says.
 */
export function acknowledgementFor(
	delivery: DeliveryLike | undefined,
	repushes: number,
	rule: AcknowledgeRule,
	outcome: AcknowledgeOutcome,
	now: number,
): Acknowledgement {
	const excerpt = delivery ? deliveryExcerpt(delivery) : null;
	const common = { attempts: attemptsIn(delivery), lastAttemptAt: lastAttemptAt(delivery), delivery: excerpt };
	if (outcome === 'succeeded') return { outcome: 'succeeded', reason: null, ...common };
	if (outcome === 'ignored') return { outcome: 'ignored', reason: typeof delivery?.reason === 'string' ? delivery.reason : null, ...common };
	if (outcome === 'failed') return { outcome: 'failed', reason: typeof delivery?.reason === 'string' ? delivery.reason : 'failed_by_workflow', ...common };
	if (!delivery) {
		throw new AcknowledgementError(
			'The item carries no delivery record (json.delivery): connect Acknowledge to the outputs of Send Outbound Message, or set "Outcome" to say what happened',
		);
	}
	const status = logStatusOf(delivery);
	const reason = typeof delivery.reason === 'string' ? delivery.reason : null;
	if (status === 'succeeded' || status === 'ignored') return { outcome: status, reason, ...common };
	if (reason !== null && finalReasons.has(reason)) return { outcome: 'failed', reason, ...common };
	if (rule.maxRepushes !== null && repushes >= rule.maxRepushes) return { outcome: 'failed', reason, ...common };
	return { outcome: 'retry', nextDueAt: now + repushDelayMs(rule, repushes), status, reason, ...common };
}
