import type { TodoAdapter } from '../types';
import { judgeOfsAnswer, ofsBody, ofsPathOf } from './ofsModel';
import { joinUrl } from './targetAnswer';

/**
 * e-cology 8/9 unified to-do (统一待办库) over OFS REST: `POST {server}/rest/ofs/<endpoint>` with a
 * JSON body of strings. Done and finished go by default to ReceiveRequestInfoByJson with isremark
 * 2 / 4: e-cology's own push client (PostWorkflowInf) sends done and finished that way, its
 * processDoneRequestByMap call commented out, because it keeps the whole record (links, viewtype,
 * times). Option `doneEndpoint: 'process'` sends them to ProcessDoneRequestByJson /
 * ProcessOverRequestByJson instead, with the six fields e-cology's OfsTodoDataManager reads there
 * (syscode, flowid, requestname, workflowname, nodename, receiver).
 * Options: `timeZone` (of createdatetime / receivedatetime), `doneEndpoint` ('receive' | 'process').
 */
export const ofsRestAdapter: TodoAdapter = {
	kind: 'ofsRest',
	operations: ['todo', 'done', 'finished', 'cc', 'delete_user', 'delete_flow'],
	plan(event, target) {
		const path = ofsPathOf(event.operation, target.options.doneEndpoint);
		return [
			{
				request: {
					method: 'POST',
					url: joinUrl(target.baseUrl, `rest/ofs/${path}`),
					headers: { 'content-type': 'application/json; charset=utf-8' },
					body: JSON.stringify(ofsBody(event, target, path)),
				},
				judge: (response) => judgeOfsAnswer(response, 'e-cology'),
			},
		];
	},
};
