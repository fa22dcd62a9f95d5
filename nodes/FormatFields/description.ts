import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { approvalEvents } from '../shared/events/hesiApproval';
import { internalMessageEvents } from '../shared/events/hesiInternalMessage';
import { jiandaoyunDataPushEvents, jiandaoyunFlowActions, jiandaoyunOps } from '../shared/events/jiandaoyun';
import { ofsTodoEvents } from '../shared/events/ofsTodo';
import { eventDisplayName, type EventDefinition } from '../shared/events/types';
import { defaultLocalCurrency, fieldTypeLabel, fieldTypes } from '../shared/fields';

/**
 * Every option of Format Fields. The field types come from the table in nodes/shared/fields
 * (seed 000 "支持字段"); the event codes of the envelopes from the catalogs in nodes/shared/events.
 */

const eventOptions = (events: readonly EventDefinition[]): INodePropertyOptions[] =>
	events.map((event) => ({ name: eventDisplayName(event), value: event.code, description: event.code }));

const dataPushOps = jiandaoyunDataPushEvents.map((event) => event.code);
const messageOps = jiandaoyunOps.map((event) => event.code).filter((code) => !dataPushOps.includes(code));

const fieldsProperty: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Field',
	default: {},
	description: "The fields of the body, each in its seed 000 type's JSON shape",
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Currency',
					name: 'currency',
					type: 'string',
					default: defaultLocalCurrency,
					placeholder: 'CNY',
					description: 'ISO 4217 code of the local currency (本位币), used when the value does not name one',
					displayOptions: { show: { type: ['money'] } },
				},
				{
					displayName: 'Exchange Rate',
					name: 'exchangeRate',
					type: 'string',
					default: '',
					placeholder: '6.88',
					description: 'Foreign amount ÷ amount (汇率 = 外币金额 ÷ 本位币金额)',
					displayOptions: { show: { type: ['money'] } },
				},
				{
					displayName: 'Foreign Amount',
					name: 'foreignAmount',
					type: 'string',
					default: '',
					placeholder: '68.80',
					displayOptions: { show: { type: ['money'] } },
				},
				{
					displayName: 'Foreign Currency',
					name: 'foreignCurrency',
					type: 'string',
					default: '',
					placeholder: 'USD',
					description:
						'ISO 4217 code of the foreign currency (外币), if the amount was in one; then give the foreign amount or the exchange rate and the third is computed',
					displayOptions: { show: { type: ['money'] } },
				},
				{
					displayName: 'Output Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. amount or payee.account',
					description: 'Name of the field in the body; with dot notation, payee.account builds {"payee": {"account": …}}',
					required: true,
				},
				{
					displayName: 'Required',
					name: 'required',
					type: 'boolean',
					default: true,
					description: 'Whether an empty value (nothing, null, or blank text for non-text types) fails the item; when off the field is left out',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: fieldTypes.map((type) => ({ name: fieldTypeLabel(type), value: type.key, description: type.accepts })),
					default: 'text',
					description: 'The JSON shape to write (seed 000 "支持字段")',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. {{ $json.amount }}',
					description: 'The value to format, usually an expression; objects and lists from expressions are used as they are',
				},
			],
		},
	],
};

const addRequestProperty: INodeProperties = {
	displayName: 'Add Ready Request',
	name: 'addRequest',
	type: 'boolean',
	default: true,
	description:
		'Whether to also add a ready request to each item: the body serialised once as JSON, with its content type (and the URL and method, when set here). Sign Request signs these bytes and Send Outbound Message sends them unchanged.',
};

const requestMethodProperty: INodeProperties = {
	displayName: 'Request Method',
	name: 'requestMethod',
	type: 'options',
	options: [
		{ name: 'PATCH', value: 'PATCH' },
		{ name: 'POST', value: 'POST' },
		{ name: 'PUT', value: 'PUT' },
	],
	default: 'POST',
	description: "The request's method; a method set here is used instead of the next nodes' Method",
};

