/**
 * TodoEvent from the approval events of products that are not to-do systems, so their flows can land
 * in one (the cross-vendor hub of issue 13): Hesi approval events (seed 000) and Jiandaoyun flow
 * messages (seed 001), as their triggers emit them. Which event is which operation is data below.
 */
import { findApprovalEvent, findJiandaoyunFlowAction } from '../events';
import type { TodoEvent, TodoOperation } from './types';
import { FieldProblem, isObject, receivedMs, requiredText, text, timeMs, triggerStamp, type Json, type NormaliseOptions } from './normaliseFields';

/**
 * Hesi `action` → operation. A Hesi approval message goes to one person (`userInfo`): the backlog.*
 * events put a document on that person's to-do list (待审批, 待寄送, 待收单, 待支付); a handled to-do,
 * an approval, a payment or a rejection ends it; a retract takes the document back from the notified
 * approver; a deleted document is gone for everyone. Reminders, comments, mentions and prints change
 * no to-do and are not in the table.
 */
export const hesiTodoOperations: Readonly<Record<string, TodoOperation>> = {
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

/**
 * Jiandaoyun `data.flow_action` → operation. Seed 001 §4.5: Jiandaoyun pushes a flow message to the
 * person now responsible for the flow, so every action of its table that hands someone a step is a
 * to-do for the recipient (submitted, sent back, transferred, reactivated, approver added, timed out,
 * urged), and a copy is a CC. The batch actions carry neither content nor link, so no flow: not here.
 */
export const jiandaoyunTodoOperations: Readonly<Record<string, TodoOperation>> = {
	flow_forward: 'todo',
	flow_auto_forward: 'todo',
	flow_back: 'todo',
	flow_auto_back: 'todo',
	flow_member_transfer: 'todo',
	flow_admin_transfer: 'todo',
	flow_activate: 'todo',
	flow_sign_before: 'todo',
	flow_sign_after: 'todo',
	flow_sign_parallel: 'todo',
	flow_sign_before_complete: 'todo',
	flow_timeout: 'todo',
	flow_urge: 'todo',
	flow_cc: 'cc',
	// Not in seed 001's table of 17 actions: issue 13 names an end of the flow, an approval, a rejection
	// and a withdrawal. Unverified against Jiandaoyun; listed so a push carrying them maps as asked.
	flow_finish: 'done',
	flow_approve: 'done',
	flow_reject: 'done',
	flow_withdraw: 'delete_user',
};

/** The person an id field names: Hesi staff fields are `{id, name}` objects, or a bare id. */
function personId(value: unknown): string | undefined {
	return isObject(value) ? text(value.id) : text(value);
}

export function fromHesiApproval(item: Json, options: NormaliseOptions): TodoEvent {
	const action = text(item.action) ?? triggerStamp(item)?.type;
	if (action === undefined) throw new FieldProblem('action is missing: a Hesi approval event names its event there (e.g. backlog.approving)');
	const operation = hesiTodoOperations[action];
	if (operation === undefined) {
		const known = findApprovalEvent(action);
		throw new FieldProblem(
			`action ${JSON.stringify(action)}${known ? ` (${known.nameEn})` : ''} changes no to-do: only ${Object.keys(hesiTodoOperations).join(', ')} do; select those in the Hesi Approval Event Trigger`,
		);
	}
	const flowId = requiredText(item, 'flowId', 'select 单据ID (flowId) among the outbound message\'s fields in Hesi');
	const receiver = personId(item.userInfo);
	if (receiver === undefined && operation !== 'delete_flow') throw new FieldProblem('userInfo.id is missing: Hesi names the person the message is for there');
	const received = receivedMs(item, options);
	return {
		operation,
		flowId,
		title: text(item.title) ?? text(item.code) ?? flowId,
		workflowName: '',
		nodeName: text(item.nodeName) ?? text(item.nodeId) ?? '',
		creator: personId(item.submitterId) ?? '',
		createdAt: timeMs(item.submitDate, 'submitDate', options) ?? received,
		receiver: receiver ?? '',
		receivedAt: received,
		pcUrl: '',
		appUrl: '',
		viewed: false,
		// Hesi sends no version of a document's state: the time the trigger received the message.
		ts: received,
		businessStatus: action,
	};
}

/** The record a flow message is about: `dataId=` of the new link format, `/data/<id>` of the old (seed 001 §4.5.3). */
function dataIdOf(url: string): string | undefined {
	const query = /[?&]dataId=([^&#]+)/.exec(url);
	if (query) return decodeURIComponent(query[1]);
	return /\/data\/([^/?#]+)/.exec(url)?.[1];
}

export function fromJiandaoyunPush(item: Json, options: NormaliseOptions): TodoEvent {
	const op = text(item.op);
	if (op !== 'flow_message') {
		throw new FieldProblem(`op is ${JSON.stringify(item.op ?? null)}: only flow_message pushes are flow to-dos; select Flow message in the Jiandaoyun Push Trigger's Events`);
	}
	const data = isObject(item.data) ? item.data : {};
	const action = text(data.flow_action);
	const operation = action === undefined ? undefined : jiandaoyunTodoOperations[action];
	if (action === undefined) throw new FieldProblem('data.flow_action is missing: a flow message names its flow action there');
	if (operation === undefined) {
		const known = findJiandaoyunFlowAction(action);
		throw new FieldProblem(`data.flow_action ${JSON.stringify(action)}${known ? ` (${known.nameEn})` : ''} is not a to-do change of one flow: choose other Flow Actions in the Jiandaoyun Push Trigger`);
	}
	const to = Array.isArray(data.to) ? data.to : [];
	if (to.length !== 1) {
		throw new FieldProblem(
			to.length === 0
				? 'data.to names no recipient: a flow to-do is for one person'
				: `data.to names ${to.length} recipients: turn on Split Recipients Into Items in the Jiandaoyun Push Trigger so each item has one`,
		);
	}
	const receiver = isObject(to[0]) ? text(to[0].username) : undefined;
	if (receiver === undefined) throw new FieldProblem('data.to.0.username is missing: Jiandaoyun names the recipient there');
	const url = text(data.url) ?? '';
	const flowId = dataIdOf(url);
	if (flowId === undefined) throw new FieldProblem(`data.url ${JSON.stringify(url)} names no record (dataId=… or /data/<id>): the flow cannot be told apart from others`);
	const sent = timeMs(item.send_time, 'send_time', options) ?? receivedMs(item, options);
	const entry = text(data.entry_name) ?? '';
	const summary = text(data.content)?.split('\n')[0];
	return {
		operation,
		flowId,
		title: summary ? `${entry}: ${summary}` : entry || (text(data.notify_text) ?? flowId),
		workflowName: entry,
		nodeName: '',
		creator: '',
		createdAt: sent,
		receiver,
		receivedAt: sent,
		pcUrl: url,
		appUrl: url,
		viewed: false,
		// Jiandaoyun's push time orders its messages about one flow.
		ts: sent,
		businessStatus: action,
	};
}
