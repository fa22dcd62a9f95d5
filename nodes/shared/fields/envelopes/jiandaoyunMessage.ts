import { findJiandaoyunDataPushEvent, findJiandaoyunFlowAction, findJiandaoyunMessageEvent, jiandaoyunFlowActions, jiandaoyunOps } from '../../events/jiandaoyun';
import { dateExpectation, normaliseDate } from '../dateValue';
import type { ZonedClock } from '../zonedTime';
import { type EnvelopeResult, ProblemList, envelopeErrors, isGiven, isPlainObject, isWebUrl, readText } from './envelopeResult';

/**
 * The Jiandaoyun push envelope (seed 001 §3): `{op, data, send_time}`.
 * - Message ops (seed 001 §4): `data = {to: [{username, name}], entry_name, notify_text, content?, url, flow_action?}`;
 *   only `flow_message` may carry `flow_action` (§4.5.2; the §3 sample of a flow_message has none),
 *   and with one, `notify_text` defaults to that action's 提醒文字 from the catalog.
 * - Data push ops (`data_create`, …): `data` is the record itself.
 * `send_time` is ISO 8601 in UTC with milliseconds (`2017-10-20T22:41:51.430Z`), now unless given.
 */

export interface JiandaoyunRecipient {
	username: string;
	name: string;
}

export interface JiandaoyunMessageData {
	to: JiandaoyunRecipient[];
	entry_name: string;
	notify_text: string;
	content?: string;
	url: string;
	flow_action?: string;
}

export interface JiandaoyunEnvelope {
	op: string;
	data: JiandaoyunMessageData | Record<string, unknown>;
	send_time: string;
}

export interface JiandaoyunMessageInput {
	readonly op: unknown;
	/** Recipients: a list of {username, name} (one object is a list of one). */
	readonly to?: unknown;
	readonly entryName?: unknown;
	readonly notifyText?: unknown;
	/** Written when given, even empty (the flow_message samples carry `"content": ""`). */
	readonly content?: unknown;
	readonly url?: unknown;
	readonly flowAction?: unknown;
	/** Any date input; default now. */
	readonly sendTime?: unknown;
	/** The record, for data push ops. */
	readonly data?: unknown;
}

export interface JiandaoyunMessageOptions {
	readonly clock: ZonedClock;
	/** Epoch ms used when `sendTime` is not given. */
	readonly now: number;
}

/** Seed 001's field table: its names (`data.to`, …) and their Chinese labels. */
export const jiandaoyunLabels = {
	op: '推送事件',
	data: '推送内容',
	'data.to': '被提醒人列表',
	'data.entry_name': '推送来源表单名称',
	'data.notify_text': '提醒文字',
	'data.content': '详细内容',
	'data.url': '表单内链',
	'data.flow_action': '流程操作',
	send_time: '推送时间',
} as const;

const opExpectation = `a Jiandaoyun push op: ${jiandaoyunOps.map((event) => event.code).join(', ')}`;
const flowActionExpectation = `a flow action: ${jiandaoyunFlowActions.map((action) => action.code).join(', ')}`;
const recipientsExpectation = 'a list of recipients like [{"username": "jiandaoyun", "name": "小云"}]';

export function buildJiandaoyunMessage(input: JiandaoyunMessageInput, options: JiandaoyunMessageOptions): EnvelopeResult<JiandaoyunEnvelope> {
	const problems = new ProblemList();
	const op = typeof input.op === 'string' ? input.op.trim() : '';
	const messageEvent = findJiandaoyunMessageEvent(op);
	const dataPushEvent = findJiandaoyunDataPushEvent(op);
	if (messageEvent === undefined && dataPushEvent === undefined) problems.add('op', opExpectation, input.op);

	// Problems are listed in the envelope's order: op, data (its members named as seed 001 names them, data.to, …), send_time.
	let data: JiandaoyunEnvelope['data'] = {};
	if (dataPushEvent !== undefined) {
		if (isPlainObject(input.data)) data = input.data;
		else problems.add('data', 'the record as an object, like {"_id": "…", "name": "…"}', input.data);
	} else if (messageEvent !== undefined) {
		const dataProblems = new ProblemList();
		data = messageData(op, input, dataProblems);
		problems.addAll('data', dataProblems.problems);
	}

	let sendTime = new Date(options.now).toISOString();
	if (isGiven(input.sendTime)) {
		const date = normaliseDate(input.sendTime, { clock: options.clock });
		if (date.ok) sendTime = new Date(date.value).toISOString();
		else problems.add('send_time', dateExpectation, input.sendTime);
	}
	if (!problems.isEmpty) return { ok: false, errors: envelopeErrors(problems.problems, jiandaoyunLabels) };
	return { ok: true, body: { op, data, send_time: sendTime } };
}

