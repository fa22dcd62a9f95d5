/**
 * Wall-clock time in an IANA time zone, on the platform's Intl (no date library): turn a local
 * date-time into epoch milliseconds and back. One `ZonedClock` holds one formatter; build it once
 * per execution (Intl formatters are expensive to create) and reuse it for every item.
 */

export interface WallTime {
	readonly year: number;
	/** 1-12 */
	readonly month: number;
	readonly day: number;
	readonly hour: number;
	readonly minute: number;
	readonly second: number;
	readonly millisecond: number;
}

export interface ZonedClock {
	readonly timeZone: string;
	/** Epoch ms of a local wall time in this zone. A time skipped by a DST gap moves forward by the gap; a repeated one is the earlier instant. */
	toEpoch(wall: WallTime): number;
	/** The wall time in this zone at an instant. */
	toWall(epochMs: number): WallTime;
	/** `yyyy-MM-dd HH:mm:ss` in this zone (the OFS date format, DESIGN §4). */
	formatDateTime(epochMs: number): string;
}

/** True when the platform knows the IANA zone name (`Asia/Shanghai`, `UTC`, …). */
export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}

/**
 * A formatter of an instant's wall-clock parts (year to second, 24-hour) in `timeZone`; throws
 * Intl's RangeError on a zone the platform does not know (callers say it in their own words).
 */
export function wallClockFormat(timeZone: string, digits: 'numeric' | '2-digit'): Intl.DateTimeFormat {
	return new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: digits, day: digits, hour: digits, minute: digits, second: digits });
}

/** A clock for `timeZone`; throws a RangeError naming the zone when the platform does not know it. */
export function createZonedClock(timeZone: string): ZonedClock {
	let formatter: Intl.DateTimeFormat;
	try {
		formatter = wallClockFormat(timeZone, 'numeric');
	} catch {
		throw new RangeError(`Unknown time zone '${timeZone}': use an IANA name like Asia/Shanghai, Europe/Berlin or UTC`);
	}
	const resolvedZone = formatter.resolvedOptions().timeZone;
	const isUtc = resolvedZone === 'UTC' || resolvedZone === 'Etc/UTC' || resolvedZone === 'Etc/GMT';

	const toWall = (epochMs: number): WallTime => {
		if (isUtc) return utcWall(epochMs);
		const wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
		for (const part of formatter.formatToParts(epochMs)) {
			if (part.type in wall) wall[part.type as keyof typeof wall] = Number(part.value);
		}
		return { ...wall, millisecond: ((epochMs % 1000) + 1000) % 1000 };
	};

	/** Offset of the zone from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
	const offsetAt = (epochMs: number): number => {
		const wall = toWall(epochMs);
		return wallAsUtc(wall) - epochMs;
	};

	// Offsets of local days with no transition near, by yyyymmdd: most items of a batch share a
	// handful of days, and each Intl lookup costs microseconds. Owned by this clock, bounded.
	const stableOffsets = new Map<number, number>();

	const toEpoch = (wall: WallTime): number => {
		const asUtc = wallAsUtc(wall);
		if (isUtc) return asUtc;
		const dayKey = wall.year * 10_000 + wall.month * 100 + wall.day;
		const cached = stableOffsets.get(dayKey);
		if (cached !== undefined) return asUtc - cached;
		// Offsets two days either side bracket at most one transition (zones change offset a few
		// times a year at most). Equal: no transition near this day, the common case.
		const offsetBefore = offsetAt(asUtc - transitionWindowMs);
		const offsetAfter = offsetAt(asUtc + transitionWindowMs);
		if (offsetBefore === offsetAfter) {
			if (stableOffsets.size >= maxCachedDays) stableOffsets.clear();
			stableOffsets.set(dayKey, offsetBefore);
			return asUtc - offsetBefore;
		}
		const beforeFits = offsetAt(asUtc - offsetBefore) === offsetBefore;
		const afterFits = offsetAt(asUtc - offsetAfter) === offsetAfter;
		// Overlap (clocks went back): the wall time happened twice; take the first.
		if (beforeFits && afterFits) return Math.min(asUtc - offsetBefore, asUtc - offsetAfter);
		if (beforeFits) return asUtc - offsetBefore;
		if (afterFits) return asUtc - offsetAfter;
		// Gap (clocks went forward): the wall time never happened; read with the old offset it lands
		// as far after the jump as it was after the last valid minute (02:30 → 03:30).
		return asUtc - offsetBefore;
	};

	return {
		timeZone: resolvedZone,
		toEpoch,
		toWall,
		formatDateTime(epochMs: number): string {
			const w = toWall(epochMs);
			return `${pad(w.year, 4)}-${pad(w.month, 2)}-${pad(w.day, 2)} ${pad(w.hour, 2)}:${pad(w.minute, 2)}:${pad(w.second, 2)}`;
		},
	};
}

const transitionWindowMs = 2 * 86_400_000;
const maxCachedDays = 4096;

/** The epoch ms a wall time would be if it were UTC. */
export function wallAsUtc(wall: WallTime): number {
	// Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not.
	if (wall.year >= 100) return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
	const date = new Date(0);
	date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
	date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
	return date.getTime();
}

function utcWall(epochMs: number): WallTime {
	const date = new Date(epochMs);
	return {
		year: date.getUTCFullYear(),
		month: date.getUTCMonth() + 1,
		day: date.getUTCDate(),
		hour: date.getUTCHours(),
		minute: date.getUTCMinutes(),
		second: date.getUTCSeconds(),
		millisecond: date.getUTCMilliseconds(),
	};
}

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}
