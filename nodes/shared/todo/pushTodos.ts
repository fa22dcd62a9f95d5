import { createHash } from 'node:crypto';

import type { CircuitBreaker } from '../delivery/circuitBreaker';
import { type DeliveryDependencies, type DeliveryOutcome, type DeliveryPlan, deliverMessage } from '../delivery/deliverMessage';
import { ignoredRecord, invalidRequestRecord, targetOf } from '../delivery/deliveryRecord';
import { deliverThroughBreaker } from '../delivery/deliverThroughBreaker';
import type { RetryPolicy } from '../delivery/retryPolicy';
import { circuitTargetOf } from '../delivery/attemptTally';
import { createSecretRedactor } from '../delivery/secretMasking';
import type { DeliveryRecord, IgnoredReason } from '../delivery/types';
import type { TargetEvent, TargetSettings, TodoAdapter, TodoRecord, TokenSpec } from './types';

/**
 * Pushes the to-dos the rules let through, one input item at a time in input order per flow and
 * receiver, through the delivery engine: each push is one message with a stable id (the same to-do
 * re-pushed from the Outbox keeps it), the adapter's request and judge, the node's retries, and the
 * circuit breaker when it is on. An item that carries a compensating to-do pushes that first; if it
 * fails, the item's own push is not sent (the target would have nothing to complete).
 */

/** What the rules decided for one input item. */
export type ItemPlan =
	| { kind: 'push'; events: TargetEvent[] }
	| { kind: 'ignore'; reason: IgnoredReason; message: string; event?: TargetEvent }
	| { kind: 'fail'; message: string; event?: TargetEvent };

/** Where each item leaves: Success, Ignored, Failure or Held. */
export type TodoRoute = 'success' | 'ignored' | 'failure' | 'held';

export interface ItemOutcome {
	route: TodoRoute;
	/** The record of the item's own push (or why it was not pushed). */
	record: DeliveryRecord;
	/** The record of the to-do pushed first to compensate a missing one, when there was one. */
	compensation?: DeliveryRecord;
	/** The to-do as sent (receiver mapped, links rendered), when it got that far. */
	event?: TargetEvent;
}

/** The records of earlier pushes per flow and receiver (the rules' store), as this module needs them. */
export interface PushRecords {
	recordOf(event: TargetEvent): TodoRecord | undefined;
	/** The target took the push: remember it (and what the adapter keeps). */
	pushed(event: TargetEvent, kept: Record<string, string> | undefined): Promise<void>;
	/** The push did not go through: let a later push of it go (a claim taken by the rules is released). */
	notPushed(event: TargetEvent): Promise<void>;
}

export interface TodoPushContext {
	adapter: TodoAdapter;
	target: TargetSettings;
	timeoutMs: number;
	retry: RetryPolicy;
	delivery: DeliveryDependencies;
	records: PushRecords;
	/** The access token for a spec (cached by the caller); throws with the target's message. */
	token: (spec: TokenSpec) => Promise<string>;
	/** Forgets a cached token the target refused, so the next fetch gets a new one. */
	dropToken: (spec: TokenSpec) => void;
	breaker?: CircuitBreaker;
	now?: () => number;
}

