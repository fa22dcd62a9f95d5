import fc from 'fast-check';

import { createAttemptTimestamps } from '../../../../nodes/shared/delivery/attemptTimestamps';

describe('createAttemptTimestamps', () => {
	it('writes an epoch time as ISO 8601 in UTC with milliseconds', () => {
		const isoTime = createAttemptTimestamps();
		expect(isoTime(Date.parse('2026-05-01T10:00:00.123Z'))).toBe('2026-05-01T10:00:00.123Z');
	});

	it('gives each new millisecond its own text', () => {
		const isoTime = createAttemptTimestamps();
		const start = Date.parse('2026-05-01T10:00:00.000Z');
		expect([start, start + 1, start, start + 1000].map(isoTime)).toEqual([
			'2026-05-01T10:00:00.000Z',
			'2026-05-01T10:00:00.001Z',
			'2026-05-01T10:00:00.000Z',
			'2026-05-01T10:00:01.000Z',
		]);
	});

	it('agrees with Date for any sequence of times', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 8_640_000_000_000_000 }), { maxLength: 50 }), (times) => {
				const isoTime = createAttemptTimestamps();
				// Repeats included, as consecutive attempts in one millisecond are the usual case.
				const sequence = times.flatMap((epochMs) => [epochMs, epochMs]);
				expect(sequence.map(isoTime)).toEqual(sequence.map((epochMs) => new Date(epochMs).toISOString()));
			}),
		);
	});
});
