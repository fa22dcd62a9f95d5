import { buildJiandaoyunMessage, readRecipients } from '../../../../../nodes/shared/fields/envelopes/jiandaoyunMessage';
import { shanghai } from '../clock';

const now = Date.UTC(2017, 9, 20, 22, 41, 51, 430);
const options = { ...shanghai, now };

function body(input: Parameters<typeof buildJiandaoyunMessage>[0]) {
	const result = buildJiandaoyunMessage(input, options);
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.body;
}

function messages(input: Parameters<typeof buildJiandaoyunMessage>[0]) {
	const result = buildJiandaoyunMessage(input, options);
	if (result.ok) throw new Error('expected a failure');
	return result.errors.map((error) => error.message);
}

/**
 * Seed 001 (hc.jiandaoyun.com/open/11497) samples, §3 and §4.1-4.7, as compact JSON in the
 * samples' key order (the seed writes them as JavaScript object literals).
 */
const seed001 = {
	structure:
		'{"op":"flow_message","data":{"to":[{"username":"jiandaoyun","name":"小云"}],"entry_name":"请假审批","notify_text":"小云本周五请假1天","url":"https://abc.com/xyz"},"send_time":"2017-10-20T22:41:51.430Z"}',
	formSchedule:
		'{"op":"form_schedule_message","data":{"to":[{"username":"jian","name":"小简"},{"username":"dao","name":"小道"}],"entry_name":"请假审批","notify_text":"小云提出请假申请，请审批","url":"https://jiandaoyun.com/app/1/entry/2"},"send_time":"2017-10-20T22:41:51.430Z"}',
	dataCreate:
		'{"op":"data_create_message","data":{"to":[{"username":"jian","name":"小简"},{"username":"dao","name":"小道"}],"entry_name":"请假审批","notify_text":"小云提出请假申请，请审批","content":"请假人: 小云\\n请假原因: 病假","url":"https://jiandaoyun.com/message/1/data"},"send_time":"2017-10-20T22:41:51.430Z"}',
	dataUpdate:
		'{"op":"data_update_message","data":{"to":[{"username":"jian","name":"小简"}],"entry_name":"请假审批","notify_text":"小云修改了请假日期","content":"修改人: 小云\\n数据标题: 病假申请\\n请假日期: 2018-5-1→2018-5-2","url":"https://jiandaoyun.com/dashboard/app/1/form/2/data/3/qr_link"},"send_time":"2017-10-20T22:41:51.430Z"}',
	formWidget:
		'{"op":"form_widget_message","data":{"to":[{"username":"jian","name":"小简"}],"entry_name":"生日提醒","notify_text":"小云的生日到了","content":"小云的生日到了","url":"https://jiandaoyun.com/dashboard/app/1/form/2/data/3/qr_link"},"send_time":"2017-10-20T22:41:51.430Z"}',
	dashSchedule:
		'{"op":"dash_schedule_message","data":{"to":[{"username":"jian","name":"小简"}],"entry_name":"物料盘点","notify_text":"2019年度物料盘点的时间到了","url":"https://jiandaoyun.com/app/1/entry/2"},"send_time":"2017-10-20T22:41:51.430Z"}',
	dashAlert:
		'{"op":"dash_alert_message","data":{"to":[{"username":"jian","name":"小简"}],"entry_name":"库存统计","notify_text":"库存警告","content":"预警来源：库存应用>华南区盘点>库存剩余量","url":"https://jiandaoyun.com/app/1/entry/2"},"send_time":"2017-10-20T22:41:51.430Z"}',
};

/** Seed 001 §4.5.3, the old-format flow message (printed there as JSON with sorted keys). */
const oldFlowMessage = {
	data: {
		content: '',
		entry_name: '旧版流程推送测试',
		flow_action: 'flow_forward',
		notify_text: '有新的流程待办事项',
		to: [
			{ name: '张三', username: 'zhangsan' },
			{ name: '李四', username: 'lisi' },
			{ name: '王五', username: 'wangwu' },
		],
		url: 'https://www.jiandaoyun.com/dashboard/app/642e37f2374e1b0007f537b2/form/642e37f5fe736900073a99e5/data/642e3855dd27960007cf9514?actionType=flow_forward&flowId=1&memberType=0&guestCorpId=',
	},
	op: 'flow_message',
	send_time: '2023-04-06T03:11:18.102Z',
};

/** The data as the seed's samples give it, in the builder's input names. */
function inputFrom(sample: string): Parameters<typeof buildJiandaoyunMessage>[0] {
	const { op, data, send_time: sendTime } = JSON.parse(sample);
	return { op, to: data.to, entryName: data.entry_name, notifyText: data.notify_text, content: data.content, url: data.url, flowAction: data.flow_action, sendTime };
}

