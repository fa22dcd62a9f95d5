import type { SuccessVerdict } from '../../delivery/evaluateSuccess';
import type { TodoAdapter } from '../types';
import { ofsBody } from './ofsModel';
import { accepted, jsonAnswer, rejected, statusVerdict, textOf } from './targetAnswer';

/**
 * e-cology ESB: one action flow (动作流, seed 002 "actionFlow") published as an HTTP URL receives
 * every state, with the OFS fields unchanged (the flow maps them). Like OFS's single-URL form, the
 * body tells the state: `isremark` for to-do / done / finished / CC, `{syscode, flowid, userid}`
 * for one user's delete, `{syscode, flowid}` for the flow's.
 * Options: `actionFlowUrl` (absolute, or a path on the server address), `timeZone`.
 * Success: HTTP 2xx and, when the flow answers in JSON with `operResult` (as flows mapping the
 * OFS answer do), operResult "1"; a flow answering something else passes on its status.
 */
function judgeEsb(response: { status: number; headers: Record<string, string | string[]>; body: string }): SuccessVerdict {
	const byStatus = statusVerdict(response, 'The ESB action flow');
	if (byStatus) return byStatus;
	if (response.body.trim() === '') return accepted;
	const answer = jsonAnswer(response.body, 'The ESB action flow');
	if ('verdict' in answer || answer.object.operResult === undefined) return accepted;
	const result = textOf(answer.object.operResult);
	if (result === '1') return accepted;
	const message = textOf(answer.object.message);
	return rejected(`The ESB action flow refused the to-do (operResult "${result}")${message ? `: ${message}` : ''}`);
}

export const esbAdapter: TodoAdapter = {
	kind: 'esb',
	operations: ['todo', 'done', 'finished', 'cc', 'delete_user', 'delete_flow'],
	plan(event, target) {
		const flow = typeof target.options.actionFlowUrl === 'string' ? target.options.actionFlowUrl.trim() : '';
		if (flow === '') throw new Error('No ESB action flow URL is set: give the URL the action flow is published at');
		const url = /^https?:\/\//i.test(flow) ? flow : `${target.baseUrl.replace(/\/+$/, '')}/${flow.replace(/^\/+/, '')}`;
		return [
			{
				request: { method: 'POST', url, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(ofsBody(event, target)) },
				judge: judgeEsb,
			},
		];
	},
};
