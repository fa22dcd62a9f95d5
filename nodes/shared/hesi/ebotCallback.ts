import { type DeliveryDependencies, type DeliveryOutcome, type DeliveryRecord, type PreviousDelivery, type RetryableClass, createSecretRedactor, defaultRetryOn, deliverMessage, isRetryable, targetOf } from '../delivery';
import { AccessTokenError, type HesiApiCredential, accessTokenFor, hesiBase } from './accessToken';
import { ebotAnswerCodes, ebotCodeOf, isTokenExpiredAnswer, judgeEbotAnswer } from './ebotAnswer';

/**
 * The EBot callback (DESIGN.md §3): tells Hesi to accept or refuse the EBot node a flow waits at,
 * through the delivery engine (each attempt, its record, masking, the judge of `value.code`). Around
 * the engine: the access token (fetched, cached, renewed once on a 401), the retry schedule (seed
 * 000's EBot waits: 60 s, 180 s, 600 s by default) and the failure policy when the callback cannot
 * complete: stay at the node, or agree / reject the document instead.
 */

export const ebotActions = ['accept', 'refuse'] as const;
export type EbotAction = (typeof ebotActions)[number];

export const resubmitMethods = ['FROM_START', 'TO_REJECTOR'] as const;
export type ResubmitMethod = (typeof resubmitMethods)[number];

export const failurePolicies = ['stay', 'refuse', 'accept'] as const;
export type FailurePolicy = (typeof failurePolicies)[number];

export const approvalPath = '/api/outbound/v1/approval';

/** Seed 000's EBot retry waits, in ms: 60 s, 180 s, 600 s after the first attempt. */
export const defaultEbotSchedule: readonly number[] = [60_000, 180_000, 600_000];

/** Transient failures and Hesi's code 500 (judged `keyword_mismatch`) are retried; 400, 401 and 412 never. */
export const ebotRetryOn: readonly RetryableClass[] = [...defaultRetryOn, 'keywordMismatch'];

export interface EbotCallbackRequest {
	signKey: string;
	flowId: string;
	nodeId: string;
	action: EbotAction;
	comment: string;
	rejectTo?: string;
	resubmitMethod?: ResubmitMethod;
}

/** The body in the documented field order; `rejectTo` and `resubmitMethod` only when given. */
export function ebotApprovalBody(request: EbotCallbackRequest): string {
	const { signKey, flowId, nodeId, action, comment, rejectTo, resubmitMethod } = request;
	return JSON.stringify({
		signKey,
		flowId,
		nodeId,
		action,
		comment,
		...(rejectTo ? { rejectTo } : {}),
		...(resubmitMethod ? { resubmitMethod } : {}),
	});
}

export interface EbotCallbackPlan {
	credential: HesiApiCredential;
	callback: EbotCallbackRequest;
	/** Waits before the second, third, … attempt. */
	schedule: readonly number[];
	policy: FailurePolicy;
	/** The comment the fallback action carries. */
	fallbackComment: string;
	timeoutMs: number;
	messageId: string;
}

export type EbotOutcome = 'completed' | 'fallbackApplied' | 'stayed' | 'failed';

/** `json.ebot` on every output item: what was asked, what Hesi confirmed, and why not. */
export interface EbotRecord {
	action: EbotAction;
	outcome: EbotOutcome;
	/** The action Hesi confirmed (code 204): the requested one, the fallback, or none. */
	appliedAction: EbotAction | null;
	policy: FailurePolicy;
	flowId: string;
	nodeId: string;
	/** Hesi's `value.code` of the requested action's last answer, when there was one. */
	code: string | null;
	/** Why the requested action did not complete, and what followed; null on success. */
	message: string | null;
}

export interface EbotResult {
	route: 'success' | 'fallback' | 'failure';
	ebot: EbotRecord;
	delivery: DeliveryRecord;
	/** The fallback action's own record, when it was sent. */
	fallbackDelivery?: DeliveryRecord;
}

const noRetries = { maxRetries: 0, backoff: { kind: 'fixed', intervalMs: 0 }, retryOn: ebotRetryOn, retryAfterCapMs: 0 } as const;

function previousOf(record: DeliveryRecord): PreviousDelivery {
	return { messageId: record.messageId, attempts: record.attempts, firstAttemptAt: record.firstAttemptAt, nextAttemptAt: null };
}

/** The record of a callback that got no token this time: its attempts so far, and the reason. */
function tokenFailureRecord(base: Pick<DeliveryRecord, 'messageId' | 'target' | 'event'>, error: AccessTokenError, previous?: PreviousDelivery): DeliveryRecord {
	const attempts = previous?.attempts ?? [];
	return {
		...base,
		status: 'failed',
		reason: error.kind === 'transient' ? 'connection_error' : 'invalid_request',
		message: error.message,
		attempts,
		firstAttemptAt: previous?.firstAttemptAt ?? null,
		lastAttemptAt: attempts[attempts.length - 1]?.at ?? null,
		nextAttemptAt: null,
	};
}

interface CallResult {
	outcome: DeliveryOutcome;
	tokenError?: AccessTokenError;
}

