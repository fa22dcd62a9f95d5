import { z } from 'zod';

import { type Normalised, ok } from './fieldProblem';
import { defineRecordShape } from './recordShape';

/**
 * Custom business object (自定义扩展业务对象), seed 000: `{"id": "x2y34", "name": "xxxx", "code": "1234"}`.
 * `code` missing → '' so the receiver always sees the seed's three keys.
 */
export interface BusinessObjectValue {
	id: string;
	name: string;
	code: string;
}

export const businessObjectExpectation = 'an object like {"id": "x2y34", "name": "xxxx", "code": "1234"}';

export const businessObjectShape = defineRecordShape(
	[
		{ name: 'id', expected: 'a record id (text or number)', required: true },
		{ name: 'name', expected: 'a record name', required: true },
		{ name: 'code', expected: 'a record code like 1234' },
	],
	businessObjectExpectation,
);

export const businessObjectOutputSchema = z
	.object({ id: z.string().min(1), name: z.string().min(1), code: z.string() })
	.strict();

export function normaliseBusinessObject(value: unknown): Normalised<BusinessObjectValue> {
	const parsed = businessObjectShape.parse(value);
	if (!parsed.ok) return parsed;
	const { id, name, code } = parsed.value;
	return ok({ id, name, code: code ?? '' });
}
