import type { SuccessVerdict } from '../../delivery/evaluateSuccess';
import type { TargetEvent, TargetSettings, TodoAdapter, TokenSpec } from '../types';
import { defaultTimeZone, formatLocalDateTime } from './localDateTime';
import { accepted, joinUrl, jsonAnswer, parseJsonObject, rejected, statusVerdict, textOf, type TargetResponse } from './targetAnswer';

/**
 * WeCom (企业微信) application message: a to-do or CC becomes a message from the app to the
 * receiver; WeCom has no to-do to complete or delete, so done, finished and deletes are not offered.
 * - token: `GET /cgi-bin/gettoken?corpid=…&corpsecret=…` → `{errcode: 0, access_token, expires_in}`;
 * - `POST /cgi-bin/message/send?access_token=…` with `{touser, msgtype, agentid, textcard: {title,
 *   description, url, btntxt}}` (or `text: {content}`) → `{errcode: 0, errmsg: "ok", …}`.
 * errcode 40014 / 42001 / 40001 say the token is invalid or expired. The textcard description takes
 * WeCom's `<div class="gray|normal|highlight">` markup, so user text in it is HTML-escaped.
 * Options: corpId, corpSecret, agentId, apiBaseUrl (default https://qyapi.weixin.qq.com),
 * messageType ('textcard' | 'text'), timeZone.
 */

export const wecomApiBaseUrl = 'https://qyapi.weixin.qq.com';

const tokenErrcodes = new Set(['40001', '40014', '42001']);

function option(target: TargetSettings, name: string, fallback = ''): string {
	const value = target.options[name];
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function wecomMessage(event: TargetEvent, target: TargetSettings): Record<string, unknown> {
	const agentId = Number(option(target, 'agentId'));
	if (!Number.isInteger(agentId)) throw new Error('The WeCom credential needs the Agent ID (a number) of the app that sends the messages');
	const when = formatLocalDateTime(event.receivedAt, option(target, 'timeZone', defaultTimeZone));
	const kind = event.operation === 'cc' ? '待阅' : '待办';
	const url = event.appUrl || event.pcUrl;
	const base = { touser: event.receiver, agentid: agentId };
	if (option(target, 'messageType', 'textcard') === 'text' || url === '') {
		const lines = [`【${kind}】${event.title}`, `${event.workflowName} · ${event.nodeName}`, when];
		if (url !== '') lines.push(url);
		return { ...base, msgtype: 'text', text: { content: lines.join('\n') } };
	}
	const description = [
		`<div class="gray">${escapeHtml(when)}</div>`,
		`<div class="normal">${escapeHtml(event.workflowName)}</div>`,
		`<div class="highlight">${escapeHtml(event.nodeName)}</div>`,
	].join('');
	return { ...base, msgtype: 'textcard', textcard: { title: `【${kind}】${event.title}`, description, url, btntxt: '详情' } };
}

function judgeWecom(response: TargetResponse): SuccessVerdict {
	const byStatus = statusVerdict(response, 'WeCom');
	if (byStatus) return byStatus;
	const answer = jsonAnswer(response.body, 'WeCom');
	if ('verdict' in answer) return answer.verdict;
	const errcode = textOf(answer.object.errcode);
	if (errcode === '0') return accepted;
	return rejected(`WeCom refused the message (errcode ${errcode || 'missing'}): ${textOf(answer.object.errmsg)}`);
}

export const wecomAdapter: TodoAdapter = {
	kind: 'wecom',
	operations: ['todo', 'cc'],
	token(target): TokenSpec {
		const corpId = option(target, 'corpId');
		const corpSecret = option(target, 'corpSecret');
		if (!corpId || !corpSecret) throw new Error('The WeCom credential needs its Corp ID and the app Secret');
		const base = option(target, 'apiBaseUrl', wecomApiBaseUrl);
		const query = new URLSearchParams({ corpid: corpId, corpsecret: corpSecret });
		return {
			cacheKey: `wecom:${base}:${corpId}:${option(target, 'agentId')}`,
			request: { method: 'GET', url: `${joinUrl(base, '/cgi-bin/gettoken')}?${query.toString()}`, headers: {}, body: undefined },
			secrets: [corpSecret],
			read: (response) => {
				const object = parseJsonObject(response.body);
				if (!object || textOf(object.errcode) !== '0' || textOf(object.access_token) === '') {
					throw new Error(`WeCom answered HTTP ${response.status}${object ? ` (errcode ${textOf(object.errcode)}: ${textOf(object.errmsg)})` : ''}`);
				}
				const expires = Number(object.expires_in);
				return { token: textOf(object.access_token), expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 7200 };
			},
		};
	},
	plan(event, target, context) {
		if (!context.token) throw new Error('WeCom needs an access token and none was fetched');
		const base = option(target, 'apiBaseUrl', wecomApiBaseUrl);
		return [
			{
				request: {
					method: 'POST',
					url: `${joinUrl(base, '/cgi-bin/message/send')}?access_token=${encodeURIComponent(context.token)}`,
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(wecomMessage(event, target)),
				},
				secrets: [context.token],
				judge: judgeWecom,
				tokenRejected: (response) => tokenErrcodes.has(textOf(parseJsonObject(response.body)?.errcode)),
			},
		];
	},
};
