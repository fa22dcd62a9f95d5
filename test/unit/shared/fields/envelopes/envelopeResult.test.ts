import { envelopeErrors, memberLabel } from '../../../../../nodes/shared/fields/envelopes/envelopeResult';

describe('envelope member labels', () => {
	const labels = { data: '推送内容', 'data.to': '被提醒人列表', op: '推送事件' };

	it('labels a problem by the most specific member it is in', () => {
		expect(memberLabel('data.to[0].username', labels)).toBe('被提醒人列表');
		expect(memberLabel('data.to', labels)).toBe('被提醒人列表');
		expect(memberLabel('data._id', labels)).toBe('推送内容');
		expect(memberLabel('op', labels)).toBe('推送事件');
	});

	it('has no label for a member outside the table, nor for inherited names', () => {
		expect(memberLabel('send_time', labels)).toBeUndefined();
		expect(memberLabel('constructor', labels)).toBeUndefined();
	});

	it('writes the label into the field error and its message', () => {
		expect(envelopeErrors([{ path: 'data.to[1].name', expected: 'a name', received: 3 }], labels)).toEqual([
			{
				field: 'data.to[1].name',
				fieldNameZh: '被提醒人列表',
				expected: 'a name',
				received: 3,
				message: "Field 'data.to[1].name' (被提醒人列表): expected a name, received 3",
			},
		]);
	});
});
