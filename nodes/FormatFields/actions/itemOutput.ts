import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildOutboundRequest } from '../../shared/fields';
import { optionsCollection } from '../../shared/n8nOptionsCollection';
import { httpMethodOptions } from '../../shared/requestChoices';

/**
 * What every mode does with a formatted body: where it is written on the item, whether the input
 * fields stay, and the ready request that Sign Request and Send Outbound Message pick up.
 */

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
	options: httpMethodOptions(['PATCH', 'POST', 'PUT']),
	default: 'POST',
	description: "The request's method; a method set here is used instead of the next nodes' Method",
};

export const description: INodeProperties[] = [
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
	optionsCollection('options', [
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
	]),
];

/** The Success item for a formatted body: the body under its key, the request and notes as set. */
export function successJson(context: IExecuteFunctions, itemIndex: number, input: IDataObject, body: unknown, notes: readonly unknown[]): IDataObject {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const outputKey = typeof options.outputKey === 'string' && options.outputKey.trim() !== '' ? options.outputKey.trim() : 'body';
	const json: IDataObject = context.getNodeParameter('includeOtherFields', itemIndex, false) ? { ...input } : {};
	json[outputKey] = body as IDataObject;
	if (context.getNodeParameter('addRequest', itemIndex, false)) {
		json.request = buildOutboundRequest(body, {
			url: context.getNodeParameter('requestUrl', itemIndex, '') as string,
			method: context.getNodeParameter('requestMethod', itemIndex, 'POST') as string,
		}) as unknown as IDataObject;
	}
	if (options.includeNotes === true) json.formatNotes = notes as unknown as IDataObject[];
	return json;
}
