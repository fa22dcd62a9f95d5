import type { SuccessVerdict } from '../../delivery/evaluateSuccess';
import type { DeliveryRequest } from '../../delivery/types';
import type { TargetSettings, TodoAdapter, TokenSpec } from '../types';
import { accepted, joinUrl, jsonAnswer, parseJsonObject, rejected, textOf, type TargetResponse } from './targetAnswer';

/**
 * DingTalk to-do (待办任务, api.dingtalk.com v1.0), for an internal app:
 * - token: `POST /v1.0/oauth2/accessToken {appKey, appSecret}` → `{accessToken, expireIn}`;
 * - to-do / CC: `POST /v1.0/todo/users/{unionId}/tasks[?operatorId=]` with subject, sourceId,
 *   executorIds, detailUrl {appUrl, pcUrl} (required since 2024-02 for work to-dos),
 *   isOnlyShowExecutor, priority, todoType (TODO, READ for a CC) → `{id, …}`, kept as
 *   `dingtalkTaskId` in the to-do record;
 * - done / finished: `PUT /v1.0/todo/users/{unionId}/tasks/{taskId} {done: true}` → `{result: true}`;
 * - one user's delete: `DELETE /v1.0/todo/users/{unionId}/tasks/{taskId}` → `{result: true}`.
 * Every call carries the token in `x-acs-dingtalk-access-token`; errors are HTTP 4xx/5xx with
 * `{code, message, requestid}`. The receiver is the DingTalk unionId (person mapping gives it).
 * A whole flow's delete has no DingTalk call (tasks are per receiver), so it is not offered.
 * Options: appKey, appSecret, apiBaseUrl (default https://api.dingtalk.com), operatorId, priority.
 */

export const dingtalkApiBaseUrl = 'https://api.dingtalk.com';

function option(target: TargetSettings, name: string, fallback = ''): string {
	const value = target.options[name];
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

function apiUrl(target: TargetSettings, path: string): string {
	const operator = option(target, 'operatorId');
	const url = joinUrl(option(target, 'apiBaseUrl', dingtalkApiBaseUrl), path);
	return operator === '' ? url : `${url}?operatorId=${encodeURIComponent(operator)}`;
}

function judgeDingtalk(response: TargetResponse, needs: 'id' | 'result'): SuccessVerdict {
	const answer = jsonAnswer(response.body, 'DingTalk');
	if (response.status < 200 || response.status >= 300) {
		const said = 'object' in answer ? `${textOf(answer.object.code)}: ${textOf(answer.object.message)}` : response.body.slice(0, 200);
		return { accepted: false, reason: response.status === 410 ? 'gone' : 'status_not_accepted', message: `DingTalk answered HTTP ${response.status} (${said})` };
	}
	if ('verdict' in answer) return answer.verdict;
	if (needs === 'id') return textOf(answer.object.id) !== '' ? accepted : rejected('DingTalk created no task: its answer has no id');
	return answer.object.result === true ? accepted : rejected(`DingTalk did not confirm the change (result ${textOf(answer.object.result) || 'missing'})`);
}

function tokenRejected(response: { status: number; body: string }): boolean {
	return response.status === 401 || /^InvalidAuthentication/i.test(textOf(parseJsonObject(response.body)?.code));
}

export const dingtalkAdapter: TodoAdapter = {
	kind: 'dingtalk',
	operations: ['todo', 'cc', 'done', 'finished', 'delete_user'],
	token(target): TokenSpec {
		const appKey = option(target, 'appKey');
		const appSecret = option(target, 'appSecret');
		if (!appKey || !appSecret) throw new Error('The DingTalk credential needs its App Key (Client ID) and App Secret');
		const base = option(target, 'apiBaseUrl', dingtalkApiBaseUrl);
		return {
			cacheKey: `dingtalk:${base}:${appKey}`,
			request: { method: 'POST', url: joinUrl(base, '/v1.0/oauth2/accessToken'), headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appKey, appSecret }) },
			secrets: [appSecret],
			read: (response) => {
				const object = parseJsonObject(response.body);
				if (response.status < 200 || response.status >= 300 || !object || textOf(object.accessToken) === '') {
					throw new Error(`DingTalk answered HTTP ${response.status}${object?.message ? `: ${textOf(object.message)}` : ''}`);
				}
				const expires = Number(object.expireIn);
				return { token: textOf(object.accessToken), expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 7200 };
			},
		};
	},
	plan(event, target, context) {
		if (!context.token) throw new Error('DingTalk needs an access token and none was fetched');
		const unionId = encodeURIComponent(event.receiver);
		const headers = { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': context.token };
		const secrets = [context.token];
		if (event.operation === 'todo' || event.operation === 'cc') {
			const body = {
				sourceId: `${event.flowId}:${event.oaReceiver}`,
				subject: event.title,
				executorIds: [event.receiver],
				detailUrl: { appUrl: event.appUrl || event.pcUrl, pcUrl: event.pcUrl || event.appUrl },
				isOnlyShowExecutor: true,
				priority: Number(option(target, 'priority', '20')),
				todoType: event.operation === 'cc' ? 'READ' : 'TODO',
			};
			const request: DeliveryRequest = { method: 'POST', url: apiUrl(target, `/v1.0/todo/users/${unionId}/tasks`), headers, body: JSON.stringify(body) };
			return [
				{
					request,
					secrets,
					judge: (response) => judgeDingtalk(response, 'id'),
					keep: (response) => {
						const id = textOf(parseJsonObject(response.body)?.id);
						return id === '' ? undefined : { dingtalkTaskId: id };
					},
					tokenRejected,
				},
			];
		}
		const taskId = context.record?.targetIds?.dingtalkTaskId;
		if (!taskId) {
			throw new Error(`No DingTalk task is on record for flow ${event.flowId} and receiver ${event.oaReceiver}: its to-do was not pushed to DingTalk by this node, so there is nothing to ${event.operation === 'delete_user' ? 'delete' : 'complete'}`);
		}
		const path = `/v1.0/todo/users/${unionId}/tasks/${encodeURIComponent(taskId)}`;
		const request: DeliveryRequest =
			event.operation === 'delete_user'
				? { method: 'DELETE', url: apiUrl(target, path), headers: { 'x-acs-dingtalk-access-token': context.token }, body: undefined }
				: { method: 'PUT', url: apiUrl(target, path), headers, body: JSON.stringify({ done: true }) };
		return [{ request, secrets, judge: (response) => judgeDingtalk(response, 'result'), tokenRejected }];
	},
};
