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

/**
 * How long an item that comes back from the Wait node before its `nextAttemptAt` is held in the
 * node before its attempt (timers fire a little early, clocks of queue-mode processes differ, a
 * Wait node may be set up to release a batch too soon). An item more than this early is not held:
 * it goes out by Retry again, unchanged and without an attempt, to wait for its time.
 */
export const earlyReturnHoldLimitMs = minute;

/**
 * n8n's Wait node reads its time from the first item and releases the whole batch then: every
 * item leaving by Retry in one run is given the latest `nextAttemptAt` among them, so no item goes
 * out before its own time. Changes the records in place.
 */
export function alignHandOffTimes(records: ReadonlyArray<{ status: string; nextAttemptAt: string | null }>): void {
	let latest: string | null = null;
	let latestMs = -Infinity;
	for (const record of records) {
		if (record.status !== 'retrying' || record.nextAttemptAt === null) continue;
		const due = Date.parse(record.nextAttemptAt);
		if (due > latestMs) {
			latestMs = due;
			latest = record.nextAttemptAt;
		}
	}
	if (latest === null) return;
	for (const record of records as Array<{ status: string; nextAttemptAt: string | null }>) {
		if (record.status === 'retrying') record.nextAttemptAt = latest;
	}
}

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