/** The same to-do (target, flow, receiver, operation, version) always has the same message id. */
export function todoMessageId(event: TargetEvent, sysCode: string): string {
	const key = [sysCode, event.flowId, event.oaReceiver, event.operation, String(event.ts)].join('\u0000');
	return `todo_${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}

/** The event field of the record: `todo.done` etc., so the push log and the Outbox filter by it. */
export const todoEventName = (event: Pick<TargetEvent, 'operation'>): string => `todo.${event.operation}`;

function identityOf(event: TargetEvent | undefined, context: TodoPushContext, fallbackId: () => string) {
	return {
		messageId: event ? todoMessageId(event, context.target.sysCode) : fallbackId(),
		target: targetOf(context.target.baseUrl),
		event: event ? todoEventName(event) : null,
	};
}

/** Statuses a target answers when its access token is no longer good: fetch a new one, once. */
const tokenRefused = (record: DeliveryRecord): boolean => {
	const last = record.attempts[record.attempts.length - 1];
	return last?.response?.status === 401;
};

async function pushOne(event: TargetEvent, context: TodoPushContext, messageId: string): Promise<DeliveryOutcome & { kept?: Record<string, string> }> {
	const identity = { messageId, target: targetOf(context.target.baseUrl), event: todoEventName(event) };
	const spec = context.adapter.token?.(context.target);
	for (let round = 0; ; round++) {
		let token: string | undefined;
		try {
			token = spec ? await context.token(spec) : undefined;
		} catch (error) {
			return { route: 'failure', record: invalidRequestRecord(identity, `Could not get an access token from the target: ${(error as Error).message}`) };
		}
		let requests;
		try {
			requests = context.adapter.plan(event, context.target, { token, record: context.records.recordOf(event), now: (context.now ?? Date.now)() });
		} catch (error) {
			return { route: 'failure', record: invalidRequestRecord(identity, (error as Error).message) };
		}
		let outcome: DeliveryOutcome | undefined;
		let kept: Record<string, string> | undefined;
		for (const planned of requests) {
			const secrets = [...(planned.secrets ?? []), ...(token ? [token] : [])];
			const plan: DeliveryPlan = {
				request: planned.request,
				messageId,
				event: identity.event,
				timeoutMs: context.timeoutMs,
				success: { acceptedStatuses: [] },
				judge: planned.judge,
				retry: context.retry,
				target: identity.target,
			};
			const dependencies = { ...context.delivery, redactSecrets: createSecretRedactor(secrets) };
			const origin = context.breaker ? circuitTargetOf(plan.request.url) : null;
			outcome =
				context.breaker && origin !== null
					? await deliverThroughBreaker(context.breaker, origin, plan, dependencies, identity)
					: await deliverMessage(plan, dependencies);
			if (outcome.route !== 'success') break;
			const last = outcome.record.attempts[outcome.record.attempts.length - 1];
			kept = { ...kept, ...planned.keep?.({ status: last?.response?.status ?? 0, body: last?.response?.body ?? '' }) };
		}
		if (!outcome) return { route: 'failure', record: invalidRequestRecord(identity, `The adapter planned no request for ${event.operation}`) };
		if (spec && round === 0 && outcome.route === 'failure' && tokenRefused(outcome.record)) {
			context.dropToken(spec);
			continue;
		}
		return { ...outcome, kept: Object.keys(kept ?? {}).length > 0 ? kept : undefined };
	}
}

const routeOf = (route: DeliveryOutcome['route']): TodoRoute => (route === 'success' ? 'success' : route === 'held' ? 'held' : 'failure');

/**
 * One input item's pushes, in order. The records are updated as each push ends, so the next item of
 * the same flow and receiver sees them.
 */
export async function pushItem(plan: ItemPlan, context: TodoPushContext, fallbackId: () => string): Promise<ItemOutcome> {
	if (plan.kind === 'ignore') {
		return { route: 'ignored', record: ignoredRecord(identityOf(plan.event, context, fallbackId), plan.reason, plan.message), event: plan.event };
	}
	if (plan.kind === 'fail') {
		return { route: 'failure', record: invalidRequestRecord(identityOf(plan.event, context, fallbackId), plan.message), event: plan.event };
	}
	let compensation: DeliveryRecord | undefined;
	const events = plan.events;
	for (const [position, event] of events.entries()) {
		const own = position === events.length - 1;
		if (!own && !event.compensated) throw new Error('Only a compensating to-do may come before an item\'s own push');
		if (!context.adapter.operations.includes(event.operation)) {
			const message = `The ${context.adapter.kind} target has no "${event.operation}" operation, so nothing is pushed for it`;
			if (own) return { route: 'ignored', record: ignoredRecord(identityOf(event, context, fallbackId), 'unsupported_operation', message), compensation, event };
			continue;
		}
		const outcome = await pushOne(event, context, todoMessageId(event, context.target.sysCode));
		if (outcome.route === 'success') await context.records.pushed(event, outcome.kept);
		else await context.records.notPushed(event);
		if (own) return { route: routeOf(outcome.route), record: outcome.record, compensation, event };
		compensation = outcome.record;
		if (outcome.route !== 'success') {
			// The compensating to-do did not go through: the item's own push waits for its next run.
			const last = events[events.length - 1];
			await context.records.notPushed(last);
			const record = { ...outcome.record, messageId: todoMessageId(last, context.target.sysCode), event: todoEventName(last) };
			record.message = `Not sent: the to-do pushed first to compensate for the missing one did not go through (${outcome.record.message ?? outcome.record.reason})`;
			return { route: routeOf(outcome.route), record: { ...record, attempts: [] }, compensation, event: last };
		}
	}
	throw new Error('An item planned to push nothing');
}
