import { describeReceived, fieldErrorMessage, nestFieldErrors, nestProblems, toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';

describe('field errors', () => {
	it('builds the message of the issue: field, Chinese and English type name, expected, received', () => {
		expect(fieldErrorMessage('amount', '金额 money', 'a number or numeric string like 10.00', 'ten')).toBe(
			"Field 'amount' (金额 money): expected a number or numeric string like 10.00, received 'ten'",
		);
	});

	it('leaves the brackets out when there is no label', () => {
		expect(fieldErrorMessage('op', undefined, 'an op', 'x')).toBe("Field 'op': expected an op, received 'x'");
	});

	it.each([
		[undefined, 'nothing'],
		[null, 'null'],
		['', "'' (empty text)"],
		[12.5, '12.5'],
		[false, 'false'],
		[10n, '10n'],
		[new Date(0), 'the Date 1970-01-01T00:00:00.000Z'],
		[new Date('x'), 'an invalid Date'],
		[[1, 2], 'the list [1,2]'],
		[{ a: 1 }, 'the object {"a":1}'],
		['x'.repeat(70), `'${'x'.repeat(60)}…'`],
	])('shows %p as %p', (value, shown) => {
		expect(describeReceived(value)).toBe(shown);
	});

	it('shows a Luxon DateTime by its ISO text', () => {
		const dateTime = { toMillis: () => 0, toString: () => '1970-01-01T08:00:00.000+08:00' };
		expect(describeReceived(dateTime)).toBe('the DateTime 1970-01-01T08:00:00.000+08:00');
	});

	it('shows an object that cannot be JSON without throwing', () => {
		const looped: Record<string, unknown> = {};
		looped.self = looped;
		expect(describeReceived(looped)).toBe('an object that cannot be shown as JSON');
	});

	it('names members of a field with dots and list positions with brackets', () => {
		const errors = toFieldErrors('jdy', nestProblems('to', nestProblems('[0]', [{ path: 'username', expected: 'a username', received: undefined }])), {
			nameZh: '被提醒人列表',
		});
		expect(errors).toEqual([
			{
				field: 'jdy.to[0].username',
				fieldNameZh: '被提醒人列表',
				expected: 'a username',
				received: undefined,
				message: "Field 'jdy.to[0].username' (被提醒人列表): expected a username, received nothing",
			},
		]);
	});

	it('nests field errors under a member, renaming the field in the message too', () => {
		const [error] = toFieldErrors('amount', [{ path: '', expected: 'a number', received: 'ten' }], { nameZh: '金额', name: 'money', type: 'money' });
		expect(nestFieldErrors('data', [error])).toEqual([
			{ ...error, field: 'data.amount', message: "Field 'data.amount' (金额 money): expected a number, received 'ten'" },
		]);
	});
});
