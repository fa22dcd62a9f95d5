import { checkIntervalMinutes, checkMaxRepushes, exponentialCapMs, firstDueAt, repushDelayMs } from '../../../../nodes/shared/outbox/repushSchedule';

const minute = 60_000;
const now = Date.parse('2026-12-01T08:00:00Z');

describe('repushDelayMs', () => {
	it('waits the interval after every re-push by default', () => {
		expect([0, 1, 5].map((repushes) => repushDelayMs({ intervalMinutes: 5, exponential: false }, repushes))).toEqual([5 * minute, 5 * minute, 5 * minute]);
	});

	it('doubles the wait after every re-push with Exponential', () => {
		expect([0, 1, 2, 3].map((repushes) => repushDelayMs({ intervalMinutes: 5, exponential: true }, repushes) / minute)).toEqual([5, 10, 20, 40]);
	});

	it('never waits longer than a day with Exponential', () => {
		expect(repushDelayMs({ intervalMinutes: 30, exponential: true }, 10)).toBe(exponentialCapMs);
		expect(repushDelayMs({ intervalMinutes: 30, exponential: true }, 1000)).toBe(exponentialCapMs);
	});
});

describe('firstDueAt', () => {
	it('is one interval from now', () => {
		expect(firstDueAt({ intervalMinutes: 5, exponential: false }, now)).toBe(now + 5 * minute);
	});

	it("keeps a hand-off's next attempt when it is later", () => {
		const later = new Date(now + 60 * minute).toISOString();
		expect(firstDueAt({ intervalMinutes: 5, exponential: false }, now, later)).toBe(now + 60 * minute);
	});

	it("ignores a hand-off's next attempt that is sooner or unreadable", () => {
		expect(firstDueAt({ intervalMinutes: 5, exponential: false }, now, new Date(now + minute).toISOString())).toBe(now + 5 * minute);
		expect(firstDueAt({ intervalMinutes: 5, exponential: false }, now, 'soon')).toBe(now + 5 * minute);
	});
});

describe("seed 002's bounds", () => {
	it('takes 1 to 10 re-pushes and 1 to 30 minutes', () => {
		expect(checkMaxRepushes(10)).toBe(10);
		expect(checkIntervalMinutes(1)).toBe(1);
		expect(() => checkMaxRepushes(11)).toThrow('"Max Re-pushes" is 11: give a whole number from 1 to 10');
		expect(() => checkIntervalMinutes(0)).toThrow('"Interval (Minutes)" is 0: give a whole number from 1 to 30');
		expect(() => checkIntervalMinutes(2.5)).toThrow('"Interval (Minutes)" is 2.5');
	});
});
