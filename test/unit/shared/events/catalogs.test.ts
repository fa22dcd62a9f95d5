import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	approvalEvents,
	businessObjectEvents,
	ebotEvents,
	eventCatalogs,
	eventDisplayName,
	findApprovalEvent,
	findEvent,
	findInternalMessageEvent,
	findJiandaoyunFlowAction,
	findJiandaoyunOp,
	findOfsTodoEvent,
	internalMessageEvents,
	jiandaoyunDataPushEvents,
	jiandaoyunFlowActions,
	jiandaoyunMessageEvents,
	loanEvents,
	messageCenterEvents,
	ofsPaths,
	ofsTodoEventByIsremark,
	ofsTodoEvents,
	type EventFamily,
} from '../../../../nodes/shared/events';

/** Golden copies of the seed lists (see the first line of each fixture for its source). */
const fixture = (name: string): string[] =>
	readFileSync(join(__dirname, 'fixtures', name), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'));

describe('event catalogs', () => {
	it.each(Object.entries(eventCatalogs))('has unique codes in the %s catalog', (_family, catalog) => {
		const codes = catalog.map((event) => event.code);
		expect(new Set(codes).size).toBe(codes.length);
	});

	it.each(Object.entries(eventCatalogs))('tags every %s entry with its own family and both names', (family, catalog) => {
		for (const event of catalog) {
			expect(event.family).toBe(family);
			expect(event.nameZh.trim()).not.toBe('');
			expect(event.nameEn.trim()).not.toBe('');
			expect(event.code).toBe(event.code.trim());
		}
	});

	it('holds the 19 Hesi approval events: the 16 documented action codes and 3 chosen ones', () => {
		expect(approvalEvents).toHaveLength(19);
		const documented = approvalEvents.filter((event) => event.documentedCode).map((event) => event.code);
		// Seed 000, "通知类出站消息类别": 16 codes listed under the action field (urgent.remind included).
		expect(documented.sort()).toEqual(
			[
				'flow.rejected',
				'freeflow.ticketReserve',
				'freeflow.retract',
				'freeflow.delete',
				'backlog.sending',
				'backlog.receiving',
				'flow.paid',
				'urgent.remind',
				'freeflow.mention',
				'freeflow.print',
				'backlog.paying',
				'freeflow.comment',
				'backlog.approving',
				'freeflow.remind',
				'timeout.remind',
				'freeflow.carbonCopy',
			].sort(),
		);
		expect(approvalEvents.filter((event) => !event.documentedCode).map((event) => event.nameZh)).toEqual([
			'支付中',
			'待办已处理',
			'申请单变更',
		]);
	});

	it('names every approval event of the seed event list', () => {
		// Seed 000, "审批事件类型": 18 names (加急审批 comes from the action list).
		const names = ['待审批', '待寄送', '待收单', '待支付', '被驳回', '支付中', '已支付/审批完成', '催办', '超时提醒', '抄送', '评论', '被@', '打印提醒', '单据撤回', '单据删除', '待办已处理', '申请单变更'];
		const catalogNames = approvalEvents.map((event) => event.nameZh);
		for (const name of names) expect(catalogNames).toContain(name);
		expect(catalogNames.some((name) => name.startsWith('审批通过'))).toBe(true);
	});

	it('finds an approval event by its action code and nothing for an unknown code', () => {
		expect(findApprovalEvent('flow.rejected')?.nameZh).toBe('被驳回');
		expect(findApprovalEvent('flow.nonsense')).toBeUndefined();
	});

	it('holds all 66 internalMessageNameType codes of seed 000, copied exactly', () => {
		expect(internalMessageEvents).toHaveLength(66);
		expect(findInternalMessageEvent('requistion')?.nameZh).toBe('待办通知');
		expect(findInternalMessageEvent('freeflow:print:batch_bak')).toBeDefined();
		expect(findInternalMessageEvent('batch:owner:freeflow.receive')?.nameZh).toBe('批量通过通知-收单');
	});

	it('matches the seed 000 internal message list line by line, splitting the one line that lacks a space', () => {
		const fromSeed = fixture('seed000-internal-messages.txt').map((line) => {
			const match = /^([A-Za-z0-9:._]+)\s*(.*)$/.exec(line) as RegExpExecArray;
			return [match[1], match[2]];
		});
		expect(fromSeed).toHaveLength(66);
		expect(fromSeed).toEqual(internalMessageEvents.map((event) => [event.code, event.nameZh]));
	});

	it('holds the five loan events on the related repayment internal-message codes', () => {
		expect(loanEvents.map((event) => event.code)).toEqual([
			'repayment:APPROVE',
			'repayment:AGREE',
			'repayment:REJECT',
			'loan:EXPIRE',
			'chargeAgainst',
		]);
		for (const event of loanEvents) {
			expect(event.documentedCode).toBe(false);
			expect(findInternalMessageEvent(event.code)).toBeDefined();
		}
	});

	it('holds create and update for business objects and one event each for message center and EBot', () => {
		expect(businessObjectEvents.map((event) => event.code)).toEqual(['datalink.create', 'datalink.update']);
		expect(messageCenterEvents).toHaveLength(1);
		expect(ebotEvents).toHaveLength(1);
	});

	it('holds the 7 Jiandaoyun message ops, 17 flow actions and 4 data-push ops', () => {
		expect(jiandaoyunMessageEvents.map((event) => event.code)).toEqual([
			'form_schedule_message',
			'data_create_message',
			'data_update_message',
			'form_widget_message',
			'flow_message',
			'dash_schedule_message',
			'dash_alert_message',
		]);
		expect(jiandaoyunFlowActions).toHaveLength(17);
		expect(findJiandaoyunFlowAction('flow_urge')?.notifyText).toBe('有一条流程急需处理');
		expect(jiandaoyunDataPushEvents.map((event) => event.code)).toEqual([
			'data_create',
			'data_update',
			'data_remove',
			'data_recover',
		]);
		expect(findJiandaoyunOp('data_recover')?.family).toBe('jiandaoyunDataPush');
		expect(findJiandaoyunOp('flow_message')?.family).toBe('jiandaoyunMessage');
	});

	it('lists every flow_action row of seed 001 with its name and default notify text', () => {
		const fromSeed = fixture('seed001-flow-actions.txt').map((line) => {
			const cells = line.split('|').map((cell) => cell.trim());
			// flow_timeout's cell reads 默认为“…”，可在超时提醒设置中自定义: the catalog keeps the default.
			const notifyText = /^默认为“(.*)”/.exec(cells[3])?.[1] ?? cells[3];
			return [cells[1].replace(/\\_/g, '_'), cells[2], notifyText];
		});
		expect(fromSeed).toEqual(jiandaoyunFlowActions.map((action) => [action.code, action.nameZh, action.notifyText]));
	});

	it('holds the six OFS to-do states with their isremark values and endpoints', () => {
		expect(ofsTodoEvents.map((event) => [event.code, event.isremark, event.ofsPath])).toEqual([
			['todo', '0', 'ReceiveRequestInfoByJson'],
			['done', '2', 'ProcessDoneRequestByJson'],
			['finished', '4', 'ProcessOverRequestByJson'],
			['cc', '8', 'ReceiveRequestInfoByJson'],
			['deleteUser', undefined, 'deleteUserRequestInfoByJson'],
			['deleteFlow', undefined, 'deleteRequestInfoByJson'],
		]);
		expect(ofsPaths).toHaveLength(5);
		expect(ofsTodoEventByIsremark('8')?.code).toBe('cc');
		expect(findOfsTodoEvent('deleteFlow')?.operType).toBe('AutoDel');
	});

	it('finds any event by family and code', () => {
		const family: EventFamily = 'hesiInternalMessage';
		expect(findEvent(family, 'pwdExpire')?.nameEn).toBe('Password expiry reminder');
		expect(findEvent('hesiApproval', 'pwdExpire')).toBeUndefined();
	});

	it('shows an event as its English name with the Chinese name in brackets', () => {
		expect(eventDisplayName(approvalEvents[0])).toBe('Pending approval (待审批)');
	});
});
