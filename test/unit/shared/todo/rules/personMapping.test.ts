/** Person mapping (seed 002 人员转换关系): OA user ids → the target's ids by a chosen field. */
import {
	mapEventPeople,
	mapPerson,
	PersonMappingError,
	personTableFrom,
	personTableFromItem,
	unmappedTargetEvent,
	type PersonMappingSettings,
} from '../../../../../nodes/shared/todo/rules/personMapping';
import { todoEvent as ev } from './todoEvents';

const rows = [
	{ oaUserId: 'lisi', loginName: 'li.si', workCode: 'A017', email: 'lisi@example.com', mobile: '13800000001' },
	{ oaUserId: 'zhangsan', loginName: 'zhang.san', workCode: 4711, email: 'zs@example.com' },
];
const table = personTableFrom(rows, 'the Person Mapping Table parameter');
const byLogin: PersonMappingSettings = { field: 'loginName', unmapped: 'fail' };

function failureOf(run: () => unknown): PersonMappingError {
	try {
		run();
	} catch (error) {
		if (error instanceof PersonMappingError) return error;
		throw error;
	}
	throw new Error('expected a PersonMappingError');
}

describe('person mapping', () => {
	it.each([
		['loginName', 'li.si'],
		['workCode', 'A017'],
		['email', 'lisi@example.com'],
		['mobile', '13800000001'],
	] as const)('maps the receiver by %s', (field, expected) => {
		expect(mapPerson(table, 'lisi', { field, unmapped: 'fail' }, 'receiver')).toBe(expected);
	});

	it('maps receiver and creator of an event and keeps the OA receiver and the compensation mark', () => {
		expect(mapEventPeople({ ...ev('todo'), compensated: true }, table, { field: 'workCode', unmapped: 'fail' })).toEqual({
			...ev('todo'),
			receiver: 'A017',
			creator: '4711',
			oaReceiver: 'lisi',
			compensated: true,
		});
	});

	it('fails an unmapped receiver, saying which user, which parameter, and how to fix it', () => {
		const error = failureOf(() => mapEventPeople(ev('todo', { receiver: 'wangwu' }), table, byLogin));
		expect(error.message).toBe('The receiver wangwu is not in the person mapping');
		expect(error.description).toBe('Add a row for OA user wangwu in "Person Mapping Table", or set "Unmapped Users" to pass unmapped users through as they are.');
	});

	it('fails a user whose row lacks the chosen field', () => {
		const error = failureOf(() => mapPerson(table, 'zhangsan', { field: 'mobile', unmapped: 'fail', labels: { table: 'Mapping', unmapped: 'If Unmapped' } }, 'creator'));
		expect(error.message).toBe('The creator zhangsan has no mobile in the person mapping');
		expect(error.description).toBe('Add a mobile to the row of OA user zhangsan in "Mapping", or set "If Unmapped" to pass unmapped users through as they are.');
	});

	it('passes an unmapped user through with the OA id when told to', () => {
		expect(mapEventPeople(ev('todo', { receiver: 'wangwu', creator: 'zhaoliu' }), table, { field: 'email', unmapped: 'passThrough' })).toMatchObject({ receiver: 'wangwu', creator: 'zhaoliu', oaReceiver: 'wangwu' });
	});

	it('leaves the empty receiver of a flow deletion empty', () => {
		expect(mapEventPeople(ev('delete_flow', { receiver: '' }), table, byLogin)).toMatchObject({ receiver: '', oaReceiver: '' });
	});

	it('keeps the OA ids when no mapping is configured', () => {
		expect(unmappedTargetEvent(ev('done'))).toEqual({ ...ev('done'), oaReceiver: 'lisi' });
	});

	describe('the table', () => {
		it('reads JSON text (an expression\'s result) like the rows themselves', () => {
			expect(personTableFrom(JSON.stringify(rows), 'x')).toEqual(table);
		});

		it('reads a lookup object in the input item, keyed by OA user id, with rows or target ids as values', () => {
			const item = { lookup: { users: { lisi: { loginName: 'li.si' }, zhangsan: 'zs' } } };
			const fromItem = personTableFromItem(item, 'lookup.users');
			expect(mapPerson(fromItem, 'lisi', byLogin, 'receiver')).toBe('li.si');
			expect(mapPerson(fromItem, 'zhangsan', { field: 'email', unmapped: 'fail' }, 'receiver')).toBe('zs');
		});

		it('says when the item has no lookup at the path', () => {
			expect(failureOf(() => personTableFromItem({ people: {} }, 'lookup.users')).message).toBe("the item's field lookup.users is missing");
		});

		it.each([
			['not JSON', '[{oaUserId: lisi}]', 'the Person Mapping Table parameter is not JSON'],
			['a row that is not an object', ['lisi'], 'the Person Mapping Table parameter, row 1 is not an object'],
			['a row without oaUserId', [{ loginName: 'li.si' }], 'the Person Mapping Table parameter, row 1 has no oaUserId'],
			['a value that is not text', [{ oaUserId: 'lisi', email: ['a@b'] }], 'the Person Mapping Table parameter, row 1: email is a list, not text'],
			['two rows of one user that disagree', [{ oaUserId: 'lisi', loginName: 'a' }, { oaUserId: 'lisi', loginName: 'b' }], 'the Person Mapping Table parameter maps the OA user lisi twice, differently (row 2)'],
		])('rejects %s', (_name, value, message) => {
			expect(failureOf(() => personTableFrom(value, 'the Person Mapping Table parameter')).message).toBe(message);
		});

		it('takes an empty parameter as an empty table', () => {
			expect(personTableFrom('  ', 'x').size).toBe(0);
			expect(personTableFrom(null, 'x').size).toBe(0);
		});
	});
});
