import { type EventDefinition, type EventFamily, eventCatalogs, eventDisplayName } from '../events';
import { type SuccessRule, describeSuccessRule } from './evaluateSuccess';
import { bodyExcerpt } from './keywordRule';
import type { DeliveryRecord } from './types';

/**
 * The seed's "测试并保存" (test and save, 000): the sender posts sample data for the chosen event to
 * the target and reports whether the target answered with the configured success. These are the
 * sample bodies, shaped as each source system sends them, so a receiver can be tried out before
 * real traffic arrives.
 */

/** Families a user picks an event from (flow actions are a filter inside `flow_message`, not an event). */
const offeredFamilies: readonly EventFamily[] = [
	'hesiApproval',
	'hesiLoan',
	'hesiBusinessObject',
	'hesiMessageCenter',
	'hesiEbot',
	'hesiInternalMessage',
	'jiandaoyunMessage',
	'jiandaoyunDataPush',
	'ofsTodo',
];

const familyNames: Record<EventFamily, string> = {
	hesiApproval: 'Hesi approval',
	hesiLoan: 'Hesi loan',
	hesiBusinessObject: 'Hesi business object',
	hesiMessageCenter: 'Hesi message center',
	hesiEbot: 'Hesi EBot',
	hesiInternalMessage: 'Hesi internal message',
	jiandaoyunMessage: 'Jiandaoyun',
	jiandaoyunFlowAction: 'Jiandaoyun flow action',
	jiandaoyunDataPush: 'Jiandaoyun data push',
	ofsTodo: 'Unified to-do',
	e10Todo: 'Unified to-do (E10)',
};

export interface EventChoice {
	/** `Hesi approval: Pending approval (待审批)` */
	name: string;
	value: string;
	description: string;
}

/** Every event a user can pick, first family wins where two families share a code. */
export function eventChoices(): EventChoice[] {
	const seen = new Set<string>();
	const choices: EventChoice[] = [];
	for (const family of offeredFamilies) {
		for (const event of eventCatalogs[family]) {
			if (seen.has(event.code)) continue;
			seen.add(event.code);
			choices.push({ name: `${familyNames[family]}: ${eventDisplayName(event)}`, value: event.code, description: event.code });
		}
	}
	return choices;
}

export function findOfferedEvent(code: string): EventDefinition | undefined {
	for (const family of offeredFamilies) {
		const event = eventCatalogs[family].find((candidate) => candidate.code === code);
		if (event) return event;
	}
	return undefined;
}

// Sample people and documents, in the seed's own example values (000: 张三, 13111111111).
const sampleUser = { id: 'sample:user01', name: '张三', cellphone: '13111111111', email: 'zhangsan@example.com' };
const sampleFlowId = 'ID_sample_flow01';

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** `yyyy-MM-dd HH:mm:ss` in UTC: the OFS date format (DESIGN.md §4). */
function ofsDateTime(ms: number): string {
	const date = new Date(ms);
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** A sample message body for `eventCode`; a code no catalog knows gets a small generic body. */
export function sampleMessage(eventCode: string, nowMs: number = Date.now()): Record<string, unknown> {
	const event = findOfferedEvent(eventCode);
	const code = eventCode || 'test';
	switch (event?.family) {
		case 'hesiApproval':
		case 'hesiBusinessObject':
		case 'hesiMessageCenter':
			// Notification-type outbound messages carry action, actionName and userInfo (seed 000 field table).
			return { action: code, actionName: event.nameZh, flowId: sampleFlowId, nodeId: 'FLOW:sample:node01', userInfo: sampleUser, submitDate: nowMs };
		case 'hesiEbot':
			return { action: code, flowId: sampleFlowId, nodeId: 'FLOW:sample:ebot01', corporationId: 'sample_corp' };
		case 'hesiLoan':
		case 'hesiInternalMessage':
			return { internalMessageNameType: code, actionName: event.nameZh, userInfo: sampleUser, createTime: nowMs };
		case 'jiandaoyunMessage':
		case 'jiandaoyunDataPush':
			// Jiandaoyun's push envelope (seed 001): {op, data, send_time}.
			return { op: code, data: { _id: 'sample_data01', appId: 'sample_app', entryId: 'sample_form' }, send_time: new Date(nowMs).toISOString() };
		case 'ofsTodo':
			return {
				syscode: 'sample',
				flowid: sampleFlowId,
				requestname: 'Sample request (示例流程)',
				workflowname: 'Sample workflow',
				nodename: 'Approval',
				pcurl: 'https://example.com/todo/sample',
				appurl: 'https://example.com/m/todo/sample',
				isremark: (event as { isremark?: string }).isremark ?? '0',
				viewtype: '0',
				creator: sampleUser.name,
				createdatetime: ofsDateTime(nowMs),
				receiver: sampleUser.name,
				receivedatetime: ofsDateTime(nowMs),
				receivets: String(nowMs),
			};
		default:
			return { event: code, message: 'Sample message from n8n Send Outbound Message', sentAt: new Date(nowMs).toISOString() };
	}
}

export interface TestResult {
	/** Whether the target answered as the success rule requires. */
	passed: boolean;
	/** The rule, in words: `HTTP 200, 201, 204 and code = "1"`. */
	successRule: string | null;
	/** How the target answered: `HTTP 200 {"code":"1"}`, or what went wrong. */
	answer: string;
}

/** The outcome of the seed's "test and save", from the delivery record of the sample message. */
export function testResult(record: DeliveryRecord, rule: SuccessRule | undefined): TestResult {
	const last = record.attempts[record.attempts.length - 1];
	let answer: string;
	if (last?.response) answer = `HTTP ${last.response.status} ${bodyExcerpt(last.response.body)}`;
	else answer = record.message ?? 'No answer';
	if (record.status !== 'succeeded' && record.message && last?.response) answer = `${answer}. ${record.message}`;
	return { passed: record.status === 'succeeded', successRule: rule ? describeSuccessRule(rule) : null, answer };
}
