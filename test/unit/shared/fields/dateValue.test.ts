import fc from 'fast-check';

import { dateRangeOutputSchema, normaliseDate, normaliseDateRange } from '../../../../nodes/shared/fields/dateValue';
import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { createZonedClock } from '../../../../nodes/shared/fields/zonedTime';
import { shanghai, utc } from './clock';
import { seed000Examples } from './seedExamples';

const seedMs = 1484498318241; // seed 000, 日期: "字段名": 1484498318241 = 2017-01-15T16:38:38.241Z

function ms(result: ReturnType<typeof normaliseDate>) {
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.value;
}

function message(result: ReturnType<typeof normaliseDate | typeof normaliseDateRange>, field = 'submitDate', names = { nameZh: '日期', name: 'date' }) {
	if (result.ok) throw new Error('expected a failure');
	return toFieldErrors(field, result.problems, names).map((error) => error.message);
}

describe('date (日期), seed 000', () => {
	it("reproduces the seed's example byte for byte from its ISO text", () => {
		expect(JSON.stringify(ms(normaliseDate('2017-01-15T16:38:38.241Z', shanghai)))).toBe(seed000Examples.date);
	});

	it('passes a millisecond timestamp through and says so', () => {
		expect(normaliseDate(seedMs, shanghai)).toEqual({ ok: true, value: seedMs, assumed: 'milliseconds' });
	});

	it('reads a number below 1e11 as seconds and says so', () => {
		expect(normaliseDate(1484498318.241, shanghai)).toEqual({
			ok: true,
			value: seedMs,
			assumed: 'seconds (a number below 1e11 is read as seconds)',
		});
	});

	it('reads numeric text by the same rule', () => {
		expect(ms(normaliseDate('1484498318', shanghai))).toBe(1484498318000);
		expect(ms(normaliseDate('1484498318241', shanghai))).toBe(seedMs);
	});

	it('reads ISO text with an offset exactly', () => {
		expect(ms(normaliseDate('2017-01-16T00:38:38.241+08:00', utc))).toBe(seedMs);
		expect(ms(normaliseDate('2017-01-16T00:38:38.241+0800', utc))).toBe(seedMs);
		expect(ms(normaliseDate('2017-01-15T11:38:38.241-05', utc))).toBe(seedMs);
	});

	it('reads a date without a time as midnight in the chosen time zone, and says so', () => {
		expect(normaliseDate('2017-01-15', shanghai)).toEqual({
			ok: true,
			value: Date.UTC(2017, 0, 14, 16),
			assumed: 'a date without a time is midnight in Asia/Shanghai',
		});
		expect(ms(normaliseDate('2017/1/15', utc))).toBe(Date.UTC(2017, 0, 15));
	});

	it('reads a date-time without an offset as local time in the chosen zone', () => {
		expect(normaliseDate('2017-01-16 00:38:38.241', shanghai)).toEqual({
			ok: true,
			value: seedMs,
			assumed: 'a time without an offset is local time in Asia/Shanghai',
		});
	});

	it('takes a Date as it is', () => {
		expect(normaliseDate(new Date(seedMs), shanghai)).toEqual({ ok: true, value: seedMs });
	});

	it("takes a Luxon DateTime (n8n's $now) through its toMillis()", () => {
		const dateTime = { isValid: true, toMillis: () => seedMs, toISO: () => '2017-01-15T16:38:38.241Z' };
		expect(normaliseDate(dateTime, shanghai)).toEqual({ ok: true, value: seedMs });
	});

	it('refuses an invalid DateTime with its reason', () => {
		const dateTime = { isValid: false, invalidReason: 'unparsable', toMillis: () => Number.NaN };
		expect(message(normaliseDate(dateTime, shanghai))[0]).toContain('(this DateTime is invalid: unparsable)');
	});

	it('refuses text that is not a date, with the field named', () => {
		expect(message(normaliseDate('next tuesday', shanghai))).toEqual([
			"Field 'submitDate' (日期 date): expected a date: ISO 8601 text like 2017-01-15T16:38:38.241Z or 2017-01-15, a Date or DateTime, or a timestamp in seconds or milliseconds, received 'next tuesday'",
		]);
	});

	it.each([['2017-02-30'], ['2017-13-01'], ['2017-01-15T24:00:00'], ['2017-01-15T12:60']])('refuses the impossible date %s', (text) => {
		expect(message(normaliseDate(text, shanghai))[0]).toContain('(this one names a day or time that does not exist)');
	});

	it.each([[Number.NaN], [Infinity], [true], [null], [{}], [new Date('x')], [9e15]])('refuses %p', (input) => {
		expect(normaliseDate(input, shanghai).ok).toBe(false);
	});

	it('accepts 29 February in a leap year only', () => {
		expect(normaliseDate('2024-02-29', utc).ok).toBe(true);
		expect(normaliseDate('2023-02-29', utc).ok).toBe(false);
		expect(normaliseDate('2000-02-29', utc).ok).toBe(true);
		expect(normaliseDate('1900-02-29', utc).ok).toBe(false);
	});
});

