import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import { optionsCollection } from '../../shared/n8nOptionsCollection';
import { bodyMethods, httpMethodOptions } from '../../shared/requestChoices';
import { type SchemeConfig, choiceLabel, signRequest } from '../../shared/signing';
import { ItemRequestError, existingRequest, requestToSign, signedItemRequest } from './itemRequest';
import { signingCredential } from './signingCredential';

const showForSign = { show: { operation: ['sign'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhooks/in',
		displayOptions: showForSign,
		description:
			"Where the request will be sent. Leave empty to sign the request the item already carries in its request field (e.g. from Format Fields); that request's own URL is kept.",
		hint: 'Required for Jiandaoyun, DingTalk and a custom HMAC placed in the query: they put signed values (timestamp, nonce, signature) into the query of this URL',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'POST',
		displayOptions: showForSign,
		options: httpMethodOptions(bodyMethods),
		description: "The HTTP method; an item's own request.method is kept",
	},
	{
		displayName: 'Body',
		name: 'bodySource',
		...oneOf(
			['Whole Item', 'wholeItem', "The item's JSON, serialised once"],
			['From a Field', 'field', 'One field of the item: text is sent as it is, anything else as JSON'],
			['Custom', 'custom', 'Text or an expression'],
		),
		default: 'wholeItem',
		displayOptions: showForSign,
		description:
			"What to sign and send when the item carries no request yet. An item's request (Format Fields' ready request, or one signed before) is signed as it is. The body is serialised here, once: the request's body holds the exact text that is signed, and Send Outbound Message sends it unchanged.",
	},
	{
		displayName: 'Field',
		name: 'bodyField',
		type: 'string',
		default: 'body',
		placeholder: 'data.message',
		displayOptions: { show: { operation: ['sign'], bodySource: ['field'] } },
		description: 'Path of the field that holds the body (dot notation for nested fields)',
	},
	{
		displayName: 'Custom Body',
		name: 'customBody',
		type: 'string',
		typeOptions: { rows: 5 },
		default: '',
		placeholder: '{"event":"approved","number":"{{ $json.number }}"}',
		displayOptions: { show: { operation: ['sign'], bodySource: ['custom'] } },
		description: 'The body text; an expression that returns an object is serialised as JSON',
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Header',
		displayOptions: showForSign,
		description: "Headers to send along; a header the item's request already has is kept. Content-Type defaults to the JSON media type.",
		options: [
			{
				name: 'header',
				displayName: 'Header',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'X-Tenant' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	optionsCollection('signOptions', [
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			default: '',
			placeholder: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
			description:
				"The ID the receiver uses to drop duplicates (Standard Webhooks webhook-ID, Jiandaoyun X-JDY-DeliverId, custom {ID}). Default: the ID already on the item's request, else the item's messageId field, else a new one.",
		},
	], showForSign),
];

/** Schemes whose signature lands in the URL need one to sign. */
function needsUrl(config: SchemeConfig): boolean {
	if (config.scheme === 'jiandaoyun' || config.scheme === 'dingtalk') return true;
	return config.scheme === 'customHmac' && (config.placement === 'query' || config.template.includes('{path}'));
}

/** Header that carries the message id for the scheme, if it has one in a header. */
function idHeaderName(config: SchemeConfig): string | undefined {
	if (config.scheme === 'standardWebhooks') return 'webhook-id';
	if (config.scheme === 'jiandaoyun') return 'x-jdy-deliverid';
	if (config.scheme === 'customHmac' && config.placement === 'header') return config.idName?.trim() || 'X-Webhook-Id';
	return undefined;
}

/**
 * The message id: the option, else (the engine keeps) the id already on the item's request, else
 * the item's messageId field, else none (the engine generates one).
 */
function messageIdFor(json: IDataObject, config: SchemeConfig, option: unknown): string | undefined {
	if (typeof option === 'string' && option.trim() !== '') return option.trim();
	const headers = existingRequest(json)?.headers;
	const idHeader = idHeaderName(config)?.toLowerCase();
	if (idHeader && headers && typeof headers === 'object' && Object.keys(headers).some((name) => name.toLowerCase() === idHeader)) {
		return undefined;
	}
	const fromItem = json.messageId;
	if (typeof fromItem === 'string' && fromItem.trim() !== '') return fromItem.trim();
	if (typeof fromItem === 'number') return String(fromItem);
	return undefined;
}

function bodyFor(context: IExecuteFunctions, itemIndex: number, json: IDataObject): unknown {
	const source = context.getNodeParameter('bodySource', itemIndex) as string;
	if (source === 'custom') return context.getNodeParameter('customBody', itemIndex);
	if (source === 'field') {
		const path = (context.getNodeParameter('bodyField', itemIndex) as string).trim();
		let value: unknown = json;
		for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
		if (value === undefined) {
			throw new ItemRequestError(`The item has no field "${path}", which the node's Field names as the body to sign`);
		}
		return value;
	}
	return json;
}

/** Why an item could not be signed, worded for the person reading the execution. */
function itemProblem(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	return new NodeOperationError(context.getNode(), (error as Error).message, {
		itemIndex,
		description:
			error instanceof ItemRequestError
				? "Check the item and the node's URL and Body settings."
				: 'Check the Outbound Signing Secret credential (scheme and secret) and the body: Feishu and a Hesi body key need a JSON object body.',
	});
}

/** A Failure item (version 2): the input item with `error` saying what went wrong. */
function failureItem(item: INodeExecutionData, itemIndex: number, problem: NodeOperationError): INodeExecutionData {
	return {
		json: { ...item.json, error: { message: problem.message, description: problem.description ?? null } },
		binary: item.binary,
		pairedItem: { item: itemIndex },
	};
}

async function schemeToSignWith(context: IExecuteFunctions) {
	const signing = await signingCredential(context);
	if (signing.config.scheme === 'hesiSignKey') {
		throw new NodeOperationError(context.getNode(), 'Sign Request cannot sign with the Hesi signKey scheme', {
			description:
				"With Hesi signKey the secret itself travels with the request, so signing here would write it into the item, where n8n keeps it in the execution history. Choose the credential in Send Outbound Message instead: it adds the key only to the request it sends. Verify works with this scheme.",
		});
	}
	return signing;
}

/**
 * Version 2 returns [Success, Failure]: an item that cannot be signed (no such body field, a bad
 * header, no URL for a scheme that signs the URL, a body the scheme cannot sign) goes to Failure
 * and the rest of the batch is signed. Version 1 returns one output and stops at such an item,
 * unless the node continues on error: then the item stays in the output with `error` (and, for
 * n8n's "Continue (using error output)", as the item's error, so n8n routes it there).
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const withFailureOutput = this.getNode().typeVersion >= 2;
	let signing: Awaited<ReturnType<typeof schemeToSignWith>>;
	try {
		signing = await schemeToSignWith(this);
	} catch (error) {
		// The credential is the same for every item: stop, or with "On Error: Continue" fail them all.
		const problem = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw problem;
		if (withFailureOutput) return [[], items.map((item, itemIndex) => failureItem(item, itemIndex, problem))];
		// Version 1 has one output: mark each item with the error (n8n would pass it on unsigned).
		return [items.map((item, itemIndex) => ({ json: { ...item.json, error: problem.message }, error: problem, pairedItem: { item: itemIndex } }))];
	}
	const signed: INodeExecutionData[] = [];
	const failed: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = items[itemIndex];
		try {
			const json = item.json;
			const request = requestToSign(json, {
				url: this.getNodeParameter('url', itemIndex) as string,
				method: this.getNodeParameter('method', itemIndex) as string,
				headers: (this.getNodeParameter('headers.header', itemIndex, []) as Array<{ name: string; value: string }>) ?? [],
				body: existingRequest(json) ? undefined : bodyFor(this, itemIndex, json),
			});
			if (request.url === '' && needsUrl(signing.config)) {
				throw new ItemRequestError(`The ${choiceLabel('scheme', signing.config.scheme)} scheme signs values in the URL: set "URL", or give the item a request.url`);
			}
			const options = this.getNodeParameter('signOptions', itemIndex, {}) as IDataObject;
			const signedRequest = signRequest(request, { ...signing, messageId: messageIdFor(json, signing.config, options.messageId) });
			signed.push({
				json: { ...json, request: signedItemRequest(json, signedRequest) as IDataObject },
				binary: item.binary,
				pairedItem: { item: itemIndex },
			});
		} catch (error) {
			const problem = itemProblem(this, error, itemIndex);
			if (withFailureOutput) {
				failed.push(failureItem(item, itemIndex, problem));
				continue;
			}
			if (this.continueOnFail()) {
				signed.push({ json: { ...item.json, error: problem.message }, error: problem, pairedItem: { item: itemIndex } });
				continue;
			}
			throw problem;
		}
	}
	return withFailureOutput ? [signed, failed] : [signed];
}
