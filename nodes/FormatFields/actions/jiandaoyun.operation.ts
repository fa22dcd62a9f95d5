import { type IExecuteFunctions, type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { findJiandaoyunDataPushEvent, jiandaoyunDataPushEvents, jiandaoyunFlowActions, jiandaoyunOps } from '../../shared/events/jiandaoyun';
import { type FormatContext, buildJiandaoyunMessage, readRecipients } from '../../shared/fields';
import { type ItemOutcome, type MemberSettings, envelopeFields, envelopeOutcome, noFields, parameter, withSettingLabels } from './envelopeMembers';
import { eventOptions } from './eventOptions';
import { fieldsProperty } from './fieldsList';

/**
 * Envelope Jiandaoyun Push ({op, data, send_time}): a message (recipients, texts, link) or, for a
 * data push op, the record as the Fields list.
 */

const dataPushOps = jiandaoyunDataPushEvents.map((event) => event.code);
const messageOps = jiandaoyunOps.map((event) => event.code).filter((code) => !dataPushOps.includes(code));

const showForJiandaoyun = { show: { mode: ['envelope'], envelope: ['jiandaoyun'] } };
const forMessages = { show: { jdyOp: messageOps } };

export const description: INodeProperties[] = updateDisplayOptions(showForJiandaoyun, [
	{
		displayName: 'Push Event (Op)',
		name: 'jdyOp',
		type: 'options',
		options: eventOptions(jiandaoyunOps),
		default: 'flow_message',
		description: 'The op of the push (推送事件). Choose from the list, or specify an op using an expression.',
	},
	{
		displayName: 'Recipients',
		name: 'jdyTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.data.to }} or jian, dao',
		description:
			'Who is reminded (data.to): a list like [{"username": "jian", "name": "小简"}], usually an expression, or usernames separated by commas',
		displayOptions: forMessages,
	},
	{
		displayName: 'Entry Name',
		name: 'jdyEntryName',
		type: 'string',
		default: '',
		placeholder: '请假审批',
		description: 'The form or dashboard the message comes from (data.entry_name)',
		displayOptions: forMessages,
	},
	{
		displayName: 'Flow Action',
		name: 'jdyFlowAction',
		type: 'options',
		options: [{ name: 'None', value: '', description: 'No flow_action member' }, ...eventOptions(jiandaoyunFlowActions)],
		default: '',
		description: 'The flow operation (data.flow_action). Choose from the list, or specify a code using an expression.',
		displayOptions: { show: { jdyOp: ['flow_message'] } },
	},
	{
		displayName: 'Notify Text',
		name: 'jdyNotifyText',
		type: 'string',
		default: '',
		placeholder: '小云本周五请假1天',
		description: "The reminder text (data.notify_text). For a flow message it may be left empty: the flow action's default text is used.",
		displayOptions: forMessages,
	},
	{
		displayName: 'Content',
		name: 'jdyContent',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: '请假人: 小云\n请假原因: 病假',
		description: 'The details (data.content); left out of the message when empty',
		displayOptions: forMessages,
	},
	{
		displayName: 'Link',
		name: 'jdyUrl',
		type: 'string',
		default: '',
		placeholder: 'https://www.jiandaoyun.com/dashboard/app/…',
		description: 'The link the recipient opens, an http(s) address',
		displayOptions: forMessages,
	},
	{
		displayName: 'Send Time',
		name: 'jdySendTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $now }}',
		description: 'The push time (send_time), written as ISO 8601 UTC. Leave empty for now.',
	},
]);

/**
 * The Fields list as the record of a data push. It stays apart from `description` because saved
 * workflows have it after every envelope's settings, with the other Fields lists.
 */
export const dataPushFieldsDescription: INodeProperties[] = updateDisplayOptions(showForJiandaoyun, [
	{ ...fieldsProperty, displayOptions: { show: { jdyOp: dataPushOps } } },
]);

export const memberSettings: MemberSettings = {
	op: ['jdyOp'],
	'data.to': ['jdyTo'],
	'data.entry_name': ['jdyEntryName'],
	'data.notify_text': ['jdyNotifyText'],
	'data.content': ['jdyContent'],
	'data.url': ['jdyUrl'],
	'data.flow_action': ['jdyFlowAction'],
	send_time: ['jdySendTime'],
};

export function execute(this: IExecuteFunctions, itemIndex: number, formatContext: FormatContext): ItemOutcome {
	const now = Date.now();
	const p = (name: string) => parameter(this, name, itemIndex);
	const op = p('jdyOp');
	const dataPush = typeof op === 'string' && findJiandaoyunDataPushEvent(op.trim()) !== undefined;
	const typed = dataPush ? envelopeFields(this, itemIndex, formatContext, 'data') : noFields;
	const result = buildJiandaoyunMessage(
		{
			op,
			to: readRecipients(p('jdyTo')),
			entryName: p('jdyEntryName'),
			notifyText: p('jdyNotifyText'),
			content: p('jdyContent') === '' ? undefined : p('jdyContent'),
			url: p('jdyUrl'),
			flowAction: p('jdyFlowAction'),
			sendTime: p('jdySendTime'),
			data: typed.fields,
		},
		{ clock: formatContext.clock, now },
	);
	return envelopeOutcome(withSettingLabels(result, memberSettings, description), typed);
}