describe('date range (日期范围), seed 000', () => {
	it("reproduces the seed's example byte for byte", () => {
		const result = normaliseDateRange({ from: 1484498318241, to: 1484498318398 }, shanghai);
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.dateRange);
	});

	it('accepts [from, to] and {start, end} of any date inputs', () => {
		const expected = { from: Date.UTC(2017, 0, 15), to: Date.UTC(2017, 0, 16) };
		expect(normaliseDateRange(['2017-01-15', '2017-01-16T00:00:00Z'], utc)).toMatchObject({ ok: true, value: expected });
		expect(normaliseDateRange({ start: new Date(expected.from), end: expected.to / 1000 }, utc)).toMatchObject({ ok: true, value: expected });
	});

	it('refuses a range that ends before it starts', () => {
		expect(message(normaliseDateRange({ from: 2000, to: 1000 }, shanghai), 'trip', { nameZh: '日期范围', name: 'dateRange' })).toEqual([
			"Field 'trip' (日期范围 dateRange): expected a date range whose start is not after its end (from ≤ to), received the object {\"from\":2000,\"to\":1000}",
		]);
	});

	it('names the bad end of a range', () => {
		expect(message(normaliseDateRange({ from: '2017-01-15', to: 'soon' }, shanghai), 'trip', { nameZh: '日期范围', name: 'dateRange' })[0]).toMatch(
			/^Field 'trip\.to' \(日期范围 dateRange\): expected a date: .*, received 'soon'$/,
		);
	});

	it('refuses a value that is not a range', () => {
		expect(normaliseDateRange('2017-01-15', shanghai).ok).toBe(false);
		expect(normaliseDateRange([1], shanghai).ok).toBe(false);
	});
});

describe('date properties', () => {
	const instant = fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map((seconds) => seconds * 1000 + 7);

	it('reads back the ISO text of any instant as that instant', () => {
		fc.assert(
			fc.property(instant, (epochMs) => {
				expect(ms(normaliseDate(new Date(epochMs).toISOString(), shanghai))).toBe(epochMs);
			}),
		);
	});

	it('reads any millisecond timestamp from 1e11 on unchanged, and seconds as 1000 × seconds', () => {
		fc.assert(
			fc.property(fc.integer({ min: 100_000_000, max: 2_147_483_647 }), (seconds) => {
				expect(ms(normaliseDate(seconds, shanghai))).toBe(seconds * 1000);
				expect(ms(normaliseDate(seconds * 1000 + 1, shanghai))).toBe(seconds * 1000 + 1);
			}),
		);
	});

	it('reads the local wall time of any instant, in any zone, back as that instant (outside repeated hours)', () => {
		const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'].map(createZonedClock);
		fc.assert(
			fc.property(instant, fc.constantFrom(...zones), (epochMs, clock) => {
				const wall = clock.toWall(epochMs);
				const text = clock.formatDateTime(epochMs) + `.${String(wall.millisecond).padStart(3, '0')}`;
				const read = ms(normaliseDate(text, { clock }));
				// In a repeated hour (clocks going back) the earlier of the two instants is chosen.
				expect([epochMs, epochMs - 3_600_000, epochMs - 1_800_000]).toContain(read);
				expect(clock.formatDateTime(read)).toBe(clock.formatDateTime(epochMs));
			}),
		);
	});

	it('always writes a range the seed schema accepts, with from ≤ to', () => {
		fc.assert(
			fc.property(instant, instant, (a, b) => {
				const result = normaliseDateRange([Math.min(a, b), Math.max(a, b)].map((value) => new Date(value)), shanghai);
				expect(result.ok && dateRangeOutputSchema.safeParse(result.value).success).toBe(true);
			}),
		);
	});
});
