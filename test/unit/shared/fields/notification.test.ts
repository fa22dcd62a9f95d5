import { approvalEvents } from '../../../../nodes/shared/events/hesiApproval';
import { internalMessageEvents } from '../../../../nodes/shared/events/hesiInternalMessage';
import { toFieldErrors } from '../../../../nodes/shared/fields/fieldProblem';
import {
	actionNameFor,
	normaliseAction,
	normaliseActionName,
	normaliseInternalMessageNameType,
	normaliseUserInfo,
	userInfoOutputSchema,
} from '../../../../nodes/shared/fields/notification';
import { seed000Examples } from './seedExamples';

describe('notification fields, seed 000', () => {
	it("reproduces the seed's action, actionName and internalMessageNameType examples byte for byte", () => {
		const action = normaliseAction('flow.rejected');
		expect(action.ok && JSON.stringify(action.value)).toBe(seed000Examples.action);
		expect(JSON.stringify(actionNameFor('flow.rejected'))).toBe(seed000Examples.actionName);
		const actionName = normaliseActionName('被驳回');
		expect(actionName.ok && JSON.stringify(actionName.value)).toBe(seed000Examples.actionName);
		const type = normaliseInternalMessageNameType('freeflow:autoSubmit');
		expect(type.ok && JSON.stringify(type.value)).toBe(seed000Examples.internalMessageNameType);
	});

	it('accepts every code of the approval and internal-message catalogs', () => {
		for (const event of approvalEvents) expect(normaliseAction(event.code)).toEqual({ ok: true, value: event.code });
		for (const event of internalMessageEvents) expect(normaliseInternalMessageNameType(event.code)).toEqual({ ok: true, value: event.code });
	});

	it('refuses an action the catalog does not know, listing the codes', () => {
		const result = normaliseAction('flow.approved');
		const message = !result.ok && toFieldErrors('action', result.problems, { nameZh: '通知类出站消息类别', name: 'action' })[0].message;
		expect(message).toMatch(/^Field 'action' \(通知类出站消息类别 action\): expected a Hesi approval event code: backlog\.approving, .*flow\.rejected.*, received 'flow\.approved'$/);
	});

	it('refuses an internal message type the catalog does not know', () => {
		const result = normaliseInternalMessageNameType('freeflow:unknown');
		expect(!result.ok && result.problems[0].received).toBe('freeflow:unknown');
	});

	it("reproduces the seed's userInfo example byte for byte", () => {
		const result = normaliseUserInfo(JSON.parse(seed000Examples.userInfo));
		expect(result.ok && JSON.stringify(result.value)).toBe(seed000Examples.userInfo);
		expect(result.ok && userInfoOutputSchema.safeParse(result.value).success).toBe(true);
	});

	it("writes a missing cellphone and email as '' so the seed's four keys are always there", () => {
		expect(normaliseUserInfo({ id: 'u1', name: '张三' })).toEqual({ ok: true, value: { id: 'u1', name: '张三', cellphone: '', email: '' } });
	});

	it('accepts phone numbers with a country code, spaces and dashes', () => {
		expect(normaliseUserInfo({ id: 'u1', name: '张三', cellphone: '+86 131-1111-1111' }).ok).toBe(true);
	});

	it('refuses a bad email and a bad phone number, with the members named', () => {
		const result = normaliseUserInfo({ id: 'u1', name: '张三', cellphone: 'call me', email: '张三' });
		expect(!result.ok && toFieldErrors('userInfo', result.problems, { nameZh: '通知类出站消息消息接收人', name: 'userInfo' }).map((e) => e.message)).toEqual([
			"Field 'userInfo.cellphone' (通知类出站消息消息接收人 userInfo): expected a phone number like 13111111111 (digits, optionally a leading + and spaces or dashes), received 'call me'",
			"Field 'userInfo.email' (通知类出站消息消息接收人 userInfo): expected an email address like 123456@163.com, received '张三'",
		]);
	});
});