export const formatFieldsProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Fields',
				value: 'fields',
				description: 'Build a body from typed fields (text, date, money, payee, …)',
			},
			{
				name: 'Envelope',
				value: 'envelope',
				description: 'Build a complete message: Hesi body, Jiandaoyun push, OFS to-do or Standard Webhooks event',
			},
		],
		default: 'fields',
		description:
			'How to build the body: from a list of typed fields you choose, or as a complete message in a shape a receiver documents (the fields, where it has some, go inside it)',
	},
	{
		displayName: 'Envelope',
		name: 'envelope',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Hesi Outbound Body (合思出站消息)',
				value: 'hesi',
				description: 'The fields, plus action / actionName / userInfo for notifications or internalMessageNameType for internal messages',
			},
			{
				name: 'Jiandaoyun Push (简道云消息推送)',
				value: 'jiandaoyun',
				description: '{op, data, send_time} with the recipients, texts and link of a message, or the record of a data push',
			},
			{
				name: 'OFS Unified To-Do (泛微统一待办)',
				value: 'ofsTodo',
				description: 'The e-cology OFS body: every member as text, dates as yyyy-MM-dd HH:mm:ss',
			},
			{
				name: 'Standard Webhooks Event',
				value: 'standardWebhooks',
				description: '{type, timestamp, data} with the fields as data',
			},
		],
		default: 'hesi',
		description: 'The message to build. Each adds the members its receiver requires around your fields and checks them like the fields.',
		displayOptions: { show: { mode: ['envelope'] } },
	},

	// Hesi
	{
		displayName: 'Message Kind',
		name: 'hesiKind',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Approval Notification (审批事件)',
				value: 'notification',
				description: 'Adds action, actionName and userInfo',
			},
			{
				name: 'Internal Message (站内信)',
				value: 'internalMessage',
				description: 'Adds internalMessageNameType',
			},
			{
				name: 'Other (业务对象, EBot, 借款, 消息中心)',
				value: 'other',
				description: 'The fields alone',
			},
		],
		default: 'notification',
		description:
			'Which kind of Hesi outbound message this body is (seed 000): it decides the members added to the fields. Choose Other for business objects, EBot, loans and the message center.',
		displayOptions: { show: { mode: ['envelope'], envelope: ['hesi'] } },
	},
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		options: eventOptions(approvalEvents),
		default: 'backlog.approving',
		description: 'The notification category (通知类出站消息类别). Choose from the list, or specify a code using an expression.',
		displayOptions: { show: { mode: ['envelope'], envelope: ['hesi'], hesiKind: ['notification'] } },
	},
	{
		displayName: 'Action Name',
		name: 'actionName',
		type: 'string',
		default: '',
		placeholder: '被驳回',
		description: "The category name (类别名称). Leave empty to use the action's Chinese name from seed 000.",
		displayOptions: { show: { mode: ['envelope'], envelope: ['hesi'], hesiKind: ['notification'] } },
	},
	{
		displayName: 'Recipient ID',
		name: 'userInfoId',
		type: 'string',
		default: '',
		placeholder: '7hw8MheAgo0g00:I6A8MlHIQM0000',
		description: "The recipient's Hesi staff ID",
		displayOptions: { show: { mode: ['envelope'], envelope: ['hesi'], hesiKind: ['notification'] } },
	},
	{
		displayName: 'Recipient Name',
		name: 'userInfoName',
		type: 'string',
		default: '',
		placeholder: '张三',
		displayOptions: { show: { mode: ['envelope'], envelope: ['hesi'], hesiKind: ['notification'] } },
	},
	{
		displayName: 'Recipient Cellphone',
		name: 'userInfoCellphone',
		type: 'string',
		default: '',
		placeholder: '13111111111',
		displayOptions: { show: { mode: ['envelope'], envelope: ['hesi'], hesiKind: ['notification'] } },
	},
	{
		displayName: 'Recipient Email',
		name: 'userInfoEmail',
		type: 'string',
		default: '',
		placeholder: 'name@example.com',
		displayOptions: { show: { mode: ['envelope'], envelope: ['hesi'], hesiKind: ['notification'] } },
	},
	{
		displayName: 'Internal Message Type',
		name: 'internalMessageNameType',
		type: 'options',
		options: eventOptions(internalMessageEvents),
		default: 'freeflow:autoSubmit',
		description: 'The internal message type (站内信消息类型). Choose from the list, or specify a code using an expression.',
		displayOptions: { show: { mode: ['envelope'], envelope: ['hesi'], hesiKind: ['internalMessage'] } },
	},

	// Jiandaoyun
	{
		displayName: 'Push Event (Op)',
		name: 'jdyOp',
		type: 'options',
		options: eventOptions(jiandaoyunOps),
		default: 'flow_message',
		description: 'The op of the push (推送事件). Choose from the list, or specify an op using an expression.',
		displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'] } },
	},
	{
		displayName: 'Recipients',
		name: 'jdyTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.data.to }} or jian, dao',
		description:
			'Who is reminded (data.to): a list like [{"username": "jian", "name": "小简"}], usually an expression, or usernames separated by commas',
		displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'], jdyOp: messageOps } },
	},
	{
		displayName: 'Entry Name',
		name: 'jdyEntryName',
		type: 'string',
		default: '',
		placeholder: '请假审批',
		description: 'The form or dashboard the message comes from (data.entry_name)',
		displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'], jdyOp: messageOps } },
	},
	{
		displayName: 'Flow Action',
		name: 'jdyFlowAction',
		type: 'options',
		options: [{ name: 'None', value: '', description: 'No flow_action member' }, ...eventOptions(jiandaoyunFlowActions)],
		default: '',
		description: 'The flow operation (data.flow_action). Choose from the list, or specify a code using an expression.',
		displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'], jdyOp: ['flow_message'] } },
	},
	{
		displayName: 'Notify Text',
		name: 'jdyNotifyText',
		type: 'string',
		default: '',
		placeholder: '小云本周五请假1天',
		description: "The reminder text (data.notify_text). For a flow message it may be left empty: the flow action's default text is used.",
		displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'], jdyOp: messageOps } },
	},
	{
		displayName: 'Content',
		name: 'jdyContent',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: '请假人: 小云\n请假原因: 病假',
		description: 'The details (data.content); left out of the message when empty',
		displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'], jdyOp: messageOps } },
	},
	{
		displayName: 'Link',
		name: 'jdyUrl',
		type: 'string',
		default: '',
		placeholder: 'https://www.jiandaoyun.com/dashboard/app/…',
		description: 'The link the recipient opens, an http(s) address',
		displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'], jdyOp: messageOps } },
	},
	{
		displayName: 'Send Time',
		name: 'jdySendTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $now }}',
		description: 'The push time (send_time), written as ISO 8601 UTC. Leave empty for now.',
		displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'] } },
	},

	// OFS to-do
	{
		displayName: 'To-Do State',
		name: 'ofsEvent',
		type: 'options',
		options: eventOptions(ofsTodoEvents),
		default: 'todo',
		description: 'Which OFS body to build: to-do, done, finished and CC set isremark 0/2/4/8; the deletes need only the system code and flow ID',
		displayOptions: { show: { mode: ['envelope'], envelope: ['ofsTodo'] } },
	},
	...ofsTextProperties(),
	{
		displayName: 'View Type',
		name: 'viewtype',
		type: 'options',
		options: [
			{ name: 'Unread (0)', value: '0' },
			{ name: 'Read (1)', value: '1' },
		],
		default: '0',
		description: 'Whether the receiver has seen the to-do (viewtype)',
		displayOptions: { show: { mode: ['envelope'], envelope: ['ofsTodo'], ofsEvent: ['todo', 'done', 'finished', 'cc'] } },
	},
	{
		displayName: 'User ID',
		name: 'userid',
		type: 'string',
		default: '',
		description: 'The user whose to-do is removed (userid)',
		displayOptions: { show: { mode: ['envelope'], envelope: ['ofsTodo'], ofsEvent: ['deleteUser'] } },
	},

	// Standard Webhooks
	{
		displayName: 'Event Type',
		name: 'eventType',
		type: 'string',
		default: '',
		placeholder: 'invoice.paid',
		description: 'The type of the event, full-stop delimited',
		displayOptions: { show: { mode: ['envelope'], envelope: ['standardWebhooks'] } },
	},
	{
		displayName: 'Event Time',
		name: 'eventTimestamp',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $now }}',
		description: 'When the event happened, written as ISO 8601 UTC. Leave empty for now.',
		displayOptions: { show: { mode: ['envelope'], envelope: ['standardWebhooks'] } },
	},

	// One Fields list, shown where fields make the body: mode Fields, the Hesi body, the Standard
	// Webhooks data and the record of a Jiandaoyun data push.
	{ ...fieldsProperty, displayOptions: { show: { mode: ['fields'] } } },
	{ ...fieldsProperty, displayOptions: { show: { mode: ['envelope'], envelope: ['hesi', 'standardWebhooks'] } } },
	{ ...fieldsProperty, displayOptions: { show: { mode: ['envelope'], envelope: ['jiandaoyun'], jdyOp: dataPushOps } } },
	{
		displayName: 'Include Other Input Fields',
		name: 'includeOtherFields',
		type: 'boolean',
		default: false,
		description: "Whether to keep the input item's fields next to the output; when off the item carries only the output (and the request)",
	},
	// Version 1: off by default. Version 2: on, so Sign Request and Send Outbound Message at their
	// defaults sign and send exactly the formatted body (see FormatFields.node.ts).
	{ ...addRequestProperty, default: false, displayOptions: { show: { '@version': [1] } } },
	{ ...addRequestProperty, default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } },
	{
		displayName: 'Request URL',
		name: 'requestUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/outbound',
		description: "Where the message goes. Leave empty to use Send Outbound Message's URL.",
		displayOptions: { show: { addRequest: [true] } },
	},
	{
		...requestMethodProperty,
		default: 'POST',
		displayOptions: { show: { addRequest: [true], '@version': [1] } },
	},
	{
		...requestMethodProperty,
		options: [
			{
				name: 'Not Set',
				value: '',
				description: "The request names no method: Sign Request's or Send Outbound Message's Method applies",
			},
			...(requestMethodProperty.options ?? []),
		],
		default: '',
		displayOptions: { show: { addRequest: [true], '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Conversion Notes',
				name: 'includeNotes',
				type: 'boolean',
				default: false,
				description:
					'Whether to add formatNotes to each item: what was assumed about each value (seconds or milliseconds, the time zone of a date without one, a default currency)',
			},
			{
				displayName: 'Put Output In',
				name: 'outputKey',
				type: 'string',
				default: 'body',
				description: 'The item field the formatted body is written to',
			},
			{
				displayName: 'Support Dot Notation',
				name: 'dotNotation',
				type: 'boolean',
				default: true,
				description: 'Whether dots in output names build nested objects (payee.account → {"payee": {"account": …}}); when off the dot is part of the name',
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'Asia/Shanghai',
				description:
					"IANA time zone that dates without an offset (2017-01-15, 2017-01-15 09:00) are read in, and that OFS dates are written in. Leave empty for the workflow's time zone.",
			},
		],
	},
];

