import { z } from 'zod';

import { e10TodoEventByIsRemark, e10TodoEvents, e10TodoSample, eventDisplayName, findE10TodoEvent, findOfsTodoEvent } from '../../events';
import { describeSchemaProblem } from '../schemaProblem';
import type { EventSource, JsonObject, SourceAnswer } from '../types';
import { ofsTodoSource } from './ofsTodo';
import { asText, field, required } from './todoFields';

/**
 * Weaver E10 unified to-do in its camelCase push shape (DESIGN §4), on the node's one URL: the state
 * from `isRemark` (0 to-do, 2 done, 4 finished, 8 CC, 10 to claim, -1 deleted for the receiver; a
 * body without `isRemark` deletes the whole flow). E10 reads the answer body `{code, msg, status}`,
 * `code` 200 and `status` true meaning accepted, as it does from E10's own to-do API.
 */

const todoFields = {
	sysCode: required,
	flowId: required,
	requestName: field.optional(),
	workFlowName: field.optional(),
	nodeName: field.optional(),
	pcUrl: field.optional(),
	appUrl: field.optional(),
	viewType: field.optional(),
	creator: field.optional(),
	createDateTime: field.optional(),
	receiver: required,
	receiveDateTime: field.optional(),
	receivets: field.optional(),
	tenantKey: field.optional(),
	taskId: field.optional(),
};

const isRemarkStates = e10TodoEvents.filter((event) => event.isRemark !== undefined);
const isRemarkValues = isRemarkStates.map((event) => `${event.isRemark} (${event.nameEn})`);
const isRemarkProblem = (value: string | number) =>
	`${JSON.stringify(value)} is not an E10 state; expected ${isRemarkValues.slice(0, -1).join(', ')} or ${isRemarkValues[isRemarkValues.length - 1]}`;

/** Any other `isRemark` is refused (400 naming the field and the values), as OFS's `isremark` is. */
const isRemark = required.superRefine((value, context) => {
	if (e10TodoEventByIsRemark(String(value).trim()) === undefined) {
		context.addIssue({ code: z.ZodIssueCode.custom, message: isRemarkProblem(value) });
	}
});

const receiveSchema = z.object({ ...todoFields, isRemark }).passthrough();
const deleteFlowSchema = z.object({ sysCode: required, flowId: required }).passthrough();

function has(body: unknown, key: string): boolean {
	return body !== null && typeof body === 'object' && (body as JsonObject)[key] !== undefined;
}

function stateOf(payload: JsonObject): string | undefined {
	const value = asText(payload.isRemark);
	return value === undefined ? 'deleteFlow' : e10TodoEventByIsRemark(value.trim())?.code;
}

function answerBody(answer: SourceAnswer): JsonObject {
	return { code: answer.success ? 200 : answer.status, msg: answer.message, status: answer.success };
}

export const e10TodoSource: EventSource = {
	source: 'e10',
	senderName: 'the OA system',
	catalog: e10TodoEvents,
	defaultResponse: { status: 200, body: '' },
	configurableBody: false,
	flowIdPath: 'flowId',
	validate(body) {
		const result = (has(body, 'isRemark') ? receiveSchema : deleteFlowSchema).safeParse(body);
		// The body itself, not zod's copy (which reorders keys): items keep the order received.
		return result.success
			? { ok: true, payload: body as JsonObject }
			: { ok: false, problem: describeSchemaProblem(result.error) };
	},
	eventType: stateOf,
	typeName(type) {
		const state = type === undefined ? undefined : findE10TodoEvent(type);
		return state ? eventDisplayName(state) : (type ?? null);
	},
	// As OFS: `receivets` (ms) is set once per push, so the same state for the same receiver with the
	// same receivets is a re-sent push.
	defaultDuplicateKey(payload, type) {
		const receivets = asText(payload.receivets);
		if (receivets === undefined || type === undefined) return undefined;
		return [type, payload.sysCode, payload.flowId, payload.receiver, receivets].map((part) => asText(part) ?? '').join('|');
	},
	answerBody,
	unsignedNotice:
		'E10 pushes carry no signature: let only the OA network reach this URL, or put a signing gateway in front and choose Verify With Credential.',
	sample: (code) => ({ payload: e10TodoSample(findE10TodoEvent(code ?? 'todo')?.code ?? 'todo'), endpoint: 'default' }),
};

/**
 * An E10 body names its keys in camelCase (`sysCode`, `flowId`), an OFS body in lower case (`syscode`,
 * `flowid`): a body with the former and neither of the latter is E10's; everything else, a body that
 * is not an object included, is read (and refused) as OFS, today's behaviour.
 */
export function isE10TodoBody(body: unknown): boolean {
	return (has(body, 'sysCode') || has(body, 'flowId')) && !has(body, 'syscode') && !has(body, 'flowid');
}

/** Both shapes on the same URLs, each body read by the source of its shape. */
export const detectedTodoSource: EventSource = {
	...ofsTodoSource,
	resolve: (body) => (isE10TodoBody(body) ? e10TodoSource : ofsTodoSource),
};

/**
 * The Unified Todo Trigger's source: OFS by default (what workflows saved before E10 keep), E10 or
 * either by the node's Push Format. Its picker offers every state of both (OFS's, then E10's to-claim).
 */
export const unifiedTodoSource: EventSource = {
	...ofsTodoSource,
	catalog: e10TodoEvents.map((event) => findOfsTodoEvent(event.code) ?? event),
	shapes: {
		name: 'pushFormat',
		displayName: 'Push Format',
		description: 'The shape the OA system pushes its to-dos in; the answer is given in the same shape',
		default: 'ofs',
		options: [
			{
				name: 'OFS (E-Cology 8/9)',
				value: 'ofs',
				description: 'Lower-case fields (syscode, flowid, isremark), on this URL or the five OFS REST endpoints; answered with operResult',
				source: ofsTodoSource,
			},
			{
				name: 'E10',
				value: 'e10',
				description: 'CamelCase fields (sysCode, flowId, isRemark including 10 to claim and -1 deleted); answered with code 200 and status true',
				source: e10TodoSource,
			},
			{
				name: 'Detect Automatically',
				value: 'detect',
				description: 'Each push read in the shape its field names show (sysCode / flowId: E10; otherwise OFS) and answered in it',
				source: detectedTodoSource,
			},
		],
	},
};
