import type { INodeProperties } from 'n8n-workflow';

import { defaultResponseExcerptBytes, recordBodyLimitBytes } from '../../shared/delivery';
import { optionsCollection } from '../../shared/n8nOptionsCollection';
import { maxRetryAfterWaitOption } from './retry';

/** The Options collection: connection and identity settings most workflows leave at their defaults. */
export const optionsProperty: INodeProperties = optionsCollection('options', [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 256 },
		default: 16,
		description: 'How many items are delivered at the same time. Items leave the node in their input order either way.',
	},
	{
		displayName: 'Ignore SSL Issues (Insecure)',
		name: 'allowUnauthorizedCerts',
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description: 'Whether to connect even if SSL certificate validation is not possible',
		hint: 'Only for targets you control: an attacker in between could read and change the messages',
	},
	maxRetryAfterWaitOption,
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		default: '',
		placeholder: '={{ $json.flowId }}-{{ $json.action }}',
		description:
			'Stable ID of each message, sent with every attempt so the receiver can drop duplicates: in the Standard Webhooks ID header when signing with Standard Webhooks, else in the X-Message-ID header. Empty: the ID the item already has, or a new one.',
	},
	{
		displayName: 'Response Excerpt Size (Bytes)',
		name: 'responseExcerptSize',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: recordBodyLimitBytes },
		default: defaultResponseExcerptBytes,
		description:
			"How much of each response body the delivery record keeps on the Success, Retry and Held outputs. Items on the Failure output keep the whole response (up to 64 KiB) and the request body, whatever this says. The item's own request body is never repeated in its record: its length and SHA-256 are.",
		hint: 'Keep it small for large batches: every item of the execution carries its record',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10000,
		description:
			'How long one attempt may take at each step: the connection, the start of the response, and the whole response body after that. Checked about every half second.',
	},
]);

/** Read per item with the item's identity (settings/index.ts). */
export const itemOptionParameters = ['options.timeout', 'options.messageId', 'options.concurrency', 'options.responseExcerptSize'];

export const optionsCheckedParameters = ['options.concurrency', 'options.timeout', 'options.responseExcerptSize'] as const;
