import type { DeliveryAttempt } from './types';

/**
 * What the circuit breaker (circuitBreaker.ts) learns from a delivery: which attempts say the
 * target itself is unwell, and the circuit they count for.
 */

/** Scheme, host and port of a URL (`http://127.0.0.1:8080`); null when it is not an http(s) URL. */
export function circuitTargetOf(url: string): string | null {
	try {
		const parsed = new URL(url.trim());
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
	} catch {
		return null;
	}
}

/**
 * Whether an attempt's failure says the target is unwell: no answer (timeout, connection error),
 * a 5xx, or 429 Too Many Requests. A 4xx, a keyword mismatch or 410 Gone is an answer about the
 * message, from a target that works; an invalid request never reached it.
 */
export function isTargetFailure(attempt: Pick<DeliveryAttempt, 'error' | 'response'>): boolean {
	const error = attempt.error;
	if (!error) return false;
	if (error.reason === 'timeout' || error.reason === 'connection_error') return true;
	if (error.reason !== 'status_not_accepted') return false;
	const status = attempt.response?.status ?? 0;
	return status >= 500 || status === 429;
}

/** What a delivery's attempts of this run tell the breaker. */
export interface AttemptTally {
	attempts: number;
	/** Attempts that were target failures. */
	failures: number;
	/** Target failures at the end, after the last attempt the target handled. */
	trailingFailures: number;
}

export function tallyAttempts(attempts: ReadonlyArray<Pick<DeliveryAttempt, 'error' | 'response'>>): AttemptTally {
	let failures = 0;
	let trailingFailures = 0;
	for (const attempt of attempts) {
		if (isTargetFailure(attempt)) {
			failures++;
			trailingFailures++;
		} else {
			trailingFailures = 0;
		}
	}
	return { attempts: attempts.length, failures, trailingFailures };
}
