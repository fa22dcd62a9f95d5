/**
 * Long retry schedules leave the node: an item whose in-node retries are used up goes out by the
 * Retry output with `delivery.nextAttemptAt`, waits in n8n's Wait node, and comes back. The schedule
 * lists those waits, one per hand-off, so waits of hours cost no memory or worker time.
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/**
 * Svix's schedule (docs.svix.com/retries): immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and
 * 10 h after the previous attempt. "Immediately" is the item's first run through the node, so the
 * hand-off waits are the seven that follow.
 */
export const svixSchedule: readonly number[] = [5 * second, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour];

const unitMs: Record<string, number> = { ms: 1, s: second, m: minute, h: hour, d: 24 * hour };

/** `500ms`, `10s`, `5m`, `2h`, `1d`; a bare number is seconds. Throws an Error naming the bad part. */
export function parseDuration(text: string): number {
	const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(text.trim());
	if (!match) throw new Error(`"${text}" is not a duration: use forms like "30s", "5m", "2h" or "1d"`);
	return Math.round(Number(match[1]) * unitMs[(match[2] ?? 's').toLowerCase()]);
}

/** `10s, 1m, 5m` → waits in ms. Throws an Error when the list is empty or a part is unreadable. */
export function parseSchedule(text: string): number[] {
	const parts = text.split(/[,;\s]+/).filter((part) => part !== '');
	if (parts.length === 0) throw new Error('The schedule is empty: list waits such as "10s, 1m, 5m"');
	return parts.map(parseDuration);
}

/** `5s, 5m, 30m`: a schedule as a user would write it. */
export function describeSchedule(schedule: readonly number[]): string {
	return schedule
		.map((ms) => {
			for (const [unit, size] of [['d', 24 * hour], ['h', hour], ['m', minute], ['s', second]] as const) {
				if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
			}
			return `${ms}ms`;
		})
		.join(', ');
}
