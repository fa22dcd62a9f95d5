import type { TodoAdapter } from '../types';
import { judgeOfsAnswer, ofsBody, ofsPathOf } from './ofsModel';
import { joinUrl } from './targetAnswer';

/**
 * e-cology 8/9 unified to-do (统一待办库) over OFS REST: `POST {server}/rest/ofs/<endpoint>` with a
 * JSON body of strings. Done and finished go by default to ReceiveRequestInfoByJson with isremark
 * 2 / 4, the endpoint e-cology's own code uses to turn a to-do into a done one (it keeps the whole
 * record: title, links, times); option `doneEndpoint: 'process'` sends them to
 * ProcessDoneRequestByJson / ProcessOverRequestByJson instead, which OFS also lists.
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
					body: JSON.stringify(ofsBody(event, target)),
				},
				judge: (response) => judgeOfsAnswer(response, 'e-cology'),
			},
		];
	},
};
