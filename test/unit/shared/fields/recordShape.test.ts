import fc from 'fast-check';

import { acceptsTidied, defineRecordShape } from '../../../../nodes/shared/fields/recordShape';
import { businessObjectShape } from '../../../../nodes/shared/fields/businessObject';
import { dimensionShape } from '../../../../nodes/shared/fields/dimension';
import { userInfoShape } from '../../../../nodes/shared/fields/notification';
import { payeeShapes } from '../../../../nodes/shared/fields/payee';
import { staffShape } from '../../../../nodes/shared/fields/staff';

const shapes = { dimensionShape, staffShape, businessObjectShape, userInfoShape, ...payeeShapes };

describe('record shapes', () => {
	it.each(Object.entries(shapes))('%s: the plain check and the zod schema give the same verdict on any tidied members', (_name, shape) => {
		const memberValue = fc.oneof(
			fc.constant(undefined),
			fc.string(),
			fc.constantFrom('', 'PERSONAL', 'PUBLIC', 'personal', '13900001111', 'a@b.cd', '6214000123123028888', 'x y', '0902'),
			fc.integer(),
			fc.boolean(),
		);
		const tidied = fc.record(Object.fromEntries(shape.members.map((member) => [member.name, memberValue])));
		fc.assert(
			fc.property(tidied, (members) => {
				const defined = Object.fromEntries(Object.entries(members).filter(([, value]) => value !== undefined));
				expect(acceptsTidied(shape.members, defined)).toBe(shape.schema.safeParse(defined).success);
			}),
			{ numRuns: 300 },
		);
	});

	it('tidies before checking: numbers become text, text is trimmed, blank is missing', () => {
		const shape = defineRecordShape(
			[
				{ name: 'id', expected: 'an id', required: true },
				{ name: 'note', expected: 'a note' },
			],
			'an object',
		);
		expect(shape.parse({ id: 7, note: '   ' })).toEqual({ ok: true, value: { id: '7' } });
		expect(shape.parse({ id: '  ' })).toEqual({ ok: false, problems: [{ path: 'id', expected: 'an id', received: '  ' }] });
		expect(shape.parse([1])).toEqual({ ok: false, problems: [{ path: '', expected: 'an object', received: [1] }] });
	});
});
