/**
 * One input item's JSON → one TodoEvent, or the sentence saying which field is missing or wrong (the
 * Unified Todo Push node fails that item with it). Reads, by what the item is:
 * - an item of this package's Unified Todo Trigger (OFS or E10 shape, told by `json.event.source`),
 *   or such a body as the OA sent it (told by its keys);
 * - an already normalised object (`operation`, `flowId`, … as TodoEvent names them);
 * - an item of the Hesi Approval Event Trigger or of the Jiandaoyun Push Trigger (`flow_message`),
 *   so approvals of those products become to-dos (fromVendorEvents.ts has the mapping).
 */
import { e10Shape, fromOaPush, oaShapeOf, ofsShape } from './fromOaPush';
import { fromHesiApproval, fromJiandaoyunPush } from './fromVendorEvents';
import { FieldProblem, isObject, requiredText, text, timeMs, triggerStamp, type Json, type NormaliseOptions } from './normaliseFields';
import { todoOperations, type TodoEvent, type TodoOperation } from './types';

export type { NormaliseOptions } from './normaliseFields';

export type NormaliseResult = { ok: true; event: TodoEvent } | { ok: false; problem: string };

const notATodo =
	'The item is not a to-do event: expected an item of the Unified Todo Trigger (OFS or E10), the Hesi Approval Event Trigger or the Jiandaoyun Push Trigger (flow_message), or an object with operation, flowId and receiver';

export function normaliseTodoItem(json: unknown, options: NormaliseOptions = {}): NormaliseResult {
	if (!isObject(json)) return { ok: false, problem: notATodo };
	try {
		const event = readItem(json, options);
		addRuleFields(json, event);
		return { ok: true, event };
	} catch (error) {
		if (error instanceof FieldProblem) return { ok: false, problem: error.message };
		throw error;
	}
}

function readItem(item: Json, options: NormaliseOptions): TodoEvent {
	switch (triggerStamp(item)?.source) {
		case 'ofs':
			return fromOaPush(item, ofsShape, options);
		case 'e10':
			return fromOaPush(item, e10Shape, options);
		case 'hesi':
			return fromHesiApproval(item, options);
		case 'jiandaoyun':
			return fromJiandaoyunPush(item, options);
		default:
			break;
	}
	if (item.operation !== undefined) return fromNormalised(item, options);
	const oa = oaShapeOf(item);
	if (oa) return fromOaPush(item, oa, options);
	if (item.action !== undefined && isObject(item.userInfo)) return fromHesiApproval(item, options);
	if (typeof item.op === 'string' && isObject(item.data)) return fromJiandaoyunPush(item, options);
	throw new FieldProblem(notATodo);
}

function isOperation(value: unknown): value is TodoOperation {
	return typeof value === 'string' && (todoOperations as readonly string[]).includes(value);
}

function stringList(item: Json, field: string): string[] | undefined {
	const value = item[field];
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) throw new FieldProblem(`${field} is not a list of texts`);
	return value as string[];
}

/** An object already in TodoEvent's terms (from a Set node, a form, or an earlier run): checked, gaps filled. */
function fromNormalised(item: Json, options: NormaliseOptions): TodoEvent {
	if (!isOperation(item.operation)) {
		throw new FieldProblem(`operation is ${JSON.stringify(item.operation)}: expected one of ${todoOperations.join(', ')}`);
	}
	const operation = item.operation;
	const flowId = requiredText(item, 'flowId', 'it names the flow in the OA');
	const receiver = operation === 'delete_flow' ? (text(item.receiver) ?? '') : requiredText(item, 'receiver', `a ${operation} is for one receiver`);
	const ts = timeMs(item.ts, 'ts', options);
	const receivedAt = timeMs(item.receivedAt, 'receivedAt', options) ?? ts ?? options.now ?? Date.now();
	if (item.viewed !== undefined && typeof item.viewed !== 'boolean') throw new FieldProblem(`viewed is ${JSON.stringify(item.viewed)}, not true or false`);
	const event: TodoEvent = {
		operation,
		flowId,
		title: text(item.title) ?? '',
		workflowName: text(item.workflowName) ?? '',
		nodeName: text(item.nodeName) ?? '',
		creator: text(item.creator) ?? '',
		createdAt: timeMs(item.createdAt, 'createdAt', options) ?? receivedAt,
		receiver,
		receivedAt,
		pcUrl: text(item.pcUrl) ?? '',
		appUrl: text(item.appUrl) ?? '',
		viewed: item.viewed === true,
		ts: ts ?? receivedAt,
	};
	return event;
}

/**
 * The optional fields the interception rules read (workflow id and type, business status, the
 * receiver's department, roles and groups), on any shape: an OA push carries none of them, so an
 * earlier node (a Set node, a lookup) adds them to the item, in camelCase or OFS-style lower case.
 */
function addRuleFields(item: Json, event: TodoEvent): void {
	for (const field of ['workflowId', 'workflowType', 'businessStatus', 'department', 'tenantKey', 'taskId'] as const) {
		const value = text(item[field]) ?? text(item[field.toLowerCase()]);
		if (value !== undefined) event[field] ??= value;
	}
	const roles = stringList(item, 'roles');
	const groups = stringList(item, 'groups');
	if (roles) event.roles = roles;
	if (groups) event.groups = groups;
}
