import type { FailureReason } from './types';

/**
 * When and how soon to try again inside one node run. The seed (000, 重试次数 / 网络间隔时长) retries
 * 0-3 times at a fixed interval of 0-10 s; we allow up to 10 retries and offer exponential backoff
 * with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter": sleep = random(0,
 * min(cap, base * factor^n))), so many senders retrying one recovering target do not arrive together.
 */

export type Backoff =
	| { kind: 'fixed'; intervalMs: number }
	| { kind: 'exponential'; baseMs: number; factor: number; capMs: number };

/** The failure classes a user can choose to retry. */
export const retryableClasses = [
	'connectionErrors',
	'timeouts',
	'tooManyRequests',
	'serverErrors',
	'keywordMismatch',
	'clientErrors',
] as const;

export type RetryableClass = (typeof retryableClasses)[number];

/** Transient by nature: the default set (Svix, Stripe and GitHub retry these too). */
export const defaultRetryOn: readonly RetryableClass[] = ['connectionErrors', 'timeouts', 'tooManyRequests', 'serverErrors'];

export const maxRetriesLimit = 10;

/** The seed's own limits (000, 重试次数 0-3, 网络间隔时长 0-10 s): named in the panel, its messages and the docs. */
export const seedRetryLimit = 3;
export const seedIntervalLimitSeconds = 10;

export interface RetryPolicy {
	/** Retries after the first attempt, 0-10. */
	maxRetries: number;
	backoff: Backoff;
	retryOn: readonly RetryableClass[];
	/** Longest wait a `Retry-After` may ask for; longer requests are clamped to it. */
	retryAfterCapMs: number;
}

/** What one failed attempt looked like, as far as retrying is concerned. */
export interface FailedAttempt {
	reason: FailureReason;
	status?: number;
}

/** The class a failure belongs to, or undefined for failures that are never retried. */
export function failureClass(failure: FailedAttempt): RetryableClass | undefined {
	switch (failure.reason) {
		case 'connection_error':
			return 'connectionErrors';
		case 'timeout':
			return 'timeouts';
		case 'keyword_mismatch':
			return 'keywordMismatch';
		case 'status_not_accepted': {
			const status = failure.status ?? 0;
			if (status === 429) return 'tooManyRequests';
			if (status >= 500 && status <= 599) return 'serverErrors';
			if (status >= 400 && status <= 499) return 'clientErrors';
			// 1xx, 3xx and 2xx outside the accepted set: the target answered deliberately; trying again
			// gets the same answer.
			return undefined;
		}
		// 410 Gone means the endpoint is gone for good; a malformed request stays malformed.
		case 'gone':
		case 'invalid_request':
			return undefined;
	}
}

export function isRetryable(failure: FailedAttempt, retryOn: readonly RetryableClass[]): boolean {
	const failureKind = failureClass(failure);
	return failureKind !== undefined && retryOn.includes(failureKind);
}

/**
 * The wait before retry number `retryNumber` (1 for the first retry). `retryAfterMs`, when the
 * target sent one, is a lower bound (the target asked not to be called sooner), clamped to the cap.
 * `random` returns [0, 1) and is a parameter so tests can pin the jitter.
 */
export function retryDelay(
	policy: Pick<RetryPolicy, 'backoff' | 'retryAfterCapMs'>,
	retryNumber: number,
	retryAfterMs: number | undefined,
	random: () => number,
): number {
	const { backoff } = policy;
	let delay: number;
	let cap: number;
	if (backoff.kind === 'fixed') {
		delay = backoff.intervalMs;
		cap = Math.max(backoff.intervalMs, policy.retryAfterCapMs);
	} else {
		const ceiling = Math.min(backoff.capMs, backoff.baseMs * backoff.factor ** Math.max(0, retryNumber - 1));
		delay = Math.floor(random() * ceiling);
		cap = backoff.capMs;
	}
	if (retryAfterMs !== undefined) delay = Math.max(delay, Math.min(retryAfterMs, cap));
	return delay;
}