describe('Jiandaoyun message envelope (seed 001)', () => {
	it.each(Object.entries(seed001))("reproduces the seed's %s sample byte for byte", (_name, sample) => {
		expect(JSON.stringify(body(inputFrom(sample)))).toBe(sample);
	});

	it("reproduces the seed's old-format flow message, flow_action included", () => {
		const { data } = oldFlowMessage;
		expect(
			body({ op: 'flow_message', to: data.to, entryName: data.entry_name, notifyText: data.notify_text, content: '', url: data.url, flowAction: 'flow_forward', sendTime: oldFlowMessage.send_time }),
		).toEqual(oldFlowMessage);
	});

	it("fills a flow message's notify_text from the flow action's 提醒文字", () => {
		const result = body({ op: 'flow_message', to: { username: 'zhangsan', name: '张三' }, entryName: '报销', url: 'https://www.jiandaoyun.com/x', flowAction: 'flow_back' });
		expect(result.data).toMatchObject({ notify_text: '提交的流程事项被回退', flow_action: 'flow_back', to: [{ username: 'zhangsan', name: '张三' }] });
	});

	it('stamps send_time with now when none is given, as ISO 8601 UTC with milliseconds', () => {
		expect(body({ op: 'dash_schedule_message', to: [{ username: 'jian', name: '小简' }], entryName: 'x', notifyText: 'y', url: 'https://a.b/c' }).send_time).toBe(
			'2017-10-20T22:41:51.430Z',
		);
	});

	it('converts a given send_time from any date input', () => {
		expect(body({ ...inputFrom(seed001.dashAlert), sendTime: 1508539311430 }).send_time).toBe('2017-10-20T22:41:51.430Z');
		expect(body({ ...inputFrom(seed001.dashAlert), sendTime: '2017-10-21 06:41:51.430' }).send_time).toBe('2017-10-20T22:41:51.430Z');
	});

	it('puts the record in data for a data push op', () => {
		expect(body({ op: 'data_create', data: { _id: '5b0a', name: '小云' } })).toEqual({
			op: 'data_create',
			data: { _id: '5b0a', name: '小云' },
			send_time: '2017-10-20T22:41:51.430Z',
		});
	});

	it('refuses an op outside the catalog, listing the ops', () => {
		expect(messages({ op: 'flow_msg' })[0]).toBe(
			"Field 'op' (推送事件): expected a Jiandaoyun push op: form_schedule_message, data_create_message, data_update_message, form_widget_message, flow_message, dash_schedule_message, dash_alert_message, data_create, data_update, data_remove, data_recover, received 'flow_msg'",
		);
	});

	it('refuses an unknown flow action and a flow action on another op', () => {
		expect(messages({ ...inputFrom(seed001.structure), flowAction: 'flow_approve' })[0]).toMatch(
			/^Field 'data.flow_action' \(流程操作\): expected a flow action: flow_forward, .*flow_urge, received 'flow_approve'$/,
		);
		expect(messages({ ...inputFrom(seed001.dashAlert), flowAction: 'flow_forward' })).toEqual([
			"Field 'data.flow_action' (流程操作): expected nothing: only flow_message carries a flow action, received 'flow_forward'",
		]);
	});

	it('names each missing member, recipients by position', () => {
		expect(messages({ op: 'form_schedule_message', to: [{ name: '小简' }], url: 'ftp://x' })).toEqual([
			"Field 'data.to[0].username' (被提醒人列表): expected the Jiandaoyun username (text), like jiandaoyun, received nothing",
			"Field 'data.entry_name' (推送来源表单名称): expected the form or dashboard name, like 请假审批, received nothing",
			"Field 'data.notify_text' (提醒文字): expected the reminder text, like 小云本周五请假1天, received nothing",
			"Field 'data.url' (表单内链): expected a link starting with http:// or https://, like https://www.jiandaoyun.com/…, received 'ftp://x'",
		]);
	});

	it('refuses an empty recipient list', () => {
		expect(messages({ ...inputFrom(seed001.dashAlert), to: [] })).toEqual([
			'Field \'data.to\' (被提醒人列表): expected a list of recipients like [{"username": "jiandaoyun", "name": "小云"}], received the list []',
		]);
	});

	it('refuses a data push without a record object', () => {
		expect(messages({ op: 'data_remove', data: 'x' })).toEqual([
			'Field \'data\' (推送内容): expected the record as an object, like {"_id": "…", "name": "…"}, received \'x\'',
		]);
	});

	it("names the message members as seed 001's table does (data.to, …) and lists problems in the envelope's order", () => {
		const result = buildJiandaoyunMessage({ op: 'flow_message', to: [], entryName: '请假审批', notifyText: 'x', url: 'https://abc.com/xyz', sendTime: 'later' }, options);
		expect(result.ok ? [] : result.errors.map((error) => [error.field, error.fieldNameZh])).toEqual([
			['data.to', '被提醒人列表'],
			['send_time', '推送时间'],
		]);
	});

	it('refuses a send_time that is not a date', () => {
		expect(messages({ ...inputFrom(seed001.dashAlert), sendTime: 'yesterday' })[0]).toMatch(/^Field 'send_time' \(推送时间\): expected a date: /);
	});
});

describe('recipients from a node parameter', () => {
	it('keeps a list or object as it is', () => {
		const list = [{ username: 'jian', name: '小简' }];
		expect(readRecipients(list)).toBe(list);
	});

	it('parses JSON text', () => {
		expect(readRecipients(' [{"username":"jian","name":"小简"}] ')).toEqual([{ username: 'jian', name: '小简' }]);
	});

	it('reads other text as usernames separated by commas, semicolons or spaces', () => {
		expect(readRecipients('jian, dao；yun')).toEqual([
			{ username: 'jian', name: '' },
			{ username: 'dao', name: '' },
			{ username: 'yun', name: '' },
		]);
	});

	it('leaves broken JSON as text, for the envelope to refuse', () => {
		expect(readRecipients('[{"username"')).toBe('[{"username"');
		expect(readRecipients('  ')).toBeUndefined();
	});
});
