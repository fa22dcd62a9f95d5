import { findOfsTodoEvent, type OfsPath, type OfsTodoEvent } from '../../events/ofsTodo';
import type { SuccessVerdict } from '../../delivery/evaluateSuccess';
import type { TargetEvent, TargetSettings, TodoOperation } from '../types';
import { formatLocalDateTime, targetTimeZone } from './localDateTime';
import { accepted, jsonAnswer, rejected, statusVerdict, textOf, type TargetResponse } from './targetAnswer';

/**
 * The e-cology OFS to-do model (DESIGN §4), shared by the OFS REST and ESB adapters: which
 * endpoint and `isremark` an operation takes come from the OFS event catalog (the same table the
 * Unified Todo Trigger reads), and every body field is a string, as OFS wants them.
 */

const catalogCode: Record<TodoOperation, string> = {
	todo: 'todo',
	done: 'done',
	finished: 'finished',
	cc: 'cc',
	delete_user: 'deleteUser',
	delete_flow: 'deleteFlow',
};

export function ofsStateOf(operation: TodoOperation): OfsTodoEvent {
	const state = findOfsTodoEvent(catalogCode[operation]);
	if (!state) throw new Error(`No OFS state for the operation ${operation}`);
	return state;
}

/** OFS field names and values of one event, in the order DESIGN §4 lists them. */
export type OfsBody = Record<string, string>;

/**
 * The body of an event. Deletes carry only `{syscode, flowid[, userid]}`; the other states carry
 * the whole to-do with `isremark` from the catalog, and `receivets` so the OA keeps the newest push
 * (OFS: a push with an older receivets does not overwrite a newer one).
 */
export function ofsBody(event: TargetEvent, target: TargetSettings, path: OfsPath = 'ReceiveRequestInfoByJson'): OfsBody {
	if (event.operation === 'delete_flow') return { syscode: target.sysCode, flowid: event.flowId };
	if (event.operation === 'delete_user') return { syscode: target.sysCode, flowid: event.flowId, userid: event.receiver };
	const heading = { syscode: target.sysCode, flowid: event.flowId, requestname: event.title, workflowname: event.workflowName, nodename: event.nodeName };
	// e-cology's OfsTodoDataManager reads only the heading and the receiver in processDoneRequest / processOverRequest.
	if (path === 'ProcessDoneRequestByJson' || path === 'ProcessOverRequestByJson') return { ...heading, receiver: event.receiver };
	const timeZone = targetTimeZone(target);
	return {
		...heading,
		pcurl: event.pcUrl,
		appurl: event.appUrl,
		isremark: ofsStateOf(event.operation).isremark ?? '',
		viewtype: event.viewed ? '1' : '0',
		creator: event.creator,
		createdatetime: formatLocalDateTime(event.createdAt, timeZone),
		receiver: event.receiver,
		receivedatetime: formatLocalDateTime(event.receivedAt, timeZone),
		receivets: String(Math.trunc(event.ts)),
	};
}

/** The OFS endpoint of an operation: done and finished through ReceiveRequestInfoByJson unless told to use their own. */
export function ofsPathOf(operation: TodoOperation, doneEndpoint: unknown): OfsPath {
	const state = ofsStateOf(operation);
	if ((operation === 'done' || operation === 'finished') && doneEndpoint !== 'process') return 'ReceiveRequestInfoByJson';
	return state.ofsPath;
}

/** OFS answers `{syscode, dataType, operType, operResult: "1"|"0", message}`; only operResult "1" is a success. */
export function judgeOfsAnswer(response: TargetResponse, targetName: string): SuccessVerdict {
	const byStatus = statusVerdict(response, targetName);
	if (byStatus) return byStatus;
	const answer = jsonAnswer(response.body, targetName);
	if ('verdict' in answer) return answer.verdict;
	const result = textOf(answer.object.operResult);
	if (result === '1') return accepted;
	const message = textOf(answer.object.message);
	return rejected(`${targetName} refused the to-do (operResult ${result === '' ? 'missing' : `"${result}"`})${message ? `: ${message}` : ''}`);
}
