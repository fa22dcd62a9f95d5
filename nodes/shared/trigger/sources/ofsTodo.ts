import { z } from 'zod';

import { eventDisplayName, findOfsTodoEvent, ofsPaths, ofsTodoEventByIsremark, ofsTodoEvents, ofsTodoSample, type OfsPath } from '../../events';
import { describeSchemaProblem } from '../schemaProblem';
import type { EventSource, JsonObject, SourceAnswer } from '../types';
import { asText, field, required } from './todoFields';

/**
 * Weaver e-cology unified to-do in the OFS REST shape (DESIGN §4), on one URL (state from
 * `isremark`; a body without `isremark` is a delete: of one user's to-do with `userid`, of the
 * whole flow without) and on the five OFS endpoints. OFS senders read the answer body:
 * `{syscode, dataType, operType, operResult: "1"|"0", message}`, operResult 1 meaning accepted.
 */

const todoFields = {
	syscode: required,
	flowid: required,
	requestname: field.optional(),
	workflowname: field.optional(),
	nodename: field.optional(),
	pcurl: field.optional(),
	appurl: field.optional(),
	viewtype: field.optional(),
	creator: field.optional(),
	createdatetime: field.optional(),
	receiver: required,
	receivedatetime: field.optional(),
	receivets: field.optional(),
};

/**
 * `isremark` names the state of a ReceiveRequestInfoByJson body: DESIGN §4's 0 to-do, 2 done,
 * 4 finished, 8 CC (seed 002 names the states, not their numbers). Any other value is refused (400,
 * operResult "0", naming the field and the values): accepted, it would start a run whose event has no
 * type, and the OA system would log the push as delivered.
 */
const isremarkStates = ofsTodoEvents.filter((event) => event.isremark !== undefined);
const isremarkValues = isremarkStates.map((event) => `${event.isremark} (${event.nameEn})`);
const isremarkProblem = (value: string | number) =>
	`${JSON.stringify(value)} is not an OFS state; expected ${isremarkValues.slice(0, -1).join(', ')} or ${isremarkValues[isremarkValues.length - 1]}`;

const isremark = required.superRefine((value, context) => {
	if (ofsTodoEventByIsremark(String(value).trim()) === undefined) {
		context.addIssue({ code: z.ZodIssueCode.custom, message: isremarkProblem(value) });
	}
});

const receiveSchema = z.object({ ...todoFields, isremark }).passthrough();
const doneSchema = z.object({ ...todoFields, isremark: field.optional() }).passthrough();
const deleteUserSchema = z.object({ syscode: required, flowid: required, userid: required }).passthrough();
const deleteFlowSchema = z.object({ syscode: required, flowid: required }).passthrough();

const ofsEndpointStates: Record<OfsPath, string | undefined> = {
	ReceiveRequestInfoByJson: undefined,
	ProcessDoneRequestByJson: 'done',
	ProcessOverRequestByJson: 'finished',
	deleteUserRequestInfoByJson: 'deleteUser',
	deleteRequestInfoByJson: 'deleteFlow',
};

function isOfsPath(endpoint: string): endpoint is OfsPath {
	return Object.prototype.hasOwnProperty.call(ofsEndpointStates, endpoint);
}

function has(body: unknown, key: string): boolean {
	return body !== null && typeof body === 'object' && (body as JsonObject)[key] !== undefined;
}

function schemaFor(body: unknown, endpoint: string): z.ZodType<JsonObject> {
	switch (endpoint) {
		case 'ReceiveRequestInfoByJson':
			return receiveSchema;
		case 'ProcessDoneRequestByJson':
		case 'ProcessOverRequestByJson':
			return doneSchema;
		case 'deleteUserRequestInfoByJson':
			return deleteUserSchema;
		case 'deleteRequestInfoByJson':
			return deleteFlowSchema;
		default:
			if (has(body, 'isremark')) return receiveSchema;
			return has(body, 'userid') ? deleteUserSchema : deleteFlowSchema;
	}
}

function stateOf(payload: JsonObject, endpoint: string): string | undefined {
	const fixed = isOfsPath(endpoint) ? ofsEndpointStates[endpoint] : undefined;
	if (fixed !== undefined) return fixed;
	const isremark = asText(payload.isremark);
	if (isremark !== undefined) return ofsTodoEventByIsremark(isremark.trim())?.code;
	return payload.userid === undefined ? 'deleteFlow' : 'deleteUser';
}

function answerBody(answer: SourceAnswer): JsonObject {
	const state = answer.type === undefined ? undefined : findOfsTodoEvent(answer.type);
	return {
		syscode: asText(answer.payload?.syscode) ?? '',
		dataType: 'OfsTodoData',
		operType: state?.operType ?? 'AutoNew',
		operResult: answer.success ? '1' : '0',
		message: answer.message,
	};
}

export const ofsTodoSource: EventSource = {
	source: 'ofs',
	senderName: 'the OA system',
	catalog: ofsTodoEvents,
	defaultResponse: { status: 200, body: '' },
	configurableBody: false,
	flowIdPath: 'flowid',
	validate(body, endpoint) {
		const result = schemaFor(body, endpoint).safeParse(body);
		// The body itself, not zod's copy (which reorders keys): items keep the order received.
		return result.success
			? { ok: true, payload: body as JsonObject }
			: { ok: false, problem: describeSchemaProblem(result.error) };
	},
	eventType: stateOf,
	typeName(type) {
		const state = type === undefined ? undefined : findOfsTodoEvent(type);
		return state ? eventDisplayName(state) : (type ?? null);
	},
	// OFS: `receivets` (ms) is set once per push, so the same state for the same receiver with the
	// same receivets is a re-sent push. Without receivets a repeat cannot be told from a new to-do.
	defaultDuplicateKey(payload, type) {
		const receivets = asText(payload.receivets);
		if (receivets === undefined || type === undefined) return undefined;
		return [type, payload.syscode, payload.flowid, payload.receiver, receivets].map((part) => asText(part) ?? '').join('|');
	},
	answerBody,
	endpoints: {
		pathPrefix: 'rest/ofs',
		names: ofsPaths,
		pathDescription: 'Path of the webhook URL. The OFS endpoints are served under it: <path>/rest/ofs/ReceiveRequestInfoByJson and the other four.',
	},
	unsignedNotice:
		'OFS pushes carry no signature: let only the OA network reach this URL, or put a signing gateway in front and choose Verify With Credential.',
	sample: (code) => {
		const state = findOfsTodoEvent(code ?? 'todo') ?? ofsTodoEvents[0];
		return { payload: ofsTodoSample(state.code), endpoint: state.ofsPath };
	},
};
