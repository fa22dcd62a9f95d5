import { parseRetryAfter } from '../../../../nodes/shared/delivery/retryAfter';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
	it('reads delay-seconds', () => {
		expect(parseRetryAfter('120', now)).toBe(120_000);
	});

	it('reads an HTTP-date as the time left until it', () => {
		expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
	});

	it('treats a date in the past as no wait', () => {
		expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
	});

	it.each([undefined, '', 'soon', '-5', '1.5', '2026-01-01T00:00:30Z'])('ignores %j', (value) => {
		expect(parseRetryAfter(value, now)).toBeUndefined();
	});

	it('uses the first of repeated headers', () => {
		expect(parseRetryAfter(['5', '10'], now)).toBe(5000);
	});
});
