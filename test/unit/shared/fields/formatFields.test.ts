import { FieldLayoutError } from '../../../../nodes/shared/fields/fieldLayoutError';
import { compileFields, formatFields, isEmptyValue } from '../../../../nodes/shared/fields/formatFields';
import { shanghai } from './clock';

const withNotes = { ...shanghai, collectNotes: true };
import { seed000Examples } from './seedExamples';

describe('formatting a list of fields', () => {
	it('builds the Hesi body from typed fields, nesting dotted names', () => {
		const compiled = compileFields([
			{ name: 'flowId', type: 'text' },
			{ name: 'submitDate', type: 'date' },
			{ name: 'expense.amount', type: 'money', settings: { currency: 'CNY', foreignCurrency: 'USD', exchangeRate: '6.88' } },
			{ name: 'expense.urgent', type: 'switch' },
		]);
		const result = formatFields(compiled, ['ID01', '2017-01-15T16:38:38.241Z', '10', '否'], shanghai);
		expect(result.ok && JSON.stringify(result.body)).toBe(
			`{"flowId":"ID01","submitDate":${seed000Examples.date},"expense":{"amount":${seed000Examples.money},"urgent":false}}`,
		);
	});

	it('lists every bad field of an item, each with its own message', () => {
		const compiled = compileFields([
			{ name: 'amount', type: 'money' },
			{ name: 'count', type: 'number' },
			{ name: 'urgent', type: 'switch' },
		]);
		const result = formatFields(compiled, ['ten', 3, 'maybe'], shanghai);
		expect(result).toEqual({
			ok: false,
			errors: [
				{
					field: 'amount',
					fieldNameZh: '金额',
					type: 'money',
					expected: 'a number or numeric string like 10.00',
					received: 'ten',
					message: "Field 'amount' (金额 money): expected a number or numeric string like 10.00, received 'ten'",
				},
				{
					field: 'urgent',
					fieldNameZh: '开关',
					type: 'switch',
					expected: 'true or false (also "true"/"false", 1/0, "1"/"0", 是/否)',
					received: 'maybe',
					message: 'Field \'urgent\' (开关 switch): expected true or false (also "true"/"false", 1/0, "1"/"0", 是/否), received \'maybe\'',
				},
			],
		});
	});

	it('fails an empty required field and leaves out an empty optional one', () => {
		const compiled = compileFields([
			{ name: 'due', type: 'date' },
			{ name: 'note', type: 'text', required: false },
			{ name: 'count', type: 'number', required: false },
		]);
		expect(formatFields(compiled, [' ', null, ''], shanghai)).toMatchObject({ ok: false, errors: [{ field: 'due', received: ' ' }] });
		expect(formatFields(compiled, [1000, undefined, ''], withNotes)).toEqual({
			ok: true,
			body: { due: 1000000 },
			notes: [{ field: 'due', assumed: 'seconds (a number below 1e11 is read as seconds)' }],
		});
	});

	it("treats '' as a value for text and as empty for other types", () => {
		expect(isEmptyValue('', 'text')).toBe(false);
		expect(isEmptyValue('', 'number')).toBe(true);
		expect(isEmptyValue(0, 'number')).toBe(false);
		expect(isEmptyValue(false, 'switch')).toBe(false);
	});

	it('fills an empty actionName from the action of the same item (seed 000: 被驳回 for flow.rejected)', () => {
		const compiled = compileFields([
			{ name: 'actionName', type: 'actionName' },
			{ name: 'action', type: 'action' },
		]);
		expect(formatFields(compiled, ['', 'flow.rejected'], withNotes)).toEqual({
			ok: true,
			body: { actionName: '被驳回', action: 'flow.rejected' },
			notes: [{ field: 'actionName', assumed: 'filled from action flow.rejected' }],
		});
		expect(formatFields(compiled, ['自定义名称', 'flow.rejected'], shanghai)).toMatchObject({ ok: true, body: { actionName: '自定义名称' } });
	});

	it('fails an empty actionName when the item has no action to fill it from', () => {
		const compiled = compileFields([
			{ name: 'actionName', type: 'actionName' },
			{ name: 'action', type: 'action', required: false },
		]);
		expect(formatFields(compiled, ['', ''], shanghai)).toMatchObject({ ok: false, errors: [{ field: 'actionName' }] });
	});

	it('collects no notes unless asked', () => {
		const compiled = compileFields([{ name: 'due', type: 'date' }]);
		expect(formatFields(compiled, [1000], shanghai)).toEqual({ ok: true, body: { due: 1000000 }, notes: [] });
	});

	it('refuses an unknown type as a layout error naming the field and the types', () => {
		expect(() => compileFields([{ name: 'x', type: 'currency' }])).toThrow(FieldLayoutError);
		expect(() => compileFields([{ name: 'x', type: 'currency' }])).toThrow("Field 1 ('x') has an unknown type 'currency'");
	});

	it('lists the types for an unknown type as the Type dropdown shows them, not by their internal keys', () => {
		let hint = '';
		try {
			compileFields([{ name: 'x', type: 'currency' }]);
		} catch (error) {
			hint = (error as FieldLayoutError).hint;
		}
		expect(hint).toContain('"Type"');
		expect(hint).toContain('Money (金额)');
		expect(hint).toContain('Custom Dimension (Multiple) (自定义档案（多选）)');
		expect(hint).not.toContain('multiDimension');
		expect(hint).not.toContain('businessObject');
	});

	it('keeps dotted names flat without dot notation', () => {
		const compiled = compileFields([{ name: 'a.b', type: 'text' }], { dotNotation: false });
		expect(formatFields(compiled, ['x'], shanghai)).toMatchObject({ ok: true, body: { 'a.b': 'x' } });
	});

	it('formats items independently with one compiled layout', () => {
		const compiled = compileFields([{ name: 'amount', type: 'money' }]);
		const bodies = [1, 'x', 2.5].map((amount) => formatFields(compiled, [amount], shanghai));
		expect(bodies.map((result) => result.ok)).toEqual([true, false, true]);
		expect(bodies[2]).toMatchObject({ body: { amount: { amount: '2.50' } } });
	});
});
