import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { normaliseText } from '../../../../nodes/shared/fields/text';
import { seed000Examples } from './seedExamples';

describe('text (文本), seed 000', () => {
	it("reproduces the seed's example byte for byte", () => {
		const result = normaliseText('xxxx');
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.text);
	});

	it('keeps text exactly, empty text included', () => {
		expect(normaliseText('  a b  ')).toEqual({ ok: true, value: '  a b  ' });
		expect(normaliseText('')).toEqual({ ok: true, value: '' });
	});

	it('writes numbers and booleans as text and says so', () => {
		expect(normaliseText(23.4)).toEqual({ ok: true, value: '23.4', assumed: 'a number written as text' });
		expect(normaliseText(false)).toEqual({ ok: true, value: 'false', assumed: 'true/false written as text' });
	});

	it('refuses an object, with the field named', () => {
		const result = normaliseText({ name: 'x' });
		expect(!result.ok && toFieldErrors('title', result.problems, { nameZh: '文本', name: 'text' })[0].message).toBe(
			'Field \'title\' (文本 text): expected text (or a number or true/false, written as text), received the object {"name":"x"}',
		);
	});

	it.each([[null], [undefined], [[1]], [Number.NaN]])('refuses %p', (value) => {
		expect(normaliseText(value).ok).toBe(false);
	});
});
