/**
 * TodoEvent from a Weaver OA push as the Unified Todo Trigger emits it (the body plus `json.event`),
 * or as received: the OFS shape (lower-case fields, DESIGN §4) and the E10 shape (camelCase).
 */
import { e10TodoEventByIsRemark, ofsTodoEventByIsremark } from '../events';
import type { TodoEvent, TodoOperation } from './types';
import { FieldProblem, receivedMs, requiredText, text, timeMs, triggerStamp, type Json, type NormaliseOptions } from './normaliseFields';

/** The trigger's event codes (shared by both shapes) as to-do operations. E10's to-claim is a to-do someone may take. */
const operationOfState: Readonly<Record<string, TodoOperation>> = {
	todo: 'todo',
	done: 'done',
	finished: 'finished',
	cc: 'cc',
	toClaim: 'todo',
	deleteUser: 'delete_user',
	deleteFlow: 'delete_flow',
};

/** The field names of one shape: OFS writes them in lower case, E10 in camelCase. */
interface OaShape {
	name: 'OFS' | 'E10';
	flowId: string;
	title: string;
	workflowName: string;
	nodeName: string;
	pcUrl: string;
	appUrl: string;
	state: string;
	viewType: string;
	createdAt: string;
	receivedAt: string;
	/** Where a user delete names its user (OFS: `userid`, E10: `receiver` with isRemark -1). */
	deletedUser: string;
	/** The state an unstamped body names. */
	stateOf(item: Json): string | undefined;
}

export const ofsShape: OaShape = {
	name: 'OFS',
	flowId: 'flowid',
	title: 'requestname',
	workflowName: 'workflowname',
	nodeName: 'nodename',
	pcUrl: 'pcurl',
	appUrl: 'appurl',
	state: 'isremark',
	viewType: 'viewtype',
	createdAt: 'createdatetime',
	receivedAt: 'receivedatetime',
	deletedUser: 'userid',
	stateOf(item) {
		const isremark = text(item.isremark);
		if (isremark !== undefined) return ofsTodoEventByIsremark(isremark.trim())?.code;
		return item.userid === undefined ? 'deleteFlow' : 'deleteUser';
	},
};

export const e10Shape: OaShape = {
	name: 'E10',
	flowId: 'flowId',
	title: 'requestName',
	workflowName: 'workFlowName',
	nodeName: 'nodeName',
	pcUrl: 'pcUrl',
	appUrl: 'appUrl',
	state: 'isRemark',
	viewType: 'viewType',
	createdAt: 'createDateTime',
	receivedAt: 'receiveDateTime',
	deletedUser: 'receiver',
	stateOf(item) {
		const isRemark = text(item.isRemark);
		return isRemark === undefined ? 'deleteFlow' : e10TodoEventByIsRemark(isRemark.trim())?.code;
	},
};

/** The shape of an unstamped body by its keys, as the trigger's Detect Automatically reads it. */
export function oaShapeOf(item: Json): OaShape | undefined {
	if (item.syscode !== undefined || item.flowid !== undefined) return ofsShape;
	if (item.sysCode !== undefined || item.flowId !== undefined) return e10Shape;
	return undefined;
}

export function fromOaPush(item: Json, shape: OaShape, options: NormaliseOptions): TodoEvent {
	const stamped = triggerStamp(item)?.type;
	const state = stamped ?? shape.stateOf(item);
	const operation = state === undefined ? undefined : operationOfState[state];
	if (operation === undefined) {
		const given = stamped === undefined ? `${shape.state} ${JSON.stringify(item[shape.state])}` : `event.type ${JSON.stringify(stamped)}`;
		throw new FieldProblem(`${given} names no to-do state of the ${shape.name} shape (to-do, done, finished, CC${shape === e10Shape ? ', to claim' : ''} or a delete)`);
	}
	const flowId = requiredText(item, shape.flowId, `the ${shape.name} push names its flow there`);
	const receiverField = operation === 'delete_user' ? shape.deletedUser : 'receiver';
	const receiver = operation === 'delete_flow' ? (text(item.receiver) ?? '') : requiredText(item, receiverField, `a ${operation} is for one receiver`);
	const received = timeMs(item[shape.receivedAt], shape.receivedAt, options);
	// OFS / E10: receivets is the OA's version of the to-do, so an older push never overwrites a newer.
	const ts = timeMs(item.receivets, 'receivets', options) ?? received ?? receivedMs(item, options);
	const receivedAt = received ?? ts;
	const viewType = text(item[shape.viewType]);
	const event: TodoEvent = {
		operation,
		flowId,
		title: text(item[shape.title]) ?? '',
		workflowName: text(item[shape.workflowName]) ?? '',
		nodeName: text(item[shape.nodeName]) ?? '',
		creator: text(item.creator) ?? '',
		createdAt: timeMs(item[shape.createdAt], shape.createdAt, options) ?? receivedAt,
		receiver,
		receivedAt,
		pcUrl: text(item[shape.pcUrl]) ?? '',
		appUrl: text(item[shape.appUrl]) ?? '',
		// OFS / E10 viewtype: 0 unread, 1 read.
		viewed: viewType === '1',
		ts,
	};
	if (state === 'toClaim') event.businessStatus = 'toClaim';
	const tenantKey = text(item.tenantKey);
	const taskId = text(item.taskId);
	if (shape === e10Shape && tenantKey !== undefined) event.tenantKey = tenantKey;
	if (shape === e10Shape && taskId !== undefined) event.taskId = taskId;
	return event;
}
