import type { VerifyResult } from './types';
import { malformedPart, verifyFailure } from './verifyFailure';

export const defaultToleranceSeconds = 300;

/** Seconds since the epoch for a clock in ms (default now). */
export function unixSeconds(nowMs: number = Date.now()): number {
	return Math.floor(nowMs / 1000);
}

/**
 * Parses a decimal timestamp. Stricter than `parseInt` (which the Standard Webhooks JS library
 * uses): digits only, so `12abc` or `1e9` is reported as malformed instead of silently truncated.
 */
export function parseTimestamp(text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const trimmed = text.trim();
	if (!/^\d{1,16}$/.test(trimmed)) return undefined;
	return Number(trimmed);
}

/**
 * Rejects a timestamp outside ±tolerance of now, in both directions like the Standard Webhooks
 * libraries (`now - ts > tolerance` is too old, `ts > now + tolerance` too new). Returns
 * undefined when the timestamp is inside the window.
 */
export function checkTimestampWindow(
	timestampSeconds: number,
	options: { now?: number; toleranceSeconds?: number },
	part: string,
): VerifyResult | undefined {
	const tolerance = options.toleranceSeconds ?? defaultToleranceSeconds;
	const now = unixSeconds(options.now);
	const age = now - timestampSeconds;
	if (age > tolerance) {
		return verifyFailure(
			'timestamp_out_of_tolerance',
			`${part} is ${age} s old, outside the accepted window of ${tolerance} s (expired by ${age - tolerance} s)`,
		);
	}
	if (-age > tolerance) {
		return verifyFailure(
			'timestamp_out_of_tolerance',
			`${part} is ${-age} s in the future, outside the accepted window of ${tolerance} s (ahead by ${-age - tolerance} s)`,
		);
	}
	return undefined;
}

/** Reads and range-checks a seconds timestamp; returns either the value or the failure. */
export function readTimestamp(
	text: string | undefined,
	part: string,
	options: { now?: number; toleranceSeconds?: number },
	unit: 's' | 'ms' = 's',
): { seconds: number } | { failure: VerifyResult } {
	const parsed = parseTimestamp(text);
	if (parsed === undefined) {
		return {
			failure: malformedPart(part, unit === 'ms' ? 'milliseconds since the epoch' : 'seconds since the epoch'),
		};
	}
	const seconds = unit === 'ms' ? Math.floor(parsed / 1000) : parsed;
	const failure = checkTimestampWindow(seconds, options, part);
	return failure ? { failure } : { seconds };
}
