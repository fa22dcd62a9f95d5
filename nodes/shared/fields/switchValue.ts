import { z } from 'zod';

import { type Normalised, ok, problem } from './fieldProblem';

/** Switch (开关), seed 000: `"字段名": true`. */
export const switchExpectation = 'true or false (also "true"/"false", 1/0, "1"/"0", 是/否)';

export const switchOutputSchema = z.boolean();

const textValues: ReadonlyMap<string, boolean> = new Map([
	['true', true],
	['false', false],
	['1', true],
	['0', false],
	['是', true],
	['否', false],
]);

export function normaliseSwitch(value: unknown): Normalised<boolean> {
	if (typeof value === 'boolean') return ok(value);
	if (value === 1 || value === 0) return ok(value === 1);
	if (typeof value === 'string') {
		const found = textValues.get(value.trim().toLowerCase());
		if (found !== undefined) return ok(found);
	}
	return problem(switchExpectation, value);
}
