import { createZonedClock, isValidTimeZone } from '../../../../nodes/shared/fields/zonedTime';

const wall = (text: string) => {
	const [date, time] = text.split(' ');
	const [year, month, day] = date.split('-').map(Number);
	const [hour, minute, second] = time.split(':').map(Number);
	return { year, month, day, hour, minute, second, millisecond: 0 };
};

describe('zoned clock', () => {
	it('formats an instant as yyyy-MM-dd HH:mm:ss wall time in its zone', () => {
		expect(createZonedClock('Asia/Shanghai').formatDateTime(Date.UTC(2023, 11, 31, 16, 5, 9))).toBe('2024-01-01 00:05:09');
		expect(createZonedClock('UTC').formatDateTime(Date.UTC(2023, 11, 31, 16, 5, 9))).toBe('2023-12-31 16:05:09');
	});

	it('moves a wall time skipped by a DST gap forward by the gap (New York, 2024-03-10 02:30 → 03:30 EDT)', () => {
		expect(new Date(createZonedClock('America/New_York').toEpoch(wall('2024-03-10 02:30:00'))).toISOString()).toBe('2024-03-10T07:30:00.000Z');
	});

	it('takes the earlier instant of a repeated wall time (New York, 2024-11-03 01:30 → EDT)', () => {
		expect(new Date(createZonedClock('America/New_York').toEpoch(wall('2024-11-03 01:30:00'))).toISOString()).toBe('2024-11-03T05:30:00.000Z');
	});

	it('reads wall times either side of a transition with their own offset', () => {
		const berlin = createZonedClock('Europe/Berlin');
		expect(berlin.toEpoch(wall('2024-03-31 01:59:59'))).toBe(Date.UTC(2024, 2, 31, 0, 59, 59));
		expect(berlin.toEpoch(wall('2024-03-31 03:00:00'))).toBe(Date.UTC(2024, 2, 31, 1, 0, 0));
		expect(berlin.toEpoch(wall('2024-07-01 12:00:00'))).toBe(Date.UTC(2024, 6, 1, 10));
		expect(berlin.toEpoch(wall('2024-12-01 12:00:00'))).toBe(Date.UTC(2024, 11, 1, 11));
	});

	it('reads a date of the years 0-99 as those years, not 1900-1999', () => {
		expect(new Date(createZonedClock('UTC').toEpoch(wall('0050-06-01 00:00:00'))).getUTCFullYear()).toBe(50);
	});

	it('refuses an unknown zone, naming it', () => {
		expect(() => createZonedClock('Mars/Olympus')).toThrow("Unknown time zone 'Mars/Olympus': use an IANA name like Asia/Shanghai, Europe/Berlin or UTC");
		expect(isValidTimeZone('Mars/Olympus')).toBe(false);
		expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
	});
});
