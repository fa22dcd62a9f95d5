import { earlyReturnHoldLimitMs } from './handOffSchedule';
import { type PreviousDelivery, recordBodyLimitBytes, recordRequest, recordResponse, targetOf, textPrefix } from './deliveryRecord';
import { type SuccessRule, type SuccessVerdict, evaluateSuccess } from './evaluateSuccess';
import type { HttpExchange, SendOptions } from './httpClient';
import { parseRetryAfter } from './retryAfter';
import { type RetryPolicy, isRetryable, retryDelay } from './retryPolicy';
import type { SecretRedactor } from './secretMasking';
import type { AttemptError, AttemptResponseRecord, DeliveryAttempt, DeliveryRecord, DeliveryRequest, DeliveryRoute } from './types';

/**
 * One message to one target: attempts, waits between them, and the verdict. In-node retries wait
 * here; when they are used up and the failure is still retryable, a hand-off schedule (if any) sends
 * the item out by the Retry output with `nextAttemptAt`, and its next run through the node makes
 * one attempt per schedule step until the schedule ends.
 */

/** Body bytes read for a keyword rule; larger bodies cannot be checked. */
export const keywordBodyLimitBytes = 1024 * 1024;

export interface DeliveryPlan {
	/** The request as built from the item, before per-attempt signing. */
	request: DeliveryRequest;
	messageId: string;
	event: string | null;
	timeoutMs: number;
	success: SuccessRule;
	/**
	 * Judges a received response instead of `success` (whose keyword rule cannot read XML or combine
	 * two fields): a to-do adapter's own rule, e.g. OFS `operResult` "1", Landray `returnState` 2,
	 * E10 `code` 200 and `status` true. Sees the body as received (up to `keywordBodyLimitBytes`).
	 */
	judge?: (response: { status: number; headers: Record<string, string | string[]>; body: string }) => SuccessVerdict;
	retry: RetryPolicy;
	/** Waits in ms, one per hand-off; absent when long retries are not handed off. */
	handOffSchedule?: readonly number[];
	/** Set when the item comes back from a hand-off: its attempts so far. */
	previous?: PreviousDelivery;
	/** The record's `target`, when the caller has it already (see `targetOf`). */
	target?: string | null;
	/** The record's `bodyFrom`: where the request's body came from (see `bodyFromOf`). */
	bodyFrom?: DeliveryRecord['bodyFrom'];
}

export interface AttemptContext {
	messageId: string;
	/** 1 for the first attempt of the message, counting attempts of earlier runs. */
	attemptNumber: number;
}

export interface DeliveryDependencies {
	send: (request: DeliveryRequest, options: SendOptions) => Promise<HttpExchange>;
	/** n8n-workflow's `sleep` in the node; tests pass one that records the delays. */
	sleep: (ms: number) => Promise<void>;
	now?: () => number;
	/** ISO text of an epoch time, for `at`; a run passes `createAttemptTimestamps()` to share the text of equal times. */
	isoTime?: (epochMs: number) => string;
	/** [0, 1), for backoff jitter. */
	random?: () => number;
	/**
	 * Signs each attempt afresh, so the signed timestamp is current and a receiver's replay window
	 * does not reject a late retry (as Svix re-signs). May throw: the item then fails as `invalid_request`.
	 */
	signAttempt?: (request: DeliveryRequest, context: AttemptContext) => DeliveryRequest;
	/**
	 * Replaces secret values `signAttempt` may put into a request as they are (Hesi's signKey), in
	 * the recorded request and response; see `createSecretRedactor`.
	 */
	redactSecrets?: SecretRedactor;
}

export interface DeliveryOutcome {
	route: DeliveryRoute;
	record: DeliveryRecord;
}

interface AttemptVerdict {
	attempt: DeliveryAttempt;
	failure?: AttemptError & { status?: number; retryAfterMs?: number };
}

function judgeExchange(
	exchange: HttpExchange,
	plan: DeliveryPlan,
	now: () => number,
	redact: SecretRedactor | undefined,
): { response: AttemptResponseRecord | null; failure?: AttemptVerdict['failure'] } {
	const received = exchange.response;
	let response: AttemptResponseRecord | null = null;
	let bodyText = '';
	if (received) {
		bodyText = textPrefix(received.body, recordBodyLimitBytes, received.bodyBytes > received.body.length);
		// The rule below judges the body as received; only the record's copy is redacted.
		response = recordResponse(received.status, received.headers, bodyText, received.bodyBytes > recordBodyLimitBytes, redact);
	}
	if (!exchange.ok) {
		return { response, failure: { reason: exchange.reason, message: exchange.message, ...(exchange.code ? { code: exchange.code } : {}) } };
	}
	const { status, headers, body, bodyBytes } = exchange.response;
	const keyword = plan.judge ?? plan.success.keyword;
	if (keyword && bodyBytes > body.length) {
		return {
			response,
			failure: {
				reason: 'keyword_mismatch',
				status,
				message: `The response body is ${bodyBytes} bytes, more than the ${keywordBodyLimitBytes} a keyword rule reads, so it cannot be checked`,
			},
		};
	}
	const fullText = keyword && body.length > recordBodyLimitBytes ? textPrefix(body, body.length, bodyBytes > body.length) : bodyText;
	const verdict = plan.judge ? plan.judge({ status, headers, body: fullText }) : evaluateSuccess({ status, body: fullText }, plan.success);
	if (verdict.accepted) return { response };
	return {
		response,
		failure: { reason: verdict.reason, message: verdict.message, status, retryAfterMs: parseRetryAfter(headers['retry-after'], now()) },
	};
}

