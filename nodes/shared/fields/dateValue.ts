import { z } from 'zod';

import { type FieldProblem, type Normalised, ok, problem } from './fieldProblem';
import { type ZonedClock, wallAsUtc } from './zonedTime';

/**
 * Date (日期) and date range (日期范围), seed 000 "支持字段": millisecond timestamps,
 * `1484498318241` and `{"from": 1484498318241, "to": 1484498318398}`.
 *
 * Accepted, and what is assumed (reported as `assumed`):
 * - a number or numeric text: below 1e11 it is seconds (1e11 s is the year 5138; 1e11 ms is
 *   1973-03-03), otherwise milliseconds; fractions are rounded to the millisecond;
 * - ISO 8601 text with `Z` or an offset (`2017-01-15T16:38:38.241Z`, `…+08:00`): exact;
 * - ISO 8601 text without an offset (`2017-01-15 16:38:38`, `2017-01-15`, `/` also allowed between
 *   the date parts): a wall time in the chosen time zone; a date alone is midnight there;
 * - a JavaScript Date;
 * - a Luxon DateTime (what n8n's `$now`, `DateTime.fromISO(…)` return): anything with `toMillis()`.
 */

export const dateExpectation =
	'a date: ISO 8601 text like 2017-01-15T16:38:38.241Z or 2017-01-15, a Date or DateTime, or a timestamp in seconds or milliseconds';

/** Numbers below this are seconds, at or above it milliseconds. */
export const secondsThreshold = 1e11;

/** JavaScript's Date range (±100,000,000 days). */
const maxEpochMs = 8.64e15;

const isoDateTime =
	/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const numericText = /^[+-]?\d+(?:\.\d+)?$/;

export interface DateOptions {
	/** The zone that ISO text without an offset is read in. */
	readonly clock: ZonedClock;
}

export const timestampSchema = z.number().int();
export const dateRangeOutputSchema = z.object({ from: timestampSchema, to: timestampSchema }).strict();

interface DateTimeLike {
	toMillis(): number;
	readonly isValid?: boolean;
	readonly invalidReason?: string | null;
}

function isDateTimeLike(value: unknown): value is DateTimeLike {
	return typeof value === 'object' && value !== null && typeof (value as DateTimeLike).toMillis === 'function';
}

function fromNumber(value: number, received: unknown): Normalised<number> {
	if (!Number.isFinite(value)) return problem(dateExpectation, received);
	const isSeconds = Math.abs(value) < secondsThreshold;
	const epochMs = Math.round(isSeconds ? value * 1000 : value);
	if (Math.abs(epochMs) > maxEpochMs) return problem(dateExpectation, received);
	// Normalise -0 (from rounding small negatives) to 0.
	const normalised = epochMs === 0 ? 0 : epochMs;
	return ok(normalised, isSeconds ? 'seconds (a number below 1e11 is read as seconds)' : 'milliseconds');
}

function fromText(text: string, received: unknown, options: DateOptions): Normalised<number> {
	const trimmed = text.trim();
	if (numericText.test(trimmed)) return fromNumber(Number(trimmed), received);
	const match = isoDateTime.exec(trimmed);
	if (!match) return problem(dateExpectation, received);
	const [, yearText, monthText, dayText, hourText, minuteText, secondText, fractionText, zoneText] = match;
	const wall = {
		year: Number(yearText),
		month: Number(monthText),
		day: Number(dayText),
		hour: hourText === undefined ? 0 : Number(hourText),
		minute: minuteText === undefined ? 0 : Number(minuteText),
		second: secondText === undefined ? 0 : Number(secondText),
		// A fraction like .9996 rounds to 1000 ms; Date arithmetic carries it into the next second.
		millisecond: fractionText === undefined ? 0 : Math.round(Number(`0.${fractionText}`) * 1000),
	};
	if (!isRealWallTime(wall)) return problem(`${dateExpectation} (this one names a day or time that does not exist)`, received);
	if (zoneText !== undefined) {
		const offsetMs = zoneOffsetMs(zoneText);
		return ok(wallAsUtc(wall) - offsetMs);
	}
	const epochMs = options.clock.toEpoch(wall);
	const assumed =
		hourText === undefined
			? `a date without a time is midnight in ${options.clock.timeZone}`
			: `a time without an offset is local time in ${options.clock.timeZone}`;
	return ok(epochMs, assumed);
}

