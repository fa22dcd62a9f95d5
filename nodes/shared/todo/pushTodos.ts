import { createHash } from 'node:crypto';

import { circuitTargetOf } from '../delivery/attemptTally';
import type { CircuitBreaker } from '../delivery/circuitBreaker';
import { type DeliveryDependencies, type DeliveryOutcome, type DeliveryPlan, deliverMessage } from '../delivery/deliverMessage';
import { ignoredRecord, invalidRequestRecord, targetOf } from '../delivery/deliveryRecord';
import { deliverThroughBreaker } from '../delivery/deliverThroughBreaker';
import type { RetryPolicy } from '../delivery/retryPolicy';
import { createSecretRedactor } from '../delivery/secretMasking';
import type { DeliveryRecord, IgnoredReason } from '../delivery/types';
import { type AccessTokenCache, AccessTokenError, tokenWasRejected, withAccessToken } from './accessToken';
import { adapterSupports } from './adapters';
import type { AdapterRequest, TargetEvent, TargetSettings, TodoAdapter, TodoRecord } from './types';

/**
 * Pushes the to-dos the rules let through, one input item at a time, through the delivery engine:
 * each push is one message with a stable id (the same to-do re-pushed from the Outbox keeps it),
 * the adapter's requests and judge, the node's retries, and the circuit breaker when it is on. An
 * item that carries a compensating to-do pushes that first; if it does not go through, the item's
 * own push is not sent (the target would have nothing to complete) and the item fails or is held.
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
	/** The record of the to-do pushed first to compensate for a missing one, when there was one. */
	compensation?: DeliveryRecord;
	/** The to-do as sent (receiver mapped, links rendered), when it got that far. */
	event?: TargetEvent;
}

/** The records of earlier pushes per flow and receiver (the rules' store), as pushing needs them. */
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
	/** Access tokens, kept per process (accessToken.ts). */
	tokens: AccessTokenCache;
	breaker?: CircuitBreaker;
	now?: () => number;
}

/** The same to-do (target, flow, OA receiver, operation, version) always has the same message id. */
export function todoMessageId(event: Pick<TargetEvent, 'flowId' | 'oaReceiver' | 'operation' | 'ts'>, sysCode: string): string {
	const key = [sysCode, event.flowId, event.oaReceiver, event.operation, String(event.ts)].join('\u0000');
	return `todo_${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}

/** The record's event: `todo.done` etc., so the push log and the Outbox filter by it. */
export const todoEventName = (event: Pick<TargetEvent, 'operation'>): string => `todo.${event.operation}`;

type Identity = { messageId: string; target: string | null; event: string | null };

function identityOf(event: TargetEvent | undefined, context: TodoPushContext, fallbackId: () => string): Identity {
	return {
		messageId: event ? todoMessageId(event, context.target.sysCode) : fallbackId(),
		target: targetOf(context.target.baseUrl),
		event: event ? todoEventName(event) : null,
	};
}

/** A token that could not be had is the target's (or the network's) answer: failed, so the Outbox can re-push it. */
function tokenFailure(identity: Identity, error: Error): DeliveryOutcome {
	return { route: 'failure', record: { ...invalidRequestRecord(identity, error.message), reason: 'status_not_accepted' } };
}

/** The adapter's requests for one event with one token, in order; stops at the first that does not succeed. */
async function sendPlanned(
	event: TargetEvent,
	context: TodoPushContext,
	identity: Identity,
	token: string | undefined,
): Promise<{ outcome: DeliveryOutcome; kept?: Record<string, string>; tokenRejected: boolean }> {
	let requests: AdapterRequest[];
	try {
		requests = context.adapter.plan(event, context.target, { token, record: context.records.recordOf(event), now: (context.now ?? Date.now)() });
	} catch (error) {
		return { outcome: { route: 'failure', record: invalidRequestRecord(identity, (error as Error).message) }, tokenRejected: false };
	}
	let kept: Record<string, string> | undefined;
	let outcome: DeliveryOutcome = { route: 'failure', record: invalidRequestRecord(identity, `The ${context.adapter.kind} adapter has no request for ${event.operation}`) };
	for (const planned of requests) {
		const plan: DeliveryPlan = {
			request: planned.request,
			messageId: identity.messageId,
			event: identity.event,
			timeoutMs: context.timeoutMs,
			success: { acceptedStatuses: [] },
			judge: planned.judge,
			retry: context.retry,
			target: identity.target,
		};
		const dependencies = { ...context.delivery, redactSecrets: createSecretRedactor([...(planned.secrets ?? []), ...(token ? [token] : [])]) };
		const origin = context.breaker ? circuitTargetOf(plan.request.url) : null;
		outcome =
			context.breaker && origin !== null
				? await deliverThroughBreaker(context.breaker, origin, plan, dependencies, identity)
				: await deliverMessage(plan, dependencies);
		if (outcome.route !== 'success') return { outcome, tokenRejected: tokenWasRejected(planned, outcome) };
		const last = outcome.record.attempts[outcome.record.attempts.length - 1];
		kept = { ...kept, ...planned.keep?.({ status: last?.response?.status ?? 0, body: last?.response?.body ?? '' }) };
	}
	return { outcome, kept: kept && Object.keys(kept).length > 0 ? kept : undefined, tokenRejected: false };
}

/** One to-do to the target, with the adapter's token (fetched once per process; a refused one is renewed once). */
async function pushOne(event: TargetEvent, context: TodoPushContext): Promise<{ outcome: DeliveryOutcome; kept?: Record<string, string> }> {
	const identity = identityOf(event, context, () => '');
	const spec = context.adapter.token?.(context.target);
	try {
		return await withAccessToken({ cache: context.tokens, spec, send: context.delivery.send, timeoutMs: context.timeoutMs }, async (token) => {
			const sent = await sendPlanned(event, context, identity, token);
			return { value: sent, tokenRejected: sent.tokenRejected };
		});
	} catch (error) {
		if (error instanceof AccessTokenError) return { outcome: tokenFailure(identity, error) };
		throw error;
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
	const own = plan.events[plan.events.length - 1];
	let compensation: DeliveryRecord | undefined;
	for (const event of plan.events) {
		const isOwn = event === own;
		if (!adapterSupports(context.adapter, event.operation, context.target)) {
			const message = `The target (${context.adapter.kind}) takes no "${event.operation}", so nothing is pushed for it`;
			await context.records.notPushed(event);
			if (isOwn) return { route: 'ignored', record: ignoredRecord(identityOf(event, context, fallbackId), 'unsupported_operation', message), compensation, event };
			continue;
		}
		const { outcome, kept } = await pushOne(event, context);
		if (outcome.route === 'success') await context.records.pushed(event, kept);
		else await context.records.notPushed(event);
		if (isOwn) return { route: routeOf(outcome.route), record: outcome.record, compensation, event };
		compensation = outcome.record;
		if (outcome.route !== 'success') {
			// The compensating to-do did not go through: the item's own push waits for its next run.
			await context.records.notPushed(own);
			const because = outcome.record.message ?? outcome.record.reason;
			const record: DeliveryRecord = {
				...outcome.record,
				...identityOf(own, context, fallbackId),
				message: `Not sent: the to-do pushed first to make up for the missing one did not go through (${because})`,
				attempts: [],
				firstAttemptAt: null,
				lastAttemptAt: null,
			};
			return { route: routeOf(outcome.route), record, compensation, event: own };
		}
	}
	throw new Error('An item was planned to push nothing');
}
