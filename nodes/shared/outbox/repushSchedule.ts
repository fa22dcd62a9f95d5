/**
 * When a parked message is due again (seed 002's 补偿设置: "automatically push again X times, at
 * least 1 and at most 10; wait X minutes, at least 1 and at most 30, before pushing again").
 * Plain numbers in, epoch milliseconds out.
 */

const minute = 60_000;

/** Seed 002's bounds and the node's defaults. */
export const repushLimits = {
	maxRepushes: { min: 1, max: 10, default: 3 },
	intervalMinutes: { min: 1, max: 30, default: 5 },
	leaseMinutes: { min: 1, max: 1440, default: 5 },
	batchSize: { min: 1, max: 1000, default: 100 },
} as const;

/** With "Exponential", no wait grows beyond a day: a target that is down that long needs a person. */
export const exponentialCapMs = 24 * 60 * minute;

export interface RepushRule {
	/** The wait before the first re-push, in minutes (1 to 30). */
	intervalMinutes: number;
	/** Double the wait after every re-push (interval × 2^repushes), up to a day. */
	exponential: boolean;
}

export class RepushRuleError extends Error {}

function checkWhole(value: number, label: string, bounds: { min: number; max: number }): number {
	if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) {
		throw new RepushRuleError(`"${label}" is ${String(value)}: give a whole number from ${bounds.min} to ${bounds.max}`);
	}
	return value;
}

export function checkIntervalMinutes(value: number): number {
	return checkWhole(value, 'Interval (Minutes)', repushLimits.intervalMinutes);
}

export function checkMaxRepushes(value: number): number {
	return checkWhole(value, 'Max Re-pushes', repushLimits.maxRepushes);
}

export function checkBatchSize(value: number): number {
	return checkWhole(value, 'Batch Size', repushLimits.batchSize);
}

export function checkLeaseMinutes(value: number): number {
	return checkWhole(value, 'Lease (Minutes)', repushLimits.leaseMinutes);
}

/** The wait after `repushes` re-pushes: the interval, or with Exponential interval × 2^repushes (capped at a day). */
export function repushDelayMs(rule: RepushRule, repushes: number): number {
	const base = rule.intervalMinutes * minute;
	if (!rule.exponential) return base;
	const doublings = Math.max(0, Math.min(repushes, 30));
	return Math.min(base * 2 ** doublings, exponentialCapMs);
}

/**
 * When a message just parked is first due: after one interval, or when the delivery said its next
 * attempt is due (a hand-off's `nextAttemptAt`) if that is later.
 */
export function firstDueAt(rule: RepushRule, now: number, nextAttemptAt?: string | null): number {
	const afterInterval = now + repushDelayMs(rule, 0);
	const handOff = typeof nextAttemptAt === 'string' ? Date.parse(nextAttemptAt) : Number.NaN;
	return Number.isFinite(handOff) && handOff > afterInterval ? handOff : afterInterval;
}
