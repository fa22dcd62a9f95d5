import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { normaliseStaff } from '../../../../nodes/shared/fields/staff';
import { seed000Examples } from './seedExamples';

describe('staff (人员), seed 000', () => {
	it("reproduces the seed's example byte for byte, dropping other members", () => {
		const result = normaliseStaff({ name: '姓名', id: '员工ID', email: 'x@y.z' });
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.staff);
	});

	it('refuses a missing name, with the member named', () => {
		const result = normaliseStaff({ id: 'abc', name: '  ' });
		expect(!result.ok && toFieldErrors('submitter', result.problems, { nameZh: '人员', name: 'staff' })[0].message).toBe(
			"Field 'submitter.name' (人员 staff): expected the person's name, like 张三, received '  '",
		);
	});

	it('refuses a value that is not an object', () => {
		const result = normaliseStaff('张三');
		expect(!result.ok && result.problems).toEqual([{ path: '', expected: 'an object like {"id": "<Hesi staff id>", "name": "张三"}', received: '张三' }]);
	});
});