function messageData(op: string, input: JiandaoyunMessageInput, problems: ProblemList): JiandaoyunMessageData {
	const to = recipients(input.to, problems);
	const entryName = problems.requiredText('entry_name', input.entryName, 'the form or dashboard name, like 请假审批');

	let flowAction: string | undefined;
	let defaultNotifyText: string | undefined;
	if (op === 'flow_message' && isGiven(input.flowAction)) {
		const code = typeof input.flowAction === 'string' ? input.flowAction.trim() : '';
		const action = findJiandaoyunFlowAction(code);
		if (action === undefined) problems.add('flow_action', flowActionExpectation, input.flowAction);
		else [flowAction, defaultNotifyText] = [action.code, action.notifyText];
	} else if (isGiven(input.flowAction)) {
		problems.add('flow_action', 'nothing: only flow_message carries a flow action', input.flowAction);
	}

	const notifyText = isGiven(input.notifyText) || defaultNotifyText === undefined
		? problems.requiredText('notify_text', input.notifyText, 'the reminder text, like 小云本周五请假1天')
		: defaultNotifyText;

	let content: string | undefined;
	if (input.content !== undefined && input.content !== null) {
		content = readText(input.content);
		if (content === undefined) problems.add('content', 'the details as text, like "请假人: 小云\\n请假原因: 病假"', input.content);
	}

	const url = readText(input.url)?.trim() ?? '';
	if (!isWebUrl(url)) problems.add('url', 'a link starting with http:// or https://, like https://www.jiandaoyun.com/…', input.url);

	// Seed 001's sample order: to, entry_name, notify_text, content, url (flow_action last).
	return {
		to,
		entry_name: entryName,
		notify_text: notifyText,
		...(content === undefined ? {} : { content }),
		url,
		...(flowAction === undefined ? {} : { flow_action: flowAction }),
	};
}

/**
 * Recipients as a node parameter gives them: a list or object as it is; text holding JSON parsed;
 * other text read as usernames separated by commas, semicolons or spaces (names left empty).
 */
export function readRecipients(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '') return undefined;
	if (text.startsWith('[') || text.startsWith('{')) {
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return value;
		}
	}
	return text
		.split(/[\s,，;；]+/)
		.filter((username) => username !== '')
		.map((username) => ({ username, name: '' }));
}

function recipients(value: unknown, problems: ProblemList): JiandaoyunRecipient[] {
	const list = isPlainObject(value) ? [value] : value;
	if (!Array.isArray(list) || list.length === 0) {
		problems.add('to', recipientsExpectation, value);
		return [];
	}
	return list.map((entry: unknown, index) => {
		if (!isPlainObject(entry)) {
			problems.add(`to[${index}]`, 'a recipient like {"username": "jiandaoyun", "name": "小云"}', entry);
			return { username: '', name: '' };
		}
		const username = problems.requiredText(`to[${index}].username`, entry.username, 'the Jiandaoyun username (text), like jiandaoyun');
		const name = entry.name === undefined || entry.name === null ? '' : readText(entry.name);
		if (name === undefined) problems.add(`to[${index}].name`, "the person's name as text, like 小云", entry.name);
		return { username, name: name ?? '' };
	});
}
