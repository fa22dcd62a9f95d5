import { alignHandOffTimes, describeSchedule, parseDuration, parseSchedule, svixSchedule } from '../../../../nodes/shared/delivery/handOffSchedule';

describe('hand-off schedule', () => {
	it("has Svix's waits after the immediate first attempt: 5s, 5m, 30m, 2h, 5h, 10h, 10h (docs.svix.com/retries)", () => {
		expect(describeSchedule(svixSchedule)).toBe('5s, 5m, 30m, 2h, 5h, 10h, 10h');
	});

	it('parses a custom list', () => {
		expect(parseSchedule('10s, 1m, 5m')).toEqual([10_000, 60_000, 300_000]);
	});

	it('reads ms, s, m, h, d and bare seconds', () => {
		expect(['250ms', '2', '1.5s', '1h', '1d'].map(parseDuration)).toEqual([250, 2000, 1500, 3_600_000, 86_400_000]);
	});

	it('names the part it cannot read', () => {
		expect(() => parseSchedule('10s, soon')).toThrow('"soon" is not a duration');
	});

	it('rejects an empty schedule', () => {
		expect(() => parseSchedule(' , ')).toThrow(/empty/);
	});
});

describe('alignHandOffTimes', () => {
	it("gives every item leaving by Retry the batch's latest nextAttemptAt, since the Wait node releases the batch at the first item's time", () => {
		const records = [
			{ status: 'retrying', nextAttemptAt: '2026-05-01T10:00:05.000Z' },
			{ status: 'succeeded', nextAttemptAt: null },
			{ status: 'retrying', nextAttemptAt: '2026-05-01T10:02:00.000Z' },
			{ status: 'failed', nextAttemptAt: null },
			{ status: 'retrying', nextAttemptAt: '2026-05-01T10:00:05.001Z' },
		];
		alignHandOffTimes(records);
		expect(records.map((record) => record.nextAttemptAt)).toEqual([
			'2026-05-01T10:02:00.000Z',
			null,
			'2026-05-01T10:02:00.000Z',
			null,
			'2026-05-01T10:02:00.000Z',
		]);
	});

	it('leaves a batch without hand-offs as it is', () => {
		const records = [{ status: 'succeeded', nextAttemptAt: null }];
		alignHandOffTimes(records);
		expect(records).toEqual([{ status: 'succeeded', nextAttemptAt: null }]);
	});
});
