import {
	approvalEvents,
	hesiApprovalSample,
	hesiBusinessObjectSample,
	hesiEbotSample,
	hesiInternalMessageSample,
	hesiLoanSample,
	hesiMessageCenterSample,
	internalMessageEvents,
	loanEvents,
} from '../../../../../nodes/shared/events';
import {
	hesiApprovalSource,
	hesiBusinessObjectSource,
	hesiEbotSource,
	hesiInternalMessageSource,
	hesiLoanSource,
	hesiMessageCenterSource,
} from '../../../../../nodes/shared/trigger/sources';
import type { EventSource } from '../../../../../nodes/shared/trigger/types';

function problem(source: EventSource, body: unknown): string | undefined {
	const result = source.validate(body, 'default');
	return result.ok ? undefined : result.problem;
}

describe('Hesi approval events', () => {
	it.each(approvalEvents.map((event) => event.code))('accepts the sample of %s and reads its action', (code) => {
		const result = hesiApprovalSource.validate(hesiApprovalSample(code), 'default');
		expect(result.ok).toBe(true);
		expect(result.ok && hesiApprovalSource.eventType(result.payload, 'default')).toBe(code);
	});

	it('keeps fields the subscriber selected that the schema does not know', () => {
		const result = hesiApprovalSource.validate({ ...hesiApprovalSample(), u_项目: { id: 'p1', name: '新园区' } }, 'default');
		expect(result.ok && result.payload.u_项目).toEqual({ id: 'p1', name: '新园区' });
	});

	it('refuses a message without action', () => {
		const { action: _action, ...body } = hesiApprovalSample();
		expect(problem(hesiApprovalSource, body)).toBe('action: Required');
	});

	it('refuses a userInfo without id and a numeric flowId', () => {
		expect(problem(hesiApprovalSource, { ...hesiApprovalSample(), userInfo: { name: '张三' } })).toBe('userInfo.id: Required');
		expect(problem(hesiApprovalSource, { ...hesiApprovalSample(), flowId: 12 })).toBe('flowId: Expected string, received number');
	});

	it('names a known event by the catalog and an unknown one by its actionName', () => {
		expect(hesiApprovalSource.typeName('flow.paid', {})).toBe('Paid / approval completed (已支付/审批完成)');
		expect(hesiApprovalSource.typeName('flow.custom', { actionName: '自定义' })).toBe('自定义');
		expect(hesiApprovalSource.typeName('flow.custom', {})).toBe('flow.custom');
	});
});

describe('Hesi internal messages', () => {
	it.each(internalMessageEvents.map((event) => event.code))('accepts the sample of %s', (code) => {
		const result = hesiInternalMessageSource.validate(hesiInternalMessageSample(code), 'default');
		expect(result.ok && hesiInternalMessageSource.eventType(result.payload, 'default')).toBe(code);
	});

	it('refuses a message without internalMessageNameType', () => {
		expect(problem(hesiInternalMessageSource, { userInfo: { id: 'u1' } })).toBe('internalMessageNameType: Required');
	});
});

describe('Hesi loan events', () => {
	it.each(loanEvents.map((event) => event.code))('accepts the sample of %s', (code) => {
		const result = hesiLoanSource.validate(hesiLoanSample(code), 'default');
		expect(result.ok && hesiLoanSource.eventType(result.payload, 'default')).toBe(code);
	});

	it('reads the type from internalMessageNameType when action is absent', () => {
		expect(hesiLoanSource.eventType({ internalMessageNameType: 'repayment:AGREE' }, 'default')).toBe('repayment:AGREE');
	});

	it('refuses an empty action', () => {
		expect(problem(hesiLoanSource, { action: '' })).toMatch(/^action: /);
	});
});

describe('Hesi business objects, message center and EBot', () => {
	it('accepts business-object samples and reads create / update from action', () => {
		const result = hesiBusinessObjectSource.validate(hesiBusinessObjectSample('datalink.update'), 'default');
		expect(result.ok && hesiBusinessObjectSource.eventType(result.payload, 'default')).toBe('datalink.update');
	});

	it('accepts a business-object message without action, whose type is then unknown', () => {
		expect(hesiBusinessObjectSource.eventType({ entityName: '供应商档案' }, 'default')).toBeUndefined();
		expect(problem(hesiBusinessObjectSource, { entityName: '供应商档案' })).toBeUndefined();
	});

	it('accepts a message-center message and gives it the one message-center type', () => {
		expect(problem(hesiMessageCenterSource, hesiMessageCenterSample())).toBeUndefined();
		expect(hesiMessageCenterSource.eventType(hesiMessageCenterSample(), 'default')).toBe('messageCenter.notify');
	});

	it('accepts an EBot message with flowId and nodeId and refuses one without nodeId', () => {
		expect(problem(hesiEbotSource, hesiEbotSample())).toBeUndefined();
		const { nodeId: _nodeId, ...body } = hesiEbotSample();
		expect(problem(hesiEbotSource, body)).toBe('nodeId: Required');
	});

	it('refuses a body that is not an object', () => {
		expect(problem(hesiMessageCenterSource, ['a'])).toMatch(/^\(body\): Expected object, received array/);
	});
});
