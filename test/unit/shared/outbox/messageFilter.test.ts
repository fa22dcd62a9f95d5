import { isEmptyFilter, listOf, messageFilterOf } from '../../../../nodes/shared/outbox/messageFilter';

describe('listOf', () => {
	it('splits on commas and lines, trims, and drops empties and repeats', () => {
		expect(listOf(' a, b\nc,,a ')).toEqual(['a', 'b', 'c']);
		expect(listOf(['a', 'b, c', 7])).toEqual(['a', 'b', 'c', '7']);
		expect(listOf(undefined)).toEqual([]);
	});
});

describe('messageFilterOf', () => {
	it('reads a target as the delivery record writes it: a bare address with or without its slash finds the same rows', () => {
		expect(messageFilterOf({ targets: 'http://127.0.0.1:8080, https://portal.example.com/, https://erp.example.com/hook?token=x, not a url' }).targets).toEqual([
			'http://127.0.0.1:8080/',
			'https://portal.example.com/',
			'https://erp.example.com/hook',
			'not a url',
		]);
	});

	it('turns the form into a store filter', () => {
		expect(
			messageFilterOf({
				statuses: ['failed', 'no_response'],
				events: 'flow.approved',
				receivers: 'zhangsan, lisi',
				flowIds: '',
				updatedFrom: '2026-12-01T00:00:00+08:00',
				updatedTo: '2026-12-02T00:00:00+08:00',
				queued: 'queued',
			}),
		).toEqual({
			statuses: ['failed', 'no_response'],
			events: ['flow.approved'],
			receivers: ['zhangsan', 'lisi'],
			updatedFrom: Date.parse('2026-11-30T16:00:00Z'),
			updatedTo: Date.parse('2026-12-01T16:00:00Z'),
			queued: true,
		});
	});

	it('reads Not Queued as queued false and Any as no condition', () => {
		expect(messageFilterOf({ queued: 'notQueued' })).toEqual({ queued: false });
		expect(messageFilterOf({ queued: 'any' })).toEqual({});
	});

	it('refuses a status that is not a push status', () => {
		expect(() => messageFilterOf({ statuses: ['success'] })).toThrow('"Status" has "success", which is not a push status');
	});

	it('refuses a time range that is empty', () => {
		expect(() => messageFilterOf({ updatedFrom: '2026-12-02', updatedTo: '2026-12-01' })).toThrow('"Updated From" is not before "Updated Before"');
	});
});

describe('isEmptyFilter', () => {
	it('is true only for a filter without any condition', () => {
		expect(isEmptyFilter({})).toBe(true);
		expect(isEmptyFilter({ messageIds: [] })).toBe(true);
		expect(isEmptyFilter({ queued: false })).toBe(false);
		expect(isEmptyFilter({ statuses: ['failed'] })).toBe(false);
	});
});