function zoneOffsetMs(zone: string): number {
	if (zone === 'Z' || zone === 'z') return 0;
	const sign = zone[0] === '-' ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
	return sign * (hours * 60 + minutes) * 60_000;
}

function isRealWallTime(wall: { year: number; month: number; day: number; hour: number; minute: number; second: number }): boolean {
	if (wall.month < 1 || wall.month > 12 || wall.day < 1) return false;
	if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return false;
	return wall.day <= daysInMonth(wall.year, wall.month);
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
	if (month !== 2) return monthLengths[month - 1];
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return leap ? 29 : 28;
}

/** Any accepted date input → epoch milliseconds (an integer). */
export function normaliseDate(value: unknown, options: DateOptions): Normalised<number> {
	if (typeof value === 'number') return fromNumber(value, value);
	if (typeof value === 'string') return fromText(value, value, options);
	if (value instanceof Date) {
		const epochMs = value.getTime();
		return Number.isNaN(epochMs) ? problem(dateExpectation, value) : ok(epochMs);
	}
	if (isDateTimeLike(value)) {
		if (value.isValid === false) {
			return problem(`${dateExpectation} (this DateTime is invalid${value.invalidReason ? `: ${value.invalidReason}` : ''})`, value);
		}
		const epochMs = value.toMillis();
		return Number.isFinite(epochMs) ? ok(Math.round(epochMs)) : problem(dateExpectation, value);
	}
	return problem(dateExpectation, value);
}

export interface DateRange {
	from: number;
	to: number;
}

export const dateRangeExpectation = 'a date range: an object {from, to} (or {start, end}) or a list [from, to] of dates';

/**
 * `{from, to}` or `{start, end}` or `[from, to]`, each an accepted date, from ≤ to.
 * A date alone stands for midnight at the start of that day, for `to` as well.
 */
export function normaliseDateRange(value: unknown, options: DateOptions): Normalised<DateRange> {
	let fromInput: unknown;
	let toInput: unknown;
	let fromPath: string;
	let toPath: string;
	if (Array.isArray(value)) {
		if (value.length !== 2) return problem(dateRangeExpectation, value);
		[fromInput, toInput] = value;
		[fromPath, toPath] = ['[0]', '[1]'];
	} else if (typeof value === 'object' && value !== null && !(value instanceof Date) && !isDateTimeLike(value)) {
		const record = value as Record<string, unknown>;
		const useStartEnd = record.from === undefined && record.to === undefined && (record.start !== undefined || record.end !== undefined);
		fromInput = useStartEnd ? record.start : record.from;
		toInput = useStartEnd ? record.end : record.to;
		[fromPath, toPath] = useStartEnd ? ['start', 'end'] : ['from', 'to'];
	} else {
		return problem(dateRangeExpectation, value);
	}
	const from = normaliseDate(fromInput, options);
	const to = normaliseDate(toInput, options);
	const problems: FieldProblem[] = [];
	if (!from.ok) problems.push(...from.problems.map((p) => ({ ...p, path: fromPath })));
	if (!to.ok) problems.push(...to.problems.map((p) => ({ ...p, path: toPath })));
	if (!from.ok || !to.ok) return { ok: false, problems };
	if (from.value > to.value) {
		return problem('a date range whose start is not after its end (from ≤ to)', value);
	}
	const notes = [from.assumed && `from: ${from.assumed}`, to.assumed && `to: ${to.assumed}`].filter(Boolean).join('; ');
	return ok({ from: from.value, to: to.value }, notes || undefined);
}
