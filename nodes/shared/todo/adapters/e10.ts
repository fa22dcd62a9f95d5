import type { SuccessVerdict } from '../../delivery/evaluateSuccess';
import type { TargetEvent, TargetSettings, TodoAdapter, TokenSpec, TodoOperation } from '../types';
import { defaultTimeZone, formatLocalDateTime } from './localDateTime';
import { accepted, joinUrl, jsonAnswer, parseJsonObject, rejected, statusVerdict, textOf, type TargetResponse } from './targetAnswer';

/**
 * Weaver E10 (eteams) unified to-do: the OFS model in camelCase on one endpoint, the state in
 * `isRemark` (0 to-do, 2 done, 4 finished, 8 CC, 10 to-claim, -1 deleted), answered
 * `{code: 200, msg, status: true}`. The token comes from E10's open platform OAuth2 (seed 002:
 * corpId, app_key, app_secret, state): `GET {open}/oauth2/authorize?corpid=…&response_type=code&state=…`
 * answers `{errcode: "0", code}`, then `POST {open}/oauth2/access_token` (form: app_key, app_secret,
 * grant_type=authorization_code, code) answers `{errcode: "0", accessToken, expires_in}`; the token
 * goes as the `access_token` query parameter, as E10's open APIs take it.
 * Options: corpId, appKey, appSecret, state, openApiUrl (default https://api.eteams.cn),
 * codePath, exchangePath, pushPath (the paths are settings: E10 deployments differ), timeZone.
 */

export const e10Defaults = {
	openApiUrl: 'https://api.eteams.cn',
	codePath: '/oauth2/authorize',
	exchangePath: '/oauth2/access_token',
	pushPath: '/api/ofs/todo/receiveRequestInfo',
} as const;

const isRemark: Record<TodoOperation, string> = { todo: '0', done: '2', finished: '4', cc: '8', delete_user: '-1', delete_flow: '-1' };

function option(target: TargetSettings, name: string, fallback = ''): string {
	const value = target.options[name];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

/** Business statuses (TodoEvent.businessStatus) that make a to-do one to claim (待认领, isRemark 10). */
export const e10ClaimStatuses: readonly string[] = ['toClaim', 'to_claim', '待认领'];

function isRemarkOf(event: TargetEvent): string {
	if (event.operation === 'todo' && event.businessStatus !== undefined && e10ClaimStatuses.includes(event.businessStatus)) return '10';
	return isRemark[event.operation];
}

export function e10Body(event: TargetEvent, target: TargetSettings): Record<string, string> {
	const timeZone = option(target, 'timeZone', defaultTimeZone);
	const body: Record<string, string> = {
		sysCode: target.sysCode,
		flowId: event.flowId,
		requestName: event.title,
		workFlowName: event.workflowName,
		nodeName: event.nodeName,
		pcUrl: event.pcUrl,
		appUrl: event.appUrl,
		isRemark: isRemarkOf(event),
		viewType: event.viewed ? '1' : '0',
		creator: event.creator,
		createDateTime: formatLocalDateTime(event.createdAt, timeZone),
		receiver: event.operation === 'delete_flow' ? '' : event.receiver,
		receiveDateTime: formatLocalDateTime(event.receivedAt, timeZone),
		receivets: String(Math.trunc(event.ts)),
	};
	if (event.tenantKey) body.tenantKey = event.tenantKey;
	if (event.taskId) body.taskId = event.taskId;
	return body;
}

function judgeE10(response: TargetResponse): SuccessVerdict {
	const byStatus = statusVerdict(response, 'E10');
	if (byStatus) return byStatus;
	const answer = jsonAnswer(response.body, 'E10');
	if ('verdict' in answer) return answer.verdict;
	const { code, status, msg } = answer.object;
	if (textOf(code) === '200' && (status === true || status === 'true')) return accepted;
	return rejected(`E10 refused the to-do (code ${textOf(code) || 'missing'}, status ${textOf(status) || 'missing'})${textOf(msg) ? `: ${textOf(msg)}` : ''}`);
}

/** E10's open platform answers errcode "0" on success and errmsg otherwise. */
function readOpenPlatform(response: { status: number; body: string }, field: string): Record<string, unknown> {
	const object = parseJsonObject(response.body);
	if (response.status < 200 || response.status >= 300) throw new Error(`E10 answered HTTP ${response.status}${object?.errmsg ? `: ${textOf(object.errmsg)}` : ''}`);
	if (!object) throw new Error('E10 did not answer with JSON');
	const errcode = textOf(object.errcode);
	if (errcode !== '' && errcode !== '0') throw new Error(`E10 refused (errcode ${errcode})${object.errmsg ? `: ${textOf(object.errmsg)}` : ''}`);
	if (textOf(object[field]) === '') throw new Error(`E10's answer has no ${field}`);
	return object;
}

export const e10Adapter: TodoAdapter = {
	kind: 'e10',
	operations: ['todo', 'done', 'finished', 'cc', 'delete_user', 'delete_flow'],
	token(target): TokenSpec {
		const corpId = option(target, 'corpId');
		const appKey = option(target, 'appKey');
		const appSecret = option(target, 'appSecret');
		if (!corpId || !appKey || !appSecret) throw new Error('The E10 credential needs its Corp ID, App Key and App Secret');
		const open = option(target, 'openApiUrl', e10Defaults.openApiUrl);
		const query = new URLSearchParams({ corpid: corpId, response_type: 'code', state: option(target, 'state') });
		return {
			cacheKey: `e10:${open}:${corpId}:${appKey}`,
			request: { method: 'GET', url: `${joinUrl(open, option(target, 'codePath', e10Defaults.codePath))}?${query.toString()}`, headers: { accept: 'application/json' }, body: undefined },
			secrets: [appSecret],
			authorizationCode: {
				readCode: (response) => textOf(readOpenPlatform(response, 'code').code),
				tokenRequest: (code) => ({
					method: 'POST',
					url: joinUrl(open, option(target, 'exchangePath', e10Defaults.exchangePath)),
					headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
					body: new URLSearchParams({ app_key: appKey, app_secret: appSecret, grant_type: 'authorization_code', code }).toString(),
				}),
			},
			read: (response) => {
				const object = readOpenPlatform(response, 'accessToken');
				const expires = Number(object.expires_in);
				return { token: textOf(object.accessToken), expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 7200 };
			},
		};
	},
	plan(event, target, context) {
		if (!context.token) throw new Error('E10 needs an access token and none was fetched');
		const url = `${joinUrl(target.baseUrl, option(target, 'pushPath', e10Defaults.pushPath))}?access_token=${encodeURIComponent(context.token)}`;
		return [
			{
				request: { method: 'POST', url, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(e10Body(event, target)) },
				secrets: [context.token],
				judge: judgeE10,
				tokenRejected: (response) => response.status === 401 || textOf(parseJsonObject(response.body)?.code) === '401',
			},
		];
	},
};
