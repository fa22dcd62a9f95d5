import type { INodeProperties } from 'n8n-workflow';

import { type BodySource, type ContentType, type NameValue, type RequestSettings, eventChoices } from '../../shared/delivery';
import { oneOf } from '../../shared/n8nChoices';
import { contentTypeOptions, httpMethodOptions } from '../../shared/requestChoices';
import type { SettingsReading } from './settingsStep';

/** What is sent and where: target, method, event, body, content type, headers and query. */
/** The Name and Value fields of one header or query parameter. */
function nameValuePair(): INodeProperties[] {
	return [
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	];
}

export const requestProperties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/outbound',
		description:
			'Where to deliver each item. An item whose request (from Sign Request) names its own URL is sent there instead, because a signature may cover the URL.',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: httpMethodOptions(),
		default: 'POST',
		description: "The HTTP method. An item's request.method, when present, is used instead.",
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: [{ name: 'None', value: '', description: 'No event recorded' }, ...eventChoices()],
		default: '',
		description:
			'The event these messages announce: recorded in delivery.event, and used for the sample message when you run this node on its own to test the target',
	},
	{
		displayName: 'Body Source',
		name: 'bodySource',
		...oneOf(
			["Item's Request, Else Whole Item", 'request', "Send the item's request (Sign Request's, or Format Fields' ready request) byte for byte, so its signature stays valid; an item without a request is sent as JSON of the whole item"],
			['JSON of the Whole Item', 'wholeItem', "Send the item's JSON, without the delivery record this node adds"],
			['Custom Body', 'custom', 'Send the body you write below, usually an expression'],
		),
		noDataExpression: true,
		default: 'request',
		description:
			'What each request carries. Format Fields (with Add Ready Request, on by default) and Sign Request leave a ready request on the item; this sends it unchanged. Each delivery record says which applied in delivery.bodyFrom.',
	},
	{
		displayName: 'Body',
		name: 'customBody',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		placeholder: '={{ JSON.stringify({ flowId: $json.flowId, action: $json.action }) }}',
		description:
			'Text is sent exactly as written, and must be valid JSON under the JSON content type (choose Raw for other text); an expression that returns an object is serialised for the content type',
		displayOptions: { show: { bodySource: ['custom'] } },
	},
	{
		displayName: 'Content Type',
		name: 'contentType',
		type: 'options',
		options: contentTypeOptions,
		default: 'json',
		description: 'How an object body is written, and the Content-Type sent unless a header sets one. Text bodies are never rewritten.',
	},
	{
		displayName: 'Raw Content Type',
		name: 'rawContentType',
		type: 'string',
		default: 'text/plain',
		placeholder: 'text/plain; charset=utf-8',
		displayOptions: { show: { contentType: ['raw'] } },
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add header',
		default: {},
		description: "Headers for every request. A header the item's request already has is kept as it is.",
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: nameValuePair(),
			},
		],
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add parameter',
		default: {},
		description: 'Added to the end of the URL',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: nameValuePair(),
			},
		],
	},
];

/** The parameters the request is built from (Event is read per item with the item's identity). */
export const requestParameters = ['url', 'method', 'headers', 'queryParameters', 'bodySource', 'customBody', 'contentType', 'rawContentType'];

function nameValues(value: unknown, key: string): NameValue[] {
	const list = (value as Record<string, unknown> | undefined)?.[key];
	return Array.isArray(list) ? (list as NameValue[]) : [];
}

export function readRequestSettings({ params, index }: SettingsReading): RequestSettings {
	const bodySource = params.get<BodySource>('bodySource', index, 'request');
	const contentType = params.get<ContentType>('contentType', index, 'json');
	return {
		url: String(params.get<unknown>('url', index, '') ?? ''),
		method: params.get<string>('method', index, 'POST'),
		headers: nameValues(params.get<unknown>('headers', index, {}), 'header'),
		queryParameters: nameValues(params.get<unknown>('queryParameters', index, {}), 'parameter'),
		bodySource,
		customBody: bodySource === 'custom' ? params.get<unknown>('customBody', index, '') : undefined,
		contentType,
		rawContentType: contentType === 'raw' ? params.get<string>('rawContentType', index, 'text/plain') : undefined,
	};
}
