import { wallClockFormat } from '../../fields/zonedTime';
import type { TargetSettings } from '../types';

/**
 * OFS and Landray take times as `yyyy-MM-dd HH:mm:ss` wall-clock text with no zone (OFS
 * `createdatetime`, Landray `createTime`): the receiving OA reads them in its own zone, so the node
 * asks for that zone (default Asia/Shanghai, where e-cology and EKP run) and we format in it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		try {
			formatter = wallClockFormat(timeZone, '2-digit');
		} catch {
			throw new Error(`"${timeZone}" is not a time zone: use an IANA name such as Asia/Shanghai or UTC`);
		}
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

export const defaultTimeZone = 'Asia/Shanghai';

/** The target's Time Zone option, or the default when it is not set. */
export function targetTimeZone(target: TargetSettings): string {
	const zone = target.options.timeZone;
	return typeof zone === 'string' && zone !== '' ? zone : defaultTimeZone;
}

/** `2026-05-01 18:00:00` for 2026-05-01T10:00:00Z in Asia/Shanghai. Throws on an unknown zone or an invalid time. */
export function formatLocalDateTime(epochMs: number, timeZone: string = defaultTimeZone): string {
	if (!Number.isFinite(epochMs)) throw new Error(`${epochMs} is not a time`);
	const parts: Record<string, string> = {};
	for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
