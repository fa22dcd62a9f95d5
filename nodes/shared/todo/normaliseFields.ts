/**
 * Reading the fields of an item for a TodoEvent: text, epoch-ms times, and the problem sentence when a
 * field is missing or of the wrong kind. Pure functions; the item is the JSON of one n8n item.
 */

export type Json = Record<string, unknown>;

/** A field that could not be read: the sentence the node fails the item with. */
export class FieldProblem extends Error {}

export interface NormaliseOptions {
	/**
	 * Offset from UTC, in minutes, of the OA's `yyyy-MM-dd HH:mm:ss` times, which carry no zone.
	 * Default 480: e-cology and E10 write China Standard Time (UTC+8).
	 */
	utcOffsetMinutes?: number;
	/** Epoch ms used where an item carries no time at all (a delete without a trigger stamp). Default: now. */
	now?: number;
}

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string, or a finite number as text (OA builds send ids as either); undefined when absent or empty. */
export function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** A text field that must be there: else a FieldProblem naming it and why it is needed. */
export function requiredText(item: Json, field: string, why: string): string {
	const value = text(item[field]);
	if (value !== undefined) return value;
	const given = item[field];
	if (given === undefined || given === null || given === '') throw new FieldProblem(`${field} is missing: ${why}`);
	throw new FieldProblem(`${field} is ${JSON.stringify(given)}, not a text or number: ${why}`);
}

const oaDateTime = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Epoch ms from a time as the sources send it: ms (number or digits: OFS `receivets`, Hesi dates),
 * the OA's `yyyy-MM-dd HH:mm:ss` in its zone, or ISO 8601 with a zone (Jiandaoyun `send_time`, the
 * trigger's `event.receivedAt`). Undefined when absent; a FieldProblem when present but unreadable.
 */
export function timeMs(value: unknown, field: string, options: NormaliseOptions): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (/^\d+$/.test(trimmed)) return Number(trimmed);
		const oa = oaDateTime.exec(trimmed);
		if (oa) {
			const [, y, mo, d, h = '0', mi = '0', s = '0'] = oa;
			const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
			const check = new Date(utc);
			if (check.getUTCDate() === Number(d) && check.getUTCMonth() === Number(mo) - 1) {
				return utc - (options.utcOffsetMinutes ?? 480) * 60_000;
			}
		} else if (/[zZ]$|[+-]\d{2}:?\d{2}$/.test(trimmed)) {
			const parsed = Date.parse(trimmed);
			if (!Number.isNaN(parsed)) return parsed;
		}
	}
	throw new FieldProblem(
		`${field} is ${JSON.stringify(value)}, not a time: expected epoch milliseconds, yyyy-MM-dd HH:mm:ss or an ISO 8601 time with its zone`,
	);
}

/** The `json.event` a trigger of this package adds to every item, if the item has one. */
export function triggerStamp(item: Json): { source: string; type?: string; receivedAt?: string } | undefined {
	const event = item.event;
	if (!isObject(event) || typeof event.source !== 'string') return undefined;
	return {
		source: event.source,
		...(typeof event.type === 'string' ? { type: event.type } : {}),
		...(typeof event.receivedAt === 'string' ? { receivedAt: event.receivedAt } : {}),
	};
}

/** When the trigger received the item, else `options.now`, else now. */
export function receivedMs(item: Json, options: NormaliseOptions): number {
	const stamp = triggerStamp(item);
	return timeMs(stamp?.receivedAt, 'event.receivedAt', options) ?? options.now ?? Date.now();
}