function finish(
	plan: DeliveryPlan,
	attempts: DeliveryAttempt[],
	route: DeliveryRoute,
	failure: AttemptError | undefined,
	nextAttemptAt: string | null = null,
): DeliveryOutcome {
	return {
		route,
		record: {
			messageId: plan.messageId,
			target: plan.target !== undefined ? plan.target : targetOf(plan.request.url),
			event: plan.event,
			...(plan.bodyFrom !== undefined ? { bodyFrom: plan.bodyFrom } : {}),
			status: route === 'success' ? 'succeeded' : route === 'retry' ? 'retrying' : 'failed',
			reason: failure?.reason ?? null,
			message: failure?.message ?? null,
			attempts,
			firstAttemptAt: plan.previous?.firstAttemptAt ?? attempts[0]?.at ?? null,
			lastAttemptAt: attempts[attempts.length - 1]?.at ?? null,
			nextAttemptAt,
		},
	};
}

export async function deliverMessage(plan: DeliveryPlan, dependencies: DeliveryDependencies): Promise<DeliveryOutcome> {
	const now = dependencies.now ?? Date.now;
	const random = dependencies.random ?? Math.random;
	const isoTime = dependencies.isoTime ?? ((epochMs: number) => new Date(epochMs).toISOString());
	const sendOptions: SendOptions = {
		timeoutMs: plan.timeoutMs,
		bodyLimitBytes: plan.judge || plan.success.keyword ? keywordBodyLimitBytes : recordBodyLimitBytes,
	};
	// Replaced, not pushed to, on each attempt: an exact-size array per record (push and spread
	// reserve room for 17 elements), which adds up over thousands of retained records.
	let attempts: DeliveryAttempt[] = plan.previous ? plan.previous.attempts : [];
	// A run after a hand-off is one step of the schedule: one attempt.
	const retriesThisRun = plan.previous ? 0 : plan.retry.maxRetries;
	let retriesDone = 0;

	// No attempt before its time: an item back from the Wait node early is held here, up to
	// `earlyReturnHoldLimitMs`; earlier still, it goes out by Retry again, unchanged, to wait for the rest.
	const due = plan.previous?.nextAttemptAt ? Date.parse(plan.previous.nextAttemptAt) : NaN;
	if (due - now() > earlyReturnHoldLimitMs) {
		const lastError = attempts[attempts.length - 1]?.error;
		if (lastError && plan.handOffSchedule) return finish(plan, attempts, 'retry', lastError, plan.previous?.nextAttemptAt ?? null);
	} else if (!Number.isNaN(due)) {
		// A timer may fire a millisecond early: look at the clock again (a few times at most).
		for (let pass = 0; pass < 3 && due - now() > 0; pass++) await dependencies.sleep(due - now());
	}

	for (;;) {
		let request = plan.request;
		if (dependencies.signAttempt) {
			try {
				request = dependencies.signAttempt(plan.request, { messageId: plan.messageId, attemptNumber: attempts.length + 1 });
			} catch (error) {
				const message = `The request could not be signed: ${(error as Error).message}`;
				return finish(plan, attempts, 'failure', { reason: 'invalid_request', message });
			}
		}
		const startedAt = now();
		const exchange = await dependencies.send(request, sendOptions);
		const { response, failure } = judgeExchange(exchange, plan, now, dependencies.redactSecrets);
		// A keyword mismatch quotes the response body, which may echo a redacted secret.
		const error: AttemptError | null = failure
			? {
					reason: failure.reason,
					message: dependencies.redactSecrets ? dependencies.redactSecrets(failure.message) : failure.message,
					...(failure.code ? { code: failure.code } : {}),
				}
			: null;
		const attempt: DeliveryAttempt = { at: isoTime(startedAt), durationMs: exchange.durationMs, request: recordRequest(request, dependencies.redactSecrets), response, error };
		attempts = attempts.length === 0 ? [attempt] : attempts.concat(attempt);

		if (!failure || !error) return finish(plan, attempts, 'success', undefined);
		if (!isRetryable(failure, plan.retry.retryOn)) return finish(plan, attempts, 'failure', error);

		if (retriesDone < retriesThisRun) {
			retriesDone++;
			await dependencies.sleep(retryDelay(plan.retry, retriesDone, failure.retryAfterMs, random));
			continue;
		}

		const schedule = plan.handOffSchedule;
		if (schedule && schedule.length > 0) {
			// Attempts beyond the first run's (1 + retries) are one per schedule step already taken.
			const step = Math.max(0, attempts.length - (1 + plan.retry.maxRetries));
			if (step < schedule.length) {
				const longest = Math.max(...schedule);
				const wait = Math.max(schedule[step], Math.min(failure.retryAfterMs ?? 0, longest));
				return finish(plan, attempts, 'retry', error, new Date(now() + wait).toISOString());
			}
		}
		return finish(plan, attempts, 'failure', error);
	}
}