function ofsTextProperties(): INodeProperties[] {
	const everyState = ['todo', 'done', 'finished', 'cc', 'deleteUser', 'deleteFlow'];
	const fullBody = ['todo', 'done', 'finished', 'cc'];
	const members: Array<[name: string, displayName: string, description: string, placeholder: string, states: string[]]> = [
		['syscode', 'System Code', 'The code this system is registered under in e-cology (syscode, 异构系统标识)', 'OA_PUSH', everyState],
		['flowid', 'Flow ID', 'The flow instance ID in this system (flowid)', '10086', everyState],
		['requestname', 'Title', 'The to-do title (requestname, 标题)', '差旅报销-张三', fullBody],
		['workflowname', 'Workflow Name', 'The workflow type (workflowname, 流程类型名称)', '差旅报销', fullBody],
		['nodename', 'Step Name', 'The current step (nodename, 节点名称)', '部门审批', fullBody],
		['pcurl', 'PC Link', 'The link opened on a PC (pcurl), absolute or relative to e-cology', 'https://oa.example.com/todo/10086', fullBody],
		['appurl', 'App Link', 'The link opened in the mobile app (appurl); may be empty', '/mobile/todo/10086', fullBody],
		['creator', 'Creator', "The creator's login ID (creator)", 'zhangsan', fullBody],
		['createdatetime', 'Created At', 'When the flow was created (createdatetime): any date, written as yyyy-MM-dd HH:mm:ss', 'e.g. {{ $json.createdAt }}', fullBody],
		['receiver', 'Receiver', "The receiver's login ID (receiver)", 'lisi', fullBody],
		['receivedatetime', 'Received At', 'When the receiver got the to-do (receivedatetime). Leave empty for now.', 'e.g. {{ $now }}', fullBody],
		['receivets', 'Receive Timestamp', 'Version of this push (receivets, ms): an older one never overwrites a newer. Leave empty for now.', '1705280400000', fullBody],
	];
	return members.map(([name, displayName, description, placeholder, states]) => ({
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		description,
		displayOptions: { show: { mode: ['envelope'], envelope: ['ofsTodo'], ofsEvent: states } },
	}));
}
