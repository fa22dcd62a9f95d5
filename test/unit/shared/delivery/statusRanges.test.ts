import {
	anyTwoHundred,
	describeStatusRanges,
	parseStatusRanges,
	seedSuccessStatuses,
	statusInRanges,
	statusRangesFromCodes,
} from '../../../../nodes/shared/delivery/statusRanges';

describe('status ranges', () => {
	it('offers the seed choices HTTP 200, 201 and 204', () => {
		expect([...seedSuccessStatuses]).toEqual([200, 201, 204]);
	});

	it('accepts exactly the chosen codes', () => {
		const ranges = statusRangesFromCodes([200, 204]);
		expect(statusInRanges(200, ranges)).toBe(true);
		expect(statusInRanges(204, ranges)).toBe(true);
		expect(statusInRanges(201, ranges)).toBe(false);
	});

	it('treats any 2xx as 200 to 299', () => {
		expect(statusInRanges(299, anyTwoHundred)).toBe(true);
		expect(statusInRanges(300, anyTwoHundred)).toBe(false);
		expect(statusInRanges(199, anyTwoHundred)).toBe(false);
	});

	it('parses a custom list of codes and ranges', () => {
		expect(parseStatusRanges('200-299, 302')).toEqual([
			{ from: 200, to: 299 },
			{ from: 302, to: 302 },
		]);
	});

	it('parses status families such as 2xx', () => {
		expect(parseStatusRanges('2xx 3XX')).toEqual([
			{ from: 200, to: 299 },
			{ from: 300, to: 399 },
		]);
	});

	it.each(['', 'abc', '99', '600', '299-200', '200-', '20x'])('rejects %j and names the bad part', (text) => {
		expect(() => parseStatusRanges(text)).toThrow(text === '' ? /No status codes/ : new RegExp(`"${text.replace(/[-]/g, '\\-')}"`));
	});

	it('describes ranges as a user writes them', () => {
		expect(describeStatusRanges(parseStatusRanges('200, 201-204'))).toBe('200, 201-204');
	});
});
