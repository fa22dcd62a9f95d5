import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { normaliseNumber } from '../../../../nodes/shared/fields/numberValue';
import { seed000Examples } from './seedExamples';

describe('number (数字), seed 000', () => {
	it("reproduces the seed's example byte for byte, from a number and from text", () => {
		for (const input of [23.4, '23.4', ' 23.40 ']) {
			const result = normaliseNumber(input);
			expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.number);
		}
	});

	it.each([
		['-5', -5],
		['1e3', 1000],
		['.5', 0.5],
		['1,234.5', 1234.5],
		[-0, 0],
	])('reads %p as %p', (input, expected) => {
		expect(normaliseNumber(input)).toMatchObject({ ok: true, value: expected });
	});

	it('refuses text that is not a number, with the field named', () => {
		const result = normaliseNumber('12 pcs');
		expect(!result.ok && toFieldErrors('count', result.problems, { nameZh: '数字', name: 'number' })[0].message).toBe(
			"Field 'count' (数字 number): expected a number or numeric text like 23.4, received '12 pcs'",
		);
	});

	it.each([[Number.NaN], [Infinity], ['1e999'], [''], [true], [null], ['0x10'], ['1,23']])('refuses %p', (value) => {
		expect(normaliseNumber(value).ok).toBe(false);
	});
});
