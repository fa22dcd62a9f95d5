import {
	dimensionOutputSchema,
	lastPathSegment,
	normaliseDimension,
	normaliseMultiDimension,
} from '../../../../nodes/shared/fields/dimension';
import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import { seed000Examples } from './seedExamples';

const seedEntry = { id: '档案值id', path: 'AAA/BBB/CCC', name: 'CCC', code: '0902' };

function messages(result: ReturnType<typeof normaliseDimension | typeof normaliseMultiDimension>, names = { nameZh: '部门/自定义档案', name: 'dimension' }) {
	if (result.ok) throw new Error('expected a failure');
	return toFieldErrors('department', result.problems, names).map((error) => error.message);
}

describe('department / custom dimension (部门/自定义档案), seed 000', () => {
	it("reproduces the seed's example byte for byte", () => {
		const result = normaliseDimension(seedEntry);
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.dimension);
	});

	it('derives the name from the last path segment, and says so', () => {
		const result = normaliseDimension({ id: '档案值id', path: 'AAA/BBB/CCC', code: '0902' });
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.dimension);
		expect(result.ok && result.assumed).toBe('name taken from the last segment of path');
	});

	it('takes the path from the name of a top-level entry', () => {
		expect(normaliseDimension({ id: 1, name: '研发' })).toEqual({
			ok: true,
			value: { id: '1', path: '研发', name: '研发', code: '' },
			assumed: 'path taken from name',
		});
	});

	it('writes numeric ids and codes as text, trims, and drops other members', () => {
		const result = normaliseDimension({ id: 42, path: ' 总部/研发 ', code: 902, extra: true });
		expect(result.ok && JSON.stringify(result.value)).toBe('{"id":"42","path":"总部/研发","name":"研发","code":"902"}');
	});

	it('ignores a trailing slash when deriving the name', () => {
		expect(lastPathSegment('AAA/BBB/')).toBe('BBB');
		expect(lastPathSegment('///')).toBe('');
	});

	it('refuses a missing id, with the member named', () => {
		expect(messages(normaliseDimension({ path: 'AAA/BBB' }))).toEqual([
			"Field 'department.id' (部门/自定义档案 dimension): expected an id (text or number), received nothing",
		]);
	});

	it('refuses an entry with neither path nor name', () => {
		expect(messages(normaliseDimension({ id: 'x', path: '/' }))).toEqual([
			"Field 'department.path' (部门/自定义档案 dimension): expected a path like AAA/BBB/CCC or a name like CCC, received '/'",
		]);
	});

	it('refuses text in place of the object', () => {
		expect(messages(normaliseDimension('AAA/BBB/CCC'))).toEqual([
			'Field \'department\' (部门/自定义档案 dimension): expected an object like {"id": "…", "path": "AAA/BBB/CCC", "name": "CCC", "code": "0902"}, received \'AAA/BBB/CCC\'',
		]);
	});

	it('refuses a member of the wrong kind', () => {
		expect(messages(normaliseDimension({ id: 'x', path: 'A', code: { v: 1 } }))).toEqual([
			'Field \'department.code\' (部门/自定义档案 dimension): expected a code like 0902, received the object {"v":1}',
		]);
	});

	it('writes a shape the seed schema accepts', () => {
		const result = normaliseDimension({ id: 'x', path: 'A/B' });
		expect(result.ok && dimensionOutputSchema.safeParse(result.value).success).toBe(true);
	});
});

describe('custom dimension, multiple (自定义档案（多选）), seed 000', () => {
	it("reproduces the seed's example byte for byte", () => {
		const result = normaliseMultiDimension([seedEntry, { ...seedEntry, name: undefined }]);
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.multiDimension);
	});

	it('takes one object as a list of one, and says so', () => {
		expect(normaliseMultiDimension(seedEntry)).toEqual({ ok: true, value: [seedEntry], assumed: 'a single object taken as a list of one' });
	});

	it('accepts an empty list', () => {
		expect(normaliseMultiDimension([])).toEqual({ ok: true, value: [] });
	});

	it('names every bad entry by its position', () => {
		expect(messages(normaliseMultiDimension([seedEntry, { path: 'A' }, 'x']), { nameZh: '自定义档案（多选）', name: 'multiDimension' })).toEqual([
			"Field 'department[1].id' (自定义档案（多选） multiDimension): expected an id (text or number), received nothing",
			'Field \'department[2]\' (自定义档案（多选） multiDimension): expected an object like {"id": "…", "path": "AAA/BBB/CCC", "name": "CCC", "code": "0902"}, received \'x\'',
		]);
	});

	it('refuses a value that is not a list', () => {
		expect(normaliseMultiDimension('AAA').ok).toBe(false);
	});
});
