import { z } from 'zod';

import { type FieldProblem, type Normalised, nestProblems, ok, problem } from './fieldProblem';
import { defineRecordShape } from './recordShape';

/**
 * Department / custom dimension (部门/自定义档案), seed 000:
 * `{"id": "档案值id", "path": "AAA/BBB/CCC", "name": "CCC", "code": "0902"}`, and the multi-select
 * form (自定义档案（多选）), a list of those.
 * `name` missing → the last segment of `path`; `path` missing → `name` (a top-level entry);
 * `code` missing → '' so the receiver always sees the seed's four keys.
 */

export interface DimensionValue {
	id: string;
	path: string;
	name: string;
	code: string;
}

export const dimensionExpectation = 'an object like {"id": "…", "path": "AAA/BBB/CCC", "name": "CCC", "code": "0902"}';
export const multiDimensionExpectation = 'a list of objects like {"id": "…", "path": "AAA/BBB/CCC", "name": "CCC", "code": "0902"}';

export const dimensionShape = defineRecordShape(
	[
		{ name: 'id', expected: 'an id (text or number)', required: true },
		{ name: 'path', expected: 'a path like AAA/BBB/CCC' },
		{ name: 'name', expected: 'a name like CCC' },
		{ name: 'code', expected: 'a code like 0902' },
	],
	dimensionExpectation,
);

export const dimensionOutputSchema = z
	.object({ id: z.string().min(1), path: z.string().min(1), name: z.string().min(1), code: z.string() })
	.strict();

export const multiDimensionOutputSchema = z.array(dimensionOutputSchema);

/** The last non-blank segment of a `/`-separated path. */
export function lastPathSegment(path: string): string {
	const segments = path.split('/');
	for (let index = segments.length - 1; index >= 0; index--) {
		const segment = segments[index].trim();
		if (segment !== '') return segment;
	}
	return '';
}

export function normaliseDimension(value: unknown): Normalised<DimensionValue> {
	const parsed = dimensionShape.parse(value);
	if (!parsed.ok) return parsed;
	const { id, path, name, code } = parsed.value;
	const derivedName = name ?? (path === undefined ? '' : lastPathSegment(path));
	if (derivedName === '') {
		return problem('a path like AAA/BBB/CCC or a name like CCC', (value as Record<string, unknown>).path, 'path');
	}
	const assumed = name === undefined ? 'name taken from the last segment of path' : path === undefined ? 'path taken from name' : undefined;
	return ok({ id, path: path ?? derivedName, name: derivedName, code: code ?? '' }, assumed);
}

/** A list of dimensions; a single object is taken as a list of one. */
export function normaliseMultiDimension(value: unknown): Normalised<DimensionValue[]> {
	if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) {
		const single = normaliseDimension(value);
		return single.ok ? ok([single.value], 'a single object taken as a list of one') : single;
	}
	if (!Array.isArray(value)) return problem(multiDimensionExpectation, value);
	const values: DimensionValue[] = [];
	let problems: FieldProblem[] | undefined;
	let assumed: string | undefined;
	for (let index = 0; index < value.length; index++) {
		const entry = normaliseDimension(value[index]);
		if (entry.ok) {
			values.push(entry.value);
			if (entry.assumed !== undefined && assumed === undefined) assumed = entry.assumed;
		} else {
			(problems ??= []).push(...nestProblems(`[${index}]`, entry.problems));
		}
	}
	return problems !== undefined ? { ok: false, problems } : ok(values, assumed);
}
