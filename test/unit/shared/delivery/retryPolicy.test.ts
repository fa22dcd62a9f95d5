import fc from 'fast-check';

import { defaultRetryOn, failureClass, isRetryable, retryDelay } from '../../../../nodes/shared/delivery/retryPolicy';

describe('retry policy', () => {
	describe('what is retryable', () => {
		it.each([
			[{ reason: 'connection_error' as const }, true],
			[{ reason: 'timeout' as const }, true],
			[{ reason: 'status_not_accepted' as const, status: 429 }, true],
			[{ reason: 'status_not_accepted' as const, status: 500 }, true],
			[{ reason: 'status_not_accepted' as const, status: 503 }, true],
			[{ reason: 'status_not_accepted' as const, status: 404 }, false],
			[{ reason: 'status_not_accepted' as const, status: 302 }, false],
			[{ reason: 'keyword_mismatch' as const, status: 200 }, false],
			[{ reason: 'gone' as const, status: 410 }, false],
			[{ reason: 'invalid_request' as const }, false],
		])('by default, %j retryable is %s', (failure, expected) => {
			expect(isRetryable(failure, defaultRetryOn)).toBe(expected);
		});

		it('retries keyword mismatches and any 4xx only when chosen', () => {
			const all = [...defaultRetryOn, 'keywordMismatch' as const, 'clientErrors' as const];
			expect(isRetryable({ reason: 'keyword_mismatch', status: 200 }, all)).toBe(true);
			expect(isRetryable({ reason: 'status_not_accepted', status: 404 }, all)).toBe(true);
		});

		it('never retries 410 Gone, whatever is chosen', () => {
			expect(failureClass({ reason: 'gone', status: 410 })).toBeUndefined();
		});
	});

	describe('retryDelay', () => {
		const fixed = { backoff: { kind: 'fixed' as const, intervalMs: 3000 }, retryAfterCapMs: 60_000 };
		const exponential = { backoff: { kind: 'exponential' as const, baseMs: 1000, factor: 2, capMs: 10_000 }, retryAfterCapMs: 0 };

		it('waits the fixed interval every time', () => {
			expect([1, 2, 3].map((n) => retryDelay(fixed, n, undefined, () => 0.9))).toEqual([3000, 3000, 3000]);
		});

		it('draws exponential waits from 0 up to base * factor^(n-1), capped (full jitter)', () => {
			expect([1, 2, 3, 4, 5].map((n) => retryDelay(exponential, n, undefined, () => 0.5))).toEqual([500, 1000, 2000, 4000, 5000]);
		});

		it('never waits longer than the cap or less than zero', () => {
			fc.assert(
				fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
					const ms = retryDelay(exponential, n, undefined, () => r);
					return ms >= 0 && ms <= 10_000;
				}),
			);
		});

		it('waits at least what Retry-After asks', () => {
			expect(retryDelay(fixed, 1, 20_000, () => 0)).toBe(20_000);
			expect(retryDelay(exponential, 1, 7000, () => 0)).toBe(7000);
		});

		it('clamps Retry-After to the cap', () => {
			expect(retryDelay(fixed, 1, 3_600_000, () => 0)).toBe(60_000);
			expect(retryDelay(exponential, 1, 3_600_000, () => 0)).toBe(10_000);
		});

		it('keeps the interval when Retry-After asks for less', () => {
			expect(retryDelay(fixed, 1, 1000, () => 0)).toBe(3000);
		});
	});
});
