import { z } from 'zod';

import { type Normalised, ok, problem } from './fieldProblem';

/** Text (文本), seed 000: `"字段名": "xxxx"`. Numbers and booleans are written as text; objects are refused. */
export const textExpectation = 'text (or a number or true/false, written as text)';

export const textOutputSchema = z.string();

export function normaliseText(value: unknown): Normalised<string> {
	if (typeof value === 'string') return ok(value);
	if (typeof value === 'number') {
		return Number.isFinite(value) ? ok(String(value), 'a number written as text') : problem(textExpectation, value);
	}
	if (typeof value === 'boolean') return ok(String(value), 'true/false written as text');
	if (typeof value === 'bigint') return ok(value.toString(), 'a number written as text');
	return problem(textExpectation, value);
}
