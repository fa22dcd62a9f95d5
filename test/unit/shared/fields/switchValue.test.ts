import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { normaliseSwitch } from '../../../../nodes/shared/fields/switchValue';
import { seed000Examples } from './seedExamples';

describe('switch (开关), seed 000', () => {
	it("reproduces the seed's example byte for byte", () => {
		const result = normaliseSwitch(true);
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.switch);
	});

	it.each([
		[true, true],
		[false, false],
		['true', true],
		['false', false],
		['TRUE', true],
		[' False ', false],
		[1, true],
		[0, false],
		['1', true],
		['0', false],
		['是', true],
		['否', false],
	])('reads %p as %p', (input, expected) => {
		expect(normaliseSwitch(input)).toEqual({ ok: true, value: expected });
	});

	it('refuses anything else, with the field named', () => {
		const result = normaliseSwitch('yes');
		expect(!result.ok && toFieldErrors('urgent', result.problems, { nameZh: '开关', name: 'switch' })[0].message).toBe(
			'Field \'urgent\' (开关 switch): expected true or false (also "true"/"false", 1/0, "1"/"0", 是/否), received \'yes\'',
		);
	});

	it.each([[2], [-1], [''], [null], [undefined], ['on'], [{}]])('refuses %p', (value) => {
		expect(normaliseSwitch(value).ok).toBe(false);
	});
});
