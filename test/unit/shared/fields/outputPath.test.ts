import { FieldLayoutError } from '../../../../nodes/shared/fields/fieldLayoutError';
import { assignPath, planOutputPaths } from '../../../../nodes/shared/fields/outputPath';

describe('output paths', () => {
	it('splits dotted names into nested paths', () => {
		expect(planOutputPaths(['amount', 'payee.account.cardNo'], true)).toEqual([['amount'], ['payee', 'account', 'cardNo']]);
	});

	it('keeps dotted names as one key without dot notation', () => {
		expect(planOutputPaths(['a.b'], false)).toEqual([['a.b']]);
	});

	it('builds nested objects and shares parents', () => {
		const body: Record<string, unknown> = {};
		assignPath(body, ['a', 'b'], 1);
		assignPath(body, ['a', 'c'], 2);
		assignPath(body, ['d'], 3);
		expect(body).toEqual({ a: { b: 1, c: 2 }, d: 3 });
	});

	it.each([
		[['amount', ' '], 'Field 2 has no output name'],
		[['a..b'], "Field 1 ('a..b') has an empty part between dots"],
		[['.a'], "Field 1 ('.a') has an empty part between dots"],
		[['x', 'x'], "Fields 1 and 2 both write 'x'"],
		[['amount.currency', 'amount'], "Field 1 ('amount.currency') writes inside field 2 ('amount'), which holds a value"],
		[['a.__proto__.b'], "Field 1 ('a.__proto__.b') uses the reserved name '__proto__'"],
	])('refuses the names %p: %s', (names, message) => {
		expect(() => planOutputPaths(names, true)).toThrow(new FieldLayoutError(message, 0, ''));
	});

	it('says which field is wrong and how to fix it', () => {
		try {
			planOutputPaths(['a', 'a'], true);
			throw new Error('no error');
		} catch (error) {
			expect(error).toBeInstanceOf(FieldLayoutError);
			expect((error as FieldLayoutError).fieldIndex).toBe(1);
			expect((error as FieldLayoutError).hint).toBe('Give each field its own output name');
		}
	});
});
