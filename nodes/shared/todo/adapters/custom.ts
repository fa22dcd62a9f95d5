import { type SuccessRule, evaluateSuccess } from '../../delivery/evaluateSuccess';
import { anyTwoHundred } from '../../delivery/statusRanges';
import type { TargetEvent, TargetSettings, TodoAdapter, TodoOperation } from '../types';
import { formatLocalDateTime, targetTimeZone } from './localDateTime';
import { xmlText } from './soapEnvelope';

/**
 * Custom target (seed 002's 自定义推送; also Wisedu's to-do centre, whose protocol is not public):
 * per operation a method, URL, headers and a body template with `{{field}}` placeholders filled from
 * the event, each value escaped for where it lands: URL-encoded in the URL (and in a form body),
 * JSON-string-escaped in a JSON body, XML-escaped in an XML body, line breaks removed in headers;
 * so an event's text can never change the structure of the request. Success is Send Outbound
 * Message's rule: accepted status codes and an optional keyword (evaluateSuccess).
 * Options: `requests` (operation → CustomRequestTemplate; an operation without one is not sent),
 * `success` (a SuccessRule; default any 2xx), `timeZone` (of the *Text fields).
 */

export interface CustomRequestTemplate {
	method: string;
	url: string;
	headers?: Record<string, string>;
	body?: string;
}

/** Placeholder names and their values, for the editor's hint and the docs as much as for filling. */
export const customPlaceholders = [
	'operation',
	'sysCode',
	'flowId',
	'title',
	'workflowName',
	'nodeName',
	'creator',
	'createdAt',
	'createdAtText',
	'receiver',
	'oaReceiver',
	'receivedAt',
	'receivedAtText',
	'pcUrl',
	'appUrl',
	'viewed',
	'ts',
	'tenantKey',
	'taskId',
] as const;

type Escape = (value: string) => string;

function placeholderValues(event: TargetEvent, target: TargetSettings): Record<string, string> {
	const zone = targetTimeZone(target);
	return {
		operation: event.operation,
		sysCode: target.sysCode,
		flowId: event.flowId,
		title: event.title,
		workflowName: event.workflowName,
		nodeName: event.nodeName,
		creator: event.creator,
		createdAt: String(event.createdAt),
		createdAtText: formatLocalDateTime(event.createdAt, zone),
		receiver: event.receiver,
		oaReceiver: event.oaReceiver,
		receivedAt: String(event.receivedAt),
		receivedAtText: formatLocalDateTime(event.receivedAt, zone),
		pcUrl: event.pcUrl,
		appUrl: event.appUrl,
		viewed: event.viewed ? '1' : '0',
		ts: String(event.ts),
		tenantKey: event.tenantKey ?? '',
		taskId: event.taskId ?? '',
	};
}

const placeholder = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Fills `{{name}}` placeholders, escaping each value; an unknown name is an error that lists the known ones. */
export function fillTemplate(template: string, values: Record<string, string>, escape: Escape, where: string): string {
	return template.replace(placeholder, (_match, name: string) => {
		if (!Object.prototype.hasOwnProperty.call(values, name)) {
			throw new Error(`The ${where} uses {{${name}}}, which is not an event field; use one of ${customPlaceholders.map((known) => `{{${known}}}`).join(', ')}`);
		}
		return escape(values[name]);
	});
}

/**
 * Values in a URL are URL-encoded, so they stay one path segment or query value; except a
 * placeholder the URL starts with whose value is itself an absolute URL (`{{pcUrl}}`), which
 * is the address to call.
 */
function fillUrl(template: string, values: Record<string, string>): string {
	const leading = /^\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/.exec(template);
	if (leading && /^https?:\/\//i.test(values[leading[1]] ?? '')) {
		return values[leading[1]] + fillTemplate(template.slice(leading[0].length), values, encodeURIComponent, 'URL');
	}
	return fillTemplate(template, values, encodeURIComponent, 'URL');
}

const escapeJson: Escape = (value) => JSON.stringify(value).slice(1, -1);
const escapeXml: Escape = (value) => xmlText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
// Header values carry ASCII only (undici refuses others): line breaks become a space, other
// characters outside printable ASCII are percent-encoded as UTF-8.
const escapeHeader: Escape = (value) => value.replace(/[\r\n]+/g, ' ').replace(/[^\x20-\x7E\t]+/g, (run) => encodeURIComponent(run));
const asIs: Escape = (value) => value;

function bodyEscape(contentType: string): Escape {
	const type = contentType.toLowerCase();
	if (/[/+]json\b/.test(type)) return escapeJson;
	if (/[/+]xml\b/.test(type)) return escapeXml;
	if (type.includes('x-www-form-urlencoded')) return encodeURIComponent;
	return asIs;
}

function templateFor(operation: TodoOperation, target: TargetSettings): CustomRequestTemplate | undefined {
	const requests = target.options.requests as Partial<Record<TodoOperation, CustomRequestTemplate>> | undefined;
	const template = requests?.[operation];
	return template && typeof template.url === 'string' && template.url.trim() !== '' ? template : undefined;
}

export const customAdapter: TodoAdapter = {
	kind: 'custom',
	operations: ['todo', 'done', 'finished', 'cc', 'delete_user', 'delete_flow'],
	supports: (operation, target) => templateFor(operation, target) !== undefined,
	plan(event, target) {
		const template = templateFor(event.operation, target);
		if (!template) throw new Error(`No custom request is set for the ${event.operation} operation`);
		const values = placeholderValues(event, target);
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(template.headers ?? {})) headers[name.toLowerCase()] = fillTemplate(value, values, escapeHeader, `header ${name}`);
		let url = fillUrl(template.url.trim(), values);
		if (!/^https?:\/\//i.test(url)) url = `${target.baseUrl.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
		const hasBody = template.body !== undefined && template.body !== '';
		if (hasBody && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
		const body = hasBody ? fillTemplate(template.body as string, values, bodyEscape(headers['content-type'] ?? ''), 'body template') : undefined;
		const success: SuccessRule = (target.options.success as SuccessRule | undefined) ?? { acceptedStatuses: anyTwoHundred };
		return [
			{
				request: { method: (template.method || 'POST').toUpperCase(), url, headers, body },
				judge: (response) => evaluateSuccess({ status: response.status, body: response.body }, success),
			},
		];
	},
};
