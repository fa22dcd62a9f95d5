import {
	approvalEvents,
	e10TodoEvents,
	e10TodoSample,
	jiandaoyunFlowActions,
	jiandaoyunSample,
	ofsTodoEvents,
	ofsTodoSample,
} from '../../../../nodes/shared/events';
import { sampleItems } from '../../../../nodes/shared/trigger/pipeline';
import { e10TodoSource, hesiApprovalSource, jiandaoyunSource, ofsTodoSource } from '../../../../nodes/shared/trigger/sources';
import type { EventSource, JsonObject } from '../../../../nodes/shared/trigger/types';
import { normaliseTodoItem, type NormaliseResult } from '../../../../nodes/shared/todo/normalise';
import type { TodoEvent } from '../../../../nodes/shared/todo/types';

const now = Date.parse('2024-06-01T02:00:00.000Z');

/** The items a trigger of this package emits for an event (its test-mode sample goes through the same shaping as a real push). */
function triggerItems(source: EventSource, code: string, options: { split?: boolean; detail?: string } = {}): JsonObject[] {
	return sampleItems({ source, selection: { events: [code], filters: [] }, splitRecipients: options.split ?? false }, now, options.detail);
}

function eventOf(result: NormaliseResult): TodoEvent {
	if (!result.ok) throw new Error(`expected a to-do event, got: ${result.problem}`);
	return result.event;
}

