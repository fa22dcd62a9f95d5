import type { SuccessVerdict } from '../../delivery/evaluateSuccess';
import type { TargetEvent, TargetSettings, TodoAdapter, TodoOperation } from '../types';
import { defaultTimeZone, formatLocalDateTime } from './localDateTime';
import { buildSoapEnvelope, readSoapEnvelope } from './soapEnvelope';
import { accepted, joinUrl, rejected, textOf, type TargetResponse } from './targetAnswer';

/**
 * Landray EKP to-do web service (ISysNotifyTodoWebService, DESIGN §4): SOAP 1.1 at
 * `{ekp}/sys/webservice/sysNotifyTodoWebService`, namespace
 * `http://webservice.notify.sys.kmss.landray.com/`, one `<arg0>` context per call:
 * - `sendTodo` (NotifyTodoSendContext): appName, modelName, modelId, subject, link, type (1 to-do
 *   to approve, 2 notice to read), key, targets, createTime, docCreator, level, extendContent;
 * - `setTodoDone` / `deleteTodo` (NotifyTodoRemoveContext): appName, modelName, modelId, optType
 *   (1: every receiver of the model, 2: the receivers in `targets`), key, targets.
 * The answer (NotifyTodoAppResult) is `returnState` 2 success, 0 not sent, 1 failed, with `message`.
 * People go as JSON `{"<type>":"<value>"}`, the type chosen by seed 002's ekpUserKey. Optional
 * EKP web-service authentication: `<tns:RequestSOAPHeader xmlns:tns="http://sys.webservice.client">`
 * with `tns:user` / `tns:password`, as Landray's AddSoapHeader interceptor sends it.
 * Options: appName (required), modelName, ekpUserKey, username, password, oaAddress (prefix of
 * relative links), level, timeZone.
 */

export const landrayNamespace = 'http://webservice.notify.sys.kmss.landray.com/';
export const landrayServicePath = '/sys/webservice/sysNotifyTodoWebService';
export const landrayHeaderNamespace = 'http://sys.webservice.client';

/** Seed 002's ekpUserKey choices and the `targets` key each stands for. */
export const ekpUserKeys = { loginName: 'LoginName', id: 'Id', personNo: 'PersonNo', keyword: 'Keyword', ldapDn: 'LdapDN' } as const;

export type EkpUserKey = keyof typeof ekpUserKeys;

/** The web-service operation and optType of each to-do operation. */
const landrayCalls: Record<TodoOperation, { operation: 'sendTodo' | 'setTodoDone' | 'deleteTodo'; type?: '1' | '2'; optType?: '1' | '2' }> = {
	todo: { operation: 'sendTodo', type: '1' },
	cc: { operation: 'sendTodo', type: '2' },
	done: { operation: 'setTodoDone', optType: '2' },
	// The flow is over: every receiver's to-do of the model is done.
	finished: { operation: 'setTodoDone', optType: '1' },
	delete_user: { operation: 'deleteTodo', optType: '2' },
	delete_flow: { operation: 'deleteTodo', optType: '1' },
};

function option(target: TargetSettings, name: string, fallback = ''): string {
	const value = target.options[name];
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

export function landrayPerson(id: string, target: TargetSettings): string {
	const choice = option(target, 'ekpUserKey', 'loginName');
	const key = (ekpUserKeys as Record<string, string>)[choice];
	if (!key) throw new Error(`"${choice}" is not an EKP user key: use one of ${Object.keys(ekpUserKeys).join(', ')}`);
	return JSON.stringify({ [key]: id });
}

function linkOf(url: string, target: TargetSettings): string {
	const prefix = option(target, 'oaAddress');
	if (url === '' || /^[a-z][a-z0-9+.-]*:/i.test(url) || prefix === '') return url;
	return joinUrl(prefix, url);
}

/** The `<arg0>` context of an event, in the order of Landray's context classes. */
export function landrayContext(event: TargetEvent, target: TargetSettings): Record<string, string> {
	const appName = option(target, 'appName');
	if (appName === '') throw new Error('No Landray app name is set: give the system identifier Landray assigned (appName)');
	const call = landrayCalls[event.operation];
	const modelName = option(target, 'modelName', event.workflowName);
	if (call.operation === 'sendTodo') {
		const context: Record<string, string> = {
			appName,
			modelName,
			modelId: event.flowId,
			subject: event.title,
			link: linkOf(event.pcUrl, target),
			type: call.type ?? '1',
			key: event.flowId,
			targets: landrayPerson(event.receiver, target),
			createTime: formatLocalDateTime(event.receivedAt, option(target, 'timeZone', defaultTimeZone)),
			docCreator: landrayPerson(event.creator, target),
			level: option(target, 'level', '3'),
		};
		if (event.nodeName !== '') context.extendContent = event.nodeName;
		return context;
	}
	const context: Record<string, string> = { appName, modelName, modelId: event.flowId, optType: call.optType ?? '2', key: event.flowId };
	if (call.optType === '2') context.targets = landrayPerson(event.receiver, target);
	return context;
}

export function landrayEnvelope(event: TargetEvent, target: TargetSettings): string {
	const user = option(target, 'username');
	const password = typeof target.options.password === 'string' ? target.options.password : '';
	return buildSoapEnvelope({
		namespace: landrayNamespace,
		operation: landrayCalls[event.operation].operation,
		parts: { arg0: landrayContext(event, target) },
		header: user === '' ? undefined : { 'tns:RequestSOAPHeader': { '@_xmlns:tns': landrayHeaderNamespace, 'tns:user': user, 'tns:password': password } },
	});
}

const returnStates: Record<string, string> = { '0': 'not sent', '1': 'failed' };

export function judgeLandray(response: TargetResponse, operation: string): SuccessVerdict {
	const answer = readSoapEnvelope(response.body);
	if ('fault' in answer) return { accepted: false, reason: response.status === 410 ? 'gone' : 'keyword_mismatch', message: `Landray EKP answered a SOAP fault: ${answer.fault}` };
	if (response.status < 200 || response.status >= 300) {
		return { accepted: false, reason: response.status === 410 ? 'gone' : 'status_not_accepted', message: `Landray EKP answered HTTP ${response.status}` };
	}
	if ('unreadable' in answer) return rejected(`Landray EKP's answer cannot be read: ${answer.unreadable}`);
	const result = (answer.body[`${operation}Response`] as Record<string, unknown> | undefined)?.return as Record<string, unknown> | undefined;
	if (!result) return rejected(`Landray EKP's answer has no ${operation}Response/return`);
	const state = textOf(result.returnState);
	if (state === '2') return accepted;
	const message = textOf(result.message);
	return rejected(`Landray EKP did not take the to-do (returnState ${state || 'missing'}${returnStates[state] ? `, ${returnStates[state]}` : ''})${message ? `: ${message}` : ''}`);
}

export const landraySoapAdapter: TodoAdapter = {
	kind: 'landraySoap',
	operations: ['todo', 'done', 'finished', 'cc', 'delete_user', 'delete_flow'],
	plan(event, target) {
		const operation = landrayCalls[event.operation].operation;
		const password = typeof target.options.password === 'string' ? target.options.password : '';
		return [
			{
				request: {
					method: 'POST',
					url: joinUrl(target.baseUrl, landrayServicePath),
					headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
					body: landrayEnvelope(event, target),
				},
				// As the password appears on the wire too (XML-escaped), so the record masks it either way.
				secrets: password === '' ? undefined : [...new Set([password, password.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')])],
				judge: (response) => judgeLandray(response, operation),
			},
		];
	},
};