/** One attempt of one callback, with one immediate retry on a new token when Hesi says the token is no good. */
async function callOnce(
	plan: EbotCallbackPlan,
	callback: EbotCallbackRequest,
	messageId: string,
	previous: PreviousDelivery | undefined,
	dependencies: DeliveryDependencies,
): Promise<CallResult> {
	const base = hesiBase(plan.credential.baseUrl);
	const identity = { messageId, target: targetOf(`${base}${approvalPath}`), event: `ebot.${callback.action}` };
	const body = ebotApprovalBody(callback);
	const attempt = async (accessToken: string, before: PreviousDelivery | undefined) =>
		await deliverMessage(
			{
				request: {
					method: 'POST',
					url: `${base}${approvalPath}?accessToken=${encodeURIComponent(accessToken)}`,
					headers: { 'content-type': 'application/json' },
					body,
				},
				messageId,
				event: identity.event,
				timeoutMs: plan.timeoutMs,
				success: { acceptedStatuses: [] },
				judge: judgeEbotAnswer,
				retry: noRetries,
				previous: before,
				target: identity.target,
			},
			// The signKey travels in the body and the token in the query: neither goes into the record.
			{ ...dependencies, redactSecrets: createSecretRedactor([callback.signKey, accessToken]) },
		);
	let token: string;
	try {
		token = (await accessTokenFor(plan.credential, dependencies, plan.timeoutMs)).accessToken;
	} catch (error) {
		if (!(error instanceof AccessTokenError)) throw error;
		return { outcome: { route: 'failure', record: tokenFailureRecord(identity, error, previous) }, tokenError: error };
	}
	const outcome = await attempt(token, previous);
	const response = outcome.record.attempts[outcome.record.attempts.length - 1]?.response;
	if (outcome.route === 'success' || !response || !isTokenExpiredAnswer(response.status, response.body)) return { outcome };
	try {
		token = (await accessTokenFor(plan.credential, dependencies, plan.timeoutMs, token)).accessToken;
	} catch (error) {
		if (!(error instanceof AccessTokenError)) throw error;
		return { outcome: { route: 'failure', record: tokenFailureRecord(identity, error, previousOf(outcome.record)) }, tokenError: error };
	}
	return { outcome: await attempt(token, previousOf(outcome.record)) };
}

function lastCodeOf(record: DeliveryRecord): string | null {
	return ebotCodeOf(record.attempts[record.attempts.length - 1]?.response?.body) ?? null;
}

/** Whether another attempt may help: a transient failure, Hesi's 500, or a token that could not be had for now. */
function worthRetrying(call: CallResult): boolean {
	if (call.tokenError) return call.tokenError.kind === 'transient';
	const { record } = call.outcome;
	const last = record.attempts[record.attempts.length - 1];
	if (!last?.error) return false;
	return isRetryable({ reason: last.error.reason, status: last.response?.status }, ebotRetryOn);
}

/** The requested action, attempt after attempt on the schedule, until it succeeds or cannot. */
async function requestedAction(plan: EbotCallbackPlan, dependencies: DeliveryDependencies): Promise<CallResult> {
	let previous: PreviousDelivery | undefined;
	for (let step = 0; ; step++) {
		const call = await callOnce(plan, plan.callback, plan.messageId, previous, dependencies);
		if (call.outcome.route === 'success' || !worthRetrying(call) || step >= plan.schedule.length) return call;
		await dependencies.sleep(plan.schedule[step]);
		previous = previousOf(call.outcome.record);
	}
}

/** Why no fallback is sent after this failure (and the outcome that makes), or undefined when it is. */
function noFallbackBecause(plan: EbotCallbackPlan, call: CallResult, code: string | null): { outcome: EbotOutcome; why: string } | undefined {
	if (call.tokenError?.kind === 'refused') return { outcome: 'failed', why: 'no fallback without an access token' };
	const known = ebotAnswerCodes.find((entry) => entry.code === code);
	if (known && !known.fallbackApplies) return { outcome: 'failed', why: `no fallback: ${known.meaning}` };
	if (plan.policy === 'stay') return { outcome: 'stayed', why: 'the document stays at the EBot node for a person to decide' };
	const { callback } = plan;
	if (plan.policy === callback.action && !callback.rejectTo && !callback.resubmitMethod) {
		return { outcome: 'failed', why: `no fallback: it would repeat the same ${callback.action}` };
	}
	return undefined;
}

export async function runEbotCallback(plan: EbotCallbackPlan, dependencies: DeliveryDependencies): Promise<EbotResult> {
	const { callback } = plan;
	const requested = await requestedAction(plan, dependencies);
	const delivery = requested.outcome.record;
	const code = lastCodeOf(delivery);
	const ebot: EbotRecord = {
		action: callback.action,
		outcome: 'completed',
		appliedAction: callback.action,
		policy: plan.policy,
		flowId: callback.flowId,
		nodeId: callback.nodeId,
		code,
		message: null,
	};
	if (requested.outcome.route === 'success') return { route: 'success', ebot, delivery };

	ebot.appliedAction = null;
	const cause = delivery.message ?? 'the callback failed';
	const skipped = noFallbackBecause(plan, requested, code);
	if (skipped !== undefined) {
		ebot.outcome = skipped.outcome;
		ebot.message = `${cause}; ${skipped.why}`;
		return { route: 'failure', ebot, delivery };
	}

	// The fallback is a plain accept / refuse: a reject-to node or resubmit method may be what failed.
	const fallback: EbotCallbackRequest = { ...callback, action: plan.policy as EbotAction, comment: plan.fallbackComment, rejectTo: undefined, resubmitMethod: undefined };
	const sent = await callOnce(plan, fallback, `${plan.messageId}-fallback`, undefined, dependencies);
	const fallbackDelivery = sent.outcome.record;
	if (sent.outcome.route === 'success') {
		ebot.outcome = 'fallbackApplied';
		ebot.appliedAction = fallback.action;
		ebot.message = `${cause}; the fallback ${fallback.action} was confirmed by Hesi`;
		return { route: 'fallback', ebot, delivery, fallbackDelivery };
	}
	ebot.outcome = 'failed';
	ebot.message = `${cause}; the fallback ${fallback.action} failed too: ${fallbackDelivery.message ?? 'no answer'}`;
	return { route: 'failure', ebot, delivery, fallbackDelivery };
}
