import { jiandaoyunFlowActions, jiandaoyunOps, jiandaoyunSample } from '../../../../../nodes/shared/events';
import { jiandaoyunSource } from '../../../../../nodes/shared/trigger/sources';

function problem(body: unknown): string | undefined {
	const result = jiandaoyunSource.validate(body, 'default');
	return result.ok ? undefined : result.problem;
}

describe('Jiandaoyun pushes', () => {
	it.each(jiandaoyunOps.map((op) => op.code))('accepts the sample of %s and reads its op', (op) => {
		const result = jiandaoyunSource.validate(jiandaoyunSample(op), 'default');
		expect(result.ok && jiandaoyunSource.eventType(result.payload, 'default')).toBe(op);
	});

	it.each(jiandaoyunFlowActions.map((action) => action.code))('accepts a flow message with flow_action %s', (action) => {
		expect(problem(jiandaoyunSample('flow_message', action))).toBeUndefined();
	});

	it('accepts the seed 001 §3 envelope example', () => {
		expect(
			problem({
				op: 'flow_message',
				data: { to: [{ username: 'jiandaoyun', name: '小云' }], entry_name: '请假审批', notify_text: '小云本周五请假1天', url: 'https://abc.com/xyz' },
				send_time: '2017-10-20T22:41:51.430Z',
			}),
		).toBeUndefined();
	});

	it('refuses a push without op', () => {
		expect(problem({ data: {} })).toBe('op: Required');
	});

	it('refuses a message push whose recipients lack a username', () => {
		expect(problem({ op: 'form_schedule_message', data: { to: [{ name: '小简' }] } })).toBe('data.to.0.username: Required');
	});

	it('refuses a message push without data.to, but not a data push', () => {
		expect(problem({ op: 'dash_alert_message', data: { notify_text: '库存警告' } })).toBe('data.to: Required');
		expect(problem({ op: 'data_remove', data: { _id: '642e' } })).toBeUndefined();
	});

	it('refuses data that is not an object', () => {
		expect(problem({ op: 'data_create', data: 'x' })).toBe('data: Expected object, received string');
	});

	it('names a flow message with its flow action', () => {
		expect(jiandaoyunSource.typeName('flow_message', { data: { flow_action: 'flow_back' } })).toBe('Flow message (表单流程消息提醒): Sent back (回退)');
		expect(jiandaoyunSource.typeName('data_recover', {})).toBe('Record restored (恢复数据)');
	});
});
