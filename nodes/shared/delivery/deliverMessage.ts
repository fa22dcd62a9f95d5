import { earlyReturnHoldLimitMs } from './handOffSchedule';
import { type RecordDetail, recordBodyLimitBytes, recordReceived, recordRequest, textPrefix } from './attemptRecord';
import { type PreviousDelivery, targetOf } from './deliveryRecord';
import { type SuccessRule, type SuccessVerdict, evaluateSuccess } from './evaluateSuccess';
import type { HttpExchange, ReceivedResponse, SendOptions } from './httpClient';
import { parseRetryAfter } from './retryAfter';
import { type RetryPolicy, isRetryable, retryDelay } from './retryPolicy';
import type { SecretRedactor } from './secretMasking';
import type { AttemptError, DeliveryAttempt, DeliveryRecord, DeliveryRequest, DeliveryRoute } from './types';

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
	/**
	 * How much the record keeps of this run's attempts when the message does not end on Failure
	 * (a response excerpt; the item's own body left out). Absent: every record whole, as on Failure.
	 */
	recordDetail?: RecordDetail;
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

type AttemptFailure = AttemptError & { status?: number; retryAfterMs?: number };

/**
 * An attempt of this run as it happened. It becomes a record only when the message's route is
 * known: the Failure output keeps the bodies whole, the others an excerpt (`RecordDetail`), so a
 * response is read into text once, at the size that is kept.
 */
interface PendingAttempt {
	at: string;
	durationMs: number;
	request: DeliveryRequest;
	received: ReceivedResponse | undefined;
	error: AttemptError | null;
}

function judgeExchange(exchange: HttpExchange, plan: DeliveryPlan, now: () => number): AttemptFailure | undefined {
	if (!exchange.ok) return { reason: exchange.reason, message: exchange.message, ...(exchange.code ? { code: exchange.code } : {}) };
	const { status, headers, body, bodyBytes } = exchange.response;
	const keyword = plan.judge ?? plan.success.keyword;
	if (keyword && bodyBytes > body.length) {
		return {
			reason: 'keyword_mismatch',
			status,
			message: `The response body is ${bodyBytes} bytes, more than the ${keywordBodyLimitBytes} a keyword rule reads, so it cannot be checked`,
		};
	}
	// The rule judges the body as received; only the record's copy is redacted. Without a keyword
	// rule the body plays no part in the verdict.
	const text = keyword ? textPrefix(body, body.length) : '';
	const verdict = plan.judge ? plan.judge({ status, headers, body: text }) : evaluateSuccess({ status, body: text }, plan.success);
	if (verdict.accepted) return undefined;
	return { reason: verdict.reason, message: verdict.message, status, retryAfterMs: parseRetryAfter(headers['retry-after'], now()) };
}

function attemptRecords(pending: readonly PendingAttempt[], detail: RecordDetail | undefined, redact: SecretRedactor | undefined): DeliveryAttempt[] {
	const responseLimit = detail ? detail.responseExcerptBytes : recordBodyLimitBytes;
	return pending.map(({ at, durationMs, request, received, error }) => ({
		at,
		durationMs,
		request: recordRequest(request, redact, detail?.itemBody),
		response: received ? recordReceived(received, responseLimit, redact) : null,
		error,
	}));
}

interface RunState {
	/** Attempts of earlier runs (before a hand-off), as they were recorded. */
	earlier: DeliveryAttempt[];
	pending: PendingAttempt[];
	redact: SecretRedactor | undefined;
}

function finish(
	plan: DeliveryPlan,
	run: RunState,
	route: DeliveryRoute,
	failure: AttemptError | undefined,
	nextAttemptAt: string | null = null,
): DeliveryOutcome {
	const made = run.pending.length === 0 ? [] : attemptRecords(run.pending, route === 'failure' ? undefined : plan.recordDetail, run.redact);
	// An exact-size array per record (push and spread reserve room for 17 elements), which adds up
	// over thousands of retained records.
	const attempts = run.earlier.length === 0 ? made : made.length === 0 ? run.earlier : run.earlier.concat(made);
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
	const run: RunState = { earlier: plan.previous ? plan.previous.attempts : [], pending: [], redact: dependencies.redactSecrets };
	const attemptsMade = () => run.earlier.length + run.pending.length;
	// A run after a hand-off is one step of the schedule: one attempt.
	const retriesThisRun = plan.previous ? 0 : plan.retry.maxRetries;
	let retriesDone = 0;

	// No attempt before its time: an item back from the Wait node early is held here, up to
	// `earlyReturnHoldLimitMs`; earlier still, it goes out by Retry again, unchanged, to wait for the rest.
	const due = plan.previous?.nextAttemptAt ? Date.parse(plan.previous.nextAttemptAt) : NaN;
	if (due - now() > earlyReturnHoldLimitMs) {
		const lastError = run.earlier[run.earlier.length - 1]?.error;
		if (lastError && plan.handOffSchedule) return finish(plan, run, 'retry', lastError, plan.previous?.nextAttemptAt ?? null);
	} else if (!Number.isNaN(due)) {
		// A timer may fire a millisecond early: look at the clock again (a few times at most).
		for (let pass = 0; pass < 3 && due - now() > 0; pass++) await dependencies.sleep(due - now());
	}

	for (;;) {
		let request = plan.request;
		if (dependencies.signAttempt) {
			try {
				request = dependencies.signAttempt(plan.request, { messageId: plan.messageId, attemptNumber: attemptsMade() + 1 });
			} catch (error) {
				const message = `The request could not be signed: ${(error as Error).message}`;
				return finish(plan, run, 'failure', { reason: 'invalid_request', message });
			}
		}
		const startedAt = now();
		const exchange = await dependencies.send(request, sendOptions);
		const failure = judgeExchange(exchange, plan, now);
		// A keyword mismatch quotes the response body, which may echo a redacted secret.
		const error: AttemptError | null = failure
			? {
					reason: failure.reason,
					message: dependencies.redactSecrets ? dependencies.redactSecrets(failure.message) : failure.message,
					...(failure.code ? { code: failure.code } : {}),
				}
			: null;
		run.pending.push({ at: isoTime(startedAt), durationMs: exchange.durationMs, request, received: exchange.response, error });

		if (!failure || !error) return finish(plan, run, 'success', undefined);
		if (!isRetryable(failure, plan.retry.retryOn)) return finish(plan, run, 'failure', error);

		if (retriesDone < retriesThisRun) {
			retriesDone++;
			await dependencies.sleep(retryDelay(plan.retry, retriesDone, failure.retryAfterMs, random));
			continue;
		}

		const schedule = plan.handOffSchedule;
		if (schedule && schedule.length > 0) {
			// Attempts beyond the first run's (1 + retries) are one per schedule step already taken.
			const step = Math.max(0, attemptsMade() - (1 + plan.retry.maxRetries));
			if (step < schedule.length) {
				const longest = Math.max(...schedule);
				const wait = Math.max(schedule[step], Math.min(failure.retryAfterMs ?? 0, longest));
				return finish(plan, run, 'retry', error, new Date(now() + wait).toISOString());
			}
		}
		return finish(plan, run, 'failure', error);
	}
}
