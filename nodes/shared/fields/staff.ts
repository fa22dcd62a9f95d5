import { z } from 'zod';

import { type Normalised, ok } from './fieldProblem';
import { defineRecordShape } from './recordShape';

/** Staff (人员), seed 000: `{"id": "员工ID", "name": "姓名"}`; the id is Hesi's staff id. */
export interface StaffValue {
	id: string;
	name: string;
}

export const staffExpectation = 'an object like {"id": "<Hesi staff id>", "name": "张三"}';

export const staffShape = defineRecordShape(
	[
		{ name: 'id', expected: 'a Hesi staff id (text)', required: true },
		{ name: 'name', expected: "the person's name, like 张三", required: true },
	],
	staffExpectation,
);

export const staffOutputSchema = z.object({ id: z.string().min(1), name: z.string().min(1) }).strict();

export function normaliseStaff(value: unknown): Normalised<StaffValue> {
	const parsed = staffShape.parse(value);
	if (!parsed.ok) return parsed;
	return ok({ id: parsed.value.id, name: parsed.value.name });
}
