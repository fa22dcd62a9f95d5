import { z } from 'zod';

import { type Normalised, ok, problem } from './fieldProblem';

/** Number (数字), seed 000: `"字段名": 23.4`. Numeric text (`"23.4"`, `"1,234.5"`, `"1e3"`) becomes a number. */
export const numberExpectation = 'a number or numeric text like 23.4';

export const numberOutputSchema = z.number().finite();

const numericText = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const groupedNumericText = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export function normaliseNumber(value: unknown): Normalised<number> {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return problem(numberExpectation, value);
		return ok(value === 0 ? 0 : value);
	}
	if (typeof value === 'string') {
		const trimmed = value.trim();
		let parsed: number;
		if (numericText.test(trimmed)) parsed = Number(trimmed);
		else if (groupedNumericText.test(trimmed)) parsed = Number(trimmed.replace(/,/g, ''));
		else return problem(numberExpectation, value);
		if (!Number.isFinite(parsed)) return problem(numberExpectation, value);
		return ok(parsed === 0 ? 0 : parsed, 'numeric text read as a number');
	}
	return problem(numberExpectation, value);
}
