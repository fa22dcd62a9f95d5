import { normaliseBusinessObject } from '../../../../nodes/shared/fields/businessObject';
import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { seed000Examples } from './seedExamples';

describe('custom business object (自定义扩展业务对象), seed 000', () => {
	it("reproduces the seed's example byte for byte", () => {
		const result = normaliseBusinessObject({ id: 'x2y34', name: 'xxxx', code: 1234 });
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.businessObject);
	});

	it("writes a missing code as '' so the seed's three keys are always there", () => {
		expect(normaliseBusinessObject({ id: 'x', name: 'y' })).toEqual({ ok: true, value: { id: 'x', name: 'y', code: '' } });
	});

	it('refuses a missing id and name at once', () => {
		const result = normaliseBusinessObject({ code: '1' });
		expect(!result.ok && toFieldErrors('supplier', result.problems, { nameZh: '自定义扩展业务对象', name: 'businessObject' }).map((e) => e.message)).toEqual([
			"Field 'supplier.id' (自定义扩展业务对象 businessObject): expected a record id (text or number), received nothing",
			"Field 'supplier.name' (自定义扩展业务对象 businessObject): expected a record name, received nothing",
		]);
	});
});