function problemOf(result: NormaliseResult): string {
	if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.event)}`);
	return result.problem;
}

/** China Standard Time, as the OA writes `yyyy-MM-dd HH:mm:ss`. */
const cst = (time: string) => Date.parse(`${time.replace(' ', 'T')}+08:00`);

describe('normaliseTodoItem', () => {
	describe('Unified Todo Trigger items, OFS shape', () => {
		it('reads every field of a to-do', () => {
			const [item] = triggerItems(ofsTodoSource, 'todo');
			expect(eventOf(normaliseTodoItem(item))).toEqual({
				operation: 'todo',
				flowId: '202406010001',
				title: '差旅报销-张三-2024-06-01',
				workflowName: '差旅报销流程',
				nodeName: '部门经理审批',
				creator: 'zhangsan',
				createdAt: cst('2024-06-01 09:30:00'),
				receiver: 'lisi',
				receivedAt: cst('2024-06-01 09:30:05'),
				pcUrl: '/spa/workflow/static4form/index.html#/main/workflow/req?requestid=202406010001',
				appUrl: '/spa/workflow/static4mobileform/index.html#/req?requestid=202406010001',
				viewed: false,
				ts: 1717205405000,
			});
		});

		it.each([
			['todo', 'todo', 'lisi'],
			['done', 'done', 'lisi'],
			['finished', 'finished', 'lisi'],
			['cc', 'cc', 'lisi'],
			['deleteUser', 'delete_user', 'lisi'],
			['deleteFlow', 'delete_flow', ''],
		])('maps the %s state to %s (receiver %j)', (code, operation, receiver) => {
			expect(ofsTodoEvents.map((event) => event.code)).toContain(code);
			const event = eventOf(normaliseTodoItem(triggerItems(ofsTodoSource, code)[0], { now }));
			expect(event).toMatchObject({ operation, flowId: '202406010001', receiver });
		});

		it('times a delete, which carries none, when the trigger received it', () => {
			const event = eventOf(normaliseTodoItem(triggerItems(ofsTodoSource, 'deleteFlow')[0]));
			expect(event).toMatchObject({ receivedAt: now, createdAt: now, ts: now });
		});

		it('reads viewtype 1 as viewed and takes the OA zone from the options', () => {
			const [item] = triggerItems(ofsTodoSource, 'todo');
			const event = eventOf(normaliseTodoItem({ ...item, viewtype: '1' }, { utcOffsetMinutes: 0 }));
			expect(event).toMatchObject({ viewed: true, createdAt: Date.UTC(2024, 5, 1, 9, 30, 0) });
		});
	});

	describe('Unified Todo Trigger items, E10 shape', () => {
		it('reads every field of a to-do, E10 tenant key and task id included', () => {
			const [item] = triggerItems(e10TodoSource, 'todo');
			expect(eventOf(normaliseTodoItem(item))).toEqual({
				operation: 'todo',
				flowId: '202406010001',
				title: '差旅报销-张三-2024-06-01',
				workflowName: '差旅报销流程',
				nodeName: '部门经理审批',
				creator: 'zhangsan',
				createdAt: cst('2024-06-01 09:30:00'),
				receiver: 'lisi',
				receivedAt: cst('2024-06-01 09:30:05'),
				pcUrl: '/sp/workflow/req?requestId=202406010001',
				appUrl: '/mobile/workflow/req?requestId=202406010001',
				viewed: false,
				ts: 1717205405000,
				tenantKey: 't4dvwhryc8',
				taskId: '9002024060100011',
			});
		});

		it.each([
			['todo', 'todo', 'lisi'],
			['done', 'done', 'lisi'],
			['finished', 'finished', 'lisi'],
			['cc', 'cc', 'lisi'],
			['toClaim', 'todo', 'lisi'],
			['deleteUser', 'delete_user', 'lisi'],
			['deleteFlow', 'delete_flow', ''],
		])('maps the %s state to %s (receiver %j)', (code, operation, receiver) => {
			expect(e10TodoEvents.map((event) => event.code)).toContain(code);
			const event = eventOf(normaliseTodoItem(triggerItems(e10TodoSource, code)[0], { now }));
			expect(event).toMatchObject({ operation, flowId: '202406010001', receiver });
		});

		it('keeps "to claim" apart from a plain to-do in businessStatus', () => {
			expect(eventOf(normaliseTodoItem(triggerItems(e10TodoSource, 'toClaim')[0])).businessStatus).toBe('toClaim');
			expect(eventOf(normaliseTodoItem(triggerItems(e10TodoSource, 'todo')[0])).businessStatus).toBeUndefined();
		});
	});

	describe('bodies as the OA sent them (no trigger stamp)', () => {
		it.each([
			['an OFS done', ofsTodoSample('done'), 'done', 'lisi'],
			['an OFS user delete', ofsTodoSample('deleteUser'), 'delete_user', 'lisi'],
			['an E10 CC', e10TodoSample('cc'), 'cc', 'lisi'],
			['an E10 deletion for the receiver (isRemark -1)', { ...e10TodoSample('todo'), isRemark: -1 }, 'delete_user', 'lisi'],
		])('reads %s', (_name, body, operation, receiver) => {
			expect(eventOf(normaliseTodoItem(body, { now }))).toMatchObject({ operation, receiver, flowId: '202406010001' });
		});
	});

	describe('already normalised objects', () => {
		it('returns a TodoEvent unchanged', () => {
			const event = eventOf(normaliseTodoItem(triggerItems(e10TodoSource, 'toClaim')[0]));
			expect(eventOf(normaliseTodoItem({ ...event, roles: ['manager'], department: 'finance' }))).toEqual({ ...event, roles: ['manager'], department: 'finance' });
		});

		it('fills what is left out and reads ISO times', () => {
			expect(eventOf(normaliseTodoItem({ operation: 'done', flowId: 42, receiver: 'lisi', receivedAt: '2024-06-01T01:30:05Z' }))).toEqual({
				operation: 'done',
				flowId: '42',
				title: '',
				workflowName: '',
				nodeName: '',
				creator: '',
				createdAt: 1717205405000,
				receiver: 'lisi',
				receivedAt: 1717205405000,
				pcUrl: '',
				appUrl: '',
				viewed: false,
				ts: 1717205405000,
			});
		});
	});

	describe('Hesi Approval Event Trigger items', () => {
		it('reads a pending approval as a to-do of the notified person', () => {
			const [item] = triggerItems(hesiApprovalSource, 'backlog.approving');
			expect(eventOf(normaliseTodoItem(item))).toEqual({
				operation: 'todo',
				flowId: 'ID01uJ2x8gHZ7N',
				title: '3月北京出差报销',
				workflowName: '',
				nodeName: 'FLOW:1171302470:1592882963',
				creator: '7hw8MheAgo0g00:I6A8MlHIQM0000',
				createdAt: 1484498318241,
				receiver: '7hw8MheAgo0g00:I6A8MlHIQM0000',
				receivedAt: now,
				pcUrl: '',
				appUrl: '',
				viewed: false,
				ts: now,
				businessStatus: 'backlog.approving',
			});
		});

		const expected: Record<string, string> = {
			'backlog.approving': 'todo',
			'backlog.sending': 'todo',
			'backlog.receiving': 'todo',
			'backlog.paying': 'todo',
			'freeflow.carbonCopy': 'cc',
			'backlog.processed': 'done',
			'freeflow.ticketReserve': 'done',
			'flow.paid': 'done',
			'flow.rejected': 'done',
			'freeflow.retract': 'delete_user',
			'freeflow.delete': 'delete_flow',
		};

		it.each(approvalEvents.map((event) => [event.code, expected[event.code] ?? 'a problem'] as const))('maps %s to %s', (code, operation) => {
			const result = normaliseTodoItem(triggerItems(hesiApprovalSource, code)[0]);
			if (operation === 'a problem') expect(problemOf(result)).toMatch(new RegExp(`^action "${code.replace('.', '\\.')}" \\(.+\\) changes no to-do`));
			else expect(eventOf(result)).toMatchObject({ operation, flowId: 'ID01uJ2x8gHZ7N', businessStatus: code });
		});

		it('names userInfo.id when the message names no person, and flowId when it names no document', () => {
			const [item] = triggerItems(hesiApprovalSource, 'backlog.approving');
			const { userInfo: _userInfo, ...noPerson } = item;
			expect(problemOf(normaliseTodoItem(noPerson))).toMatch(/^userInfo\.id is missing/);
			const { flowId: _flowId, ...noDocument } = item;
			expect(problemOf(normaliseTodoItem(noDocument))).toMatch(/^flowId is missing: select 单据ID \(flowId\)/);
		});
	});

	describe('Jiandaoyun Push Trigger flow messages', () => {
		const expected: Record<string, string> = { flow_cc: 'cc', flow_batch_transfer: 'a problem', flow_batch_forward: 'a problem', flow_batch_cc: 'a problem' };

		it.each(jiandaoyunFlowActions.map((action) => [action.code, expected[action.code] ?? 'todo'] as const))('maps %s to %s, one per recipient', (action, operation) => {
			const items = triggerItems(jiandaoyunSource, 'flow_message', { split: true, detail: action });
			expect(items).toHaveLength(3);
			const results = items.map((item) => normaliseTodoItem(item));
			if (operation === 'a problem') {
				for (const result of results) expect(problemOf(result)).toMatch(new RegExp(`^data\\.flow_action "${action}" \\(.+\\) is not a to-do change of one flow`));
				return;
			}
			expect(results.map((result) => eventOf(result))).toEqual(
				['zhangsan', 'lisi', 'wangwu'].map((receiver) =>
					expect.objectContaining({ operation, receiver, flowId: '642e3855dd27960007cf9514', businessStatus: action, ts: Date.parse('2023-04-06T03:11:18.102Z') }),
				),
			);
		});

		it('reads the record of the new link format (dataId=) and titles the to-do with the form and the first line of its content', () => {
			const [item] = triggerItems(jiandaoyunSource, 'flow_message', { split: true });
			const data = item.data as JsonObject;
			const url = 'https://www.jiandaoyun.com/message/redirect?msg=task_inst%3A%3A%3A%3A%3A&instanceId=642e38acd039d000080c637b&taskId=642e38acd039d000080c63a3&actionType=flow_forward&appId=63b62c3d0c76a3000a0bf8a6&dataId=642e38acd039d000080c637b&flowId=3&formId=63b62c3fa76046000a36d412&memberType=0&guestCorpId=';
			const event = eventOf(normaliseTodoItem({ ...item, data: { ...data, url } }));
			expect(event).toMatchObject({ flowId: '642e38acd039d000080c637b', title: '请假审批: 请假人: 小云', workflowName: '请假审批', pcUrl: url, appUrl: url });
		});

		it('asks for Split Recipients Into Items when one item names several recipients', () => {
			const [item] = triggerItems(jiandaoyunSource, 'flow_message');
			expect(problemOf(normaliseTodoItem(item))).toBe('data.to names 3 recipients: turn on Split Recipients Into Items in the Jiandaoyun Push Trigger so each item has one');
		});

		it('refuses other pushes, naming op', () => {
			const [item] = triggerItems(jiandaoyunSource, 'data_create_message', { split: true });
			expect(problemOf(normaliseTodoItem(item))).toMatch(/^op is "data_create_message": only flow_message pushes are flow to-dos/);
		});

		it('names data.url when it points at no record', () => {
			const [item] = triggerItems(jiandaoyunSource, 'flow_message', { split: true });
			expect(problemOf(normaliseTodoItem({ ...item, data: { ...(item.data as JsonObject), url: 'https://jiandaoyun.com/app/1/entry/2' } }))).toMatch(/^data\.url "https:\/\/jiandaoyun\.com\/app\/1\/entry\/2" names no record/);
		});

		it('reads a raw push as Jiandaoyun sent it', () => {
			const raw = jiandaoyunSample('flow_message', 'flow_cc');
			const oneRecipient = { ...raw, data: { ...(raw.data as JsonObject), to: [{ username: 'lisi', name: '李四' }] } };
			expect(eventOf(normaliseTodoItem(oneRecipient))).toMatchObject({ operation: 'cc', receiver: 'lisi' });
		});
	});

	describe('problems name the field', () => {
		const [ofsTodo] = triggerItems(ofsTodoSource, 'todo');
		it.each([
			['an OFS to-do without flowid', { ...ofsTodo, flowid: '' }, /^flowid is missing: the OFS push names its flow there$/],
			['an OFS to-do without receiver', { ...ofsTodo, receiver: undefined }, /^receiver is missing: a todo is for one receiver$/],
			['an OFS to-do with a boolean receiver', { ...ofsTodo, receiver: true }, /^receiver is true, not a text or number/],
			['an OFS time that is no time', { ...ofsTodo, createdatetime: '2024-13-45 25:00' }, /^createdatetime is "2024-13-45 25:00", not a time/],
			['an OFS receivets that is no time', { ...ofsTodo, receivets: 'yesterday' }, /^receivets is "yesterday", not a time/],
			['an E10 body whose isRemark names no state', { ...e10TodoSample('todo'), isRemark: '9' }, /^isRemark "9" names no to-do state of the E10 shape/],
			['a normalised object with an unknown operation', { operation: 'archive', flowId: '1', receiver: 'lisi' }, /^operation is "archive": expected one of todo, done, finished, cc, delete_user, delete_flow$/],
			['a normalised to-do without receiver', { operation: 'todo', flowId: '1' }, /^receiver is missing: a todo is for one receiver$/],
			['a normalised object with a text viewed', { operation: 'todo', flowId: '1', receiver: 'lisi', viewed: 'yes' }, /^viewed is "yes", not true or false$/],
			['an object of no known shape', { hello: 'world' }, /^The item is not a to-do event/],
			['a list', [ofsTodo], /^The item is not a to-do event/],
		])('%s', (_name, json, problem) => {
			expect(problemOf(normaliseTodoItem(json))).toMatch(problem);
		});
	});
});
