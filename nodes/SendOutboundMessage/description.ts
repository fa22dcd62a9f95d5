import type { INodeProperties } from 'n8n-workflow';

import { defaultRetryOn, eventChoices, maxRetriesLimit, seedSuccessStatuses } from '../shared/delivery';

/**
 * Every option of Send Outbound Message, in the order the seed's outbound-message settings list
 * them (000, 配置说明): target, event, body, success codes, keyword match, retries, then what the
 * seed does not have (hand-off of long retries, signing each attempt, connection options).
 */
export const sendOutboundMessageProperties: INodeProperties[] = [
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
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
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
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: "Item's Request, Else Whole Item",
				value: 'request',
				description:
					"Send the item's request (Sign Request's, or Format Fields' ready request) byte for byte, so its signature stays valid; an item without a request is sent as JSON of the whole item",
			},
			{
				name: 'JSON of the Whole Item',
				value: 'wholeItem',
				description: "Send the item's JSON, without the delivery record this node adds",
			},
			{
				name: 'Custom Body',
				value: 'custom',
				description: 'Send the body you write below, usually an expression',
			},
		],
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
		options: [
			{ name: 'Form URL-Encoded', value: 'form' },
			{ name: 'JSON', value: 'json' },
			{ name: 'Raw', value: 'raw' },
			{ name: 'XML', value: 'xml' },
		],
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
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
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
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Success Status',
		name: 'successStatus',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Chosen Codes', value: 'codes', description: 'HTTP 200, 201 and/or 204, as Hesi offers' },
			{ name: 'Any 2xx', value: 'any2xx', description: 'Any status from 200 to 299' },
			{ name: 'Custom List', value: 'custom', description: 'Codes and ranges you list, e.g. 200-299, 302' },
		],
		default: 'codes',
		description: 'Which HTTP statuses mean the target accepted the message',
	},
	{
		displayName: 'Success Status Codes',
		name: 'successStatusCodes',
		type: 'multiOptions',
		options: seedSuccessStatuses.map((code) => ({ name: `HTTP ${code}`, value: code })),
		default: [...seedSuccessStatuses],
		description:
			'The statuses that mean the target accepted the message, as Hesi offers them (成功状态码). Any other status is a failure (429 and 5xx can be retried, see Retry On). With a keyword match, a 204 passes without a body: see Bodiless Responses.',
		displayOptions: { show: { successStatus: ['codes'] } },
	},
	{
		displayName: 'Custom Success Statuses',
		name: 'customSuccessStatuses',
		type: 'string',
		default: '200-299',
		placeholder: '200-299, 302',
		description: 'Codes, ranges such as 200-299, or families such as 2xx, separated by commas',
		displayOptions: { show: { successStatus: ['custom'] } },
	},
	{
		displayName: 'Keyword Match',
		name: 'keywordMatch',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Off', value: 'none', description: 'The status alone decides' },
			{
				name: 'JSON Field Equals',
				value: 'jsonPathEquals',
				description: 'A field of the JSON body has a value, e.g. code = 1 for {"code":"1"}',
			},
			{ name: 'Body Contains', value: 'contains', description: 'The body contains a text, e.g. success' },
			{ name: 'Body Matches Regex', value: 'regex', description: 'The body matches a regular expression' },
		],
		default: 'none',
		description: 'An extra condition on the response body, checked after the status (Hesi: HTTP 200 and {"code":"1"})',
	},
	{
		displayName: 'JSON Field',
		name: 'keywordPath',
		type: 'string',
		default: 'code',
		placeholder: 'value.code',
		description: 'Path of the field in the response body, e.g. code, value.code or data[0].status',
		displayOptions: { show: { keywordMatch: ['jsonPathEquals'] } },
	},
	{
		displayName: 'Expected Value',
		name: 'keywordValue',
		type: 'string',
		default: '1',
		description: 'Compared as text, so 1 matches both "1" and 1 in the body',
		displayOptions: { show: { keywordMatch: ['jsonPathEquals'] } },
	},
	{
		displayName: 'Text',
		name: 'keywordText',
		type: 'string',
		default: '',
		placeholder: 'success',
		description: 'Text the response body must contain (case-sensitive)',
		displayOptions: { show: { keywordMatch: ['contains'] } },
	},
	{
		displayName: 'Regex',
		name: 'keywordPattern',
		type: 'string',
		default: '',
		placeholder: '/"code"\\s*:\\s*"?1"?/',
		description: 'A regular expression, bare or as /pattern/flags',
		displayOptions: { show: { keywordMatch: ['regex'] } },
	},
	{
		displayName: 'Bodiless Responses',
		name: 'bodilessResponses',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Pass 204, 205 and 304 on Their Status',
				value: 'noContentStatuses',
				description:
					'Statuses that never carry a body pass when accepted; any other empty body is judged by the keyword match, and fails',
			},
			{
				name: 'Pass Any Empty Body on Its Status',
				value: 'anyEmptyBody',
				description: 'An accepted status with an empty body passes; the keyword match judges only bodies',
			},
			{
				name: 'Judge by the Keyword Match',
				value: 'keywordRule',
				description: 'An empty body fails the keyword match like any other body (keyword_mismatch)',
			},
		],
		default: 'noContentStatuses',
		description:
			'What the keyword match makes of an accepted response without a body, such as HTTP 204 No Content, which cannot carry {"code":"1"}',
		displayOptions: { hide: { keywordMatch: ['none'] } },
	},
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: maxRetriesLimit },
		default: 0,
		description:
			'How many times to try again in this run after a retryable failure: 0 to 10 (Hesi offers 0 to 3). A value outside the range is refused, not changed.',
	},
	{
		displayName: 'Wait Between Retries',
		name: 'retryWait',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fixed Interval', value: 'fixed', description: 'The same wait every time, as Hesi does' },
			{
				name: 'Exponential Backoff',
				value: 'exponential',
				description: 'Waits that grow by a factor up to a cap, each a random part of it (full jitter)',
			},
		],
		default: 'fixed',
		displayOptions: { hide: { retries: [0] } },
	},
	{
		displayName: 'Interval (Seconds)',
		name: 'retryInterval',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 1 },
		default: 0,
		description: 'Wait before each retry: 0 to 10 seconds, as in Hesi. A value outside the range is refused, not changed.',
		displayOptions: { show: { retryWait: ['fixed'] }, hide: { retries: [0] } },
	},
	{
		displayName: 'Base Wait (Seconds)',
		name: 'backoffBase',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 1,
		description: 'Longest wait before the first retry',
		displayOptions: { show: { retryWait: ['exponential'] }, hide: { retries: [0] } },
	},
	{
		displayName: 'Factor',
		name: 'backoffFactor',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 1 },
		default: 2,
		description: 'How much the longest wait grows with each retry',
		displayOptions: { show: { retryWait: ['exponential'] }, hide: { retries: [0] } },
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'backoffCap',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 60,
		description: 'No wait is longer than this, not even one a Retry-After header asks for',
		displayOptions: { show: { retryWait: ['exponential'] }, hide: { retries: [0] } },
	},
	{
		displayName: 'Retry On',
		name: 'retryOn',
		type: 'multiOptions',
		options: [
			{ name: 'Any 4xx Status', value: 'clientErrors', description: 'Other client errors; 410 Gone is never retried' },
			{ name: 'Connection Errors', value: 'connectionErrors', description: 'Refused, reset or unresolvable targets' },
			{ name: 'Keyword Mismatch', value: 'keywordMismatch', description: 'An accepted status whose body fails the keyword match' },
			{ name: 'Server Errors (5xx)', value: 'serverErrors' },
			{ name: 'Timeouts', value: 'timeouts' },
			{ name: 'Too Many Requests (429)', value: 'tooManyRequests' },
		],
		default: [...defaultRetryOn],
		description: 'Which failures are worth another attempt. Others go straight to the Failure output.',
	},
	{
		displayName: 'Hand Off Long Retries',
		name: 'handOffLongRetries',
		type: 'boolean',
		default: false,
		description:
			'Whether items whose retries in this run are used up, and that are still worth retrying, leave by the Retry output with delivery.nextAttemptAt, to wait in a Wait node and come back to this node',
	},
	{
		displayName:
			'Connect the Retry output to a Wait node (Resume: At Specified Time, Date and Time: {{ $json.delivery.nextAttemptAt }}) and the Wait node back to this node\'s input. Each time an item comes back, one more attempt is made; after the last wait of the schedule it goes to Failure.',
		name: 'handOffNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { handOffLongRetries: [true] } },
	},
	{
		displayName: 'Schedule',
		name: 'handOffSchedule',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Svix (5s, 5m, 30m, 2h, 5h, 10h, 10h)',
				value: 'svix',
				description: "Svix's schedule: 8 attempts over about 28 hours",
			},
			{ name: 'Custom', value: 'custom', description: 'The waits you list' },
		],
		default: 'svix',
		displayOptions: { show: { handOffLongRetries: [true] } },
	},
	{
		displayName: 'Custom Schedule',
		name: 'customHandOffSchedule',
		type: 'string',
		default: '1m, 5m, 30m',
		placeholder: '10s, 1m, 5m',
		description: 'Waits before each later attempt, separated by commas: 30s, 5m, 2h, 1d',
		displayOptions: { show: { handOffLongRetries: [true], handOffSchedule: ['custom'] } },
	},
	{
		displayName: 'Sign Each Attempt',
		name: 'signEachAttempt',
		type: 'boolean',
		default: false,
		description:
			"Whether to sign every attempt afresh with an Outbound Signing Secret, so a late retry carries a current timestamp and passes the receiver's replay window",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
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
			{
				displayName: 'Max Retry-After Wait (Seconds)',
				name: 'maxRetryAfterWait',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description:
					'With a fixed interval, the longest wait a Retry-After header from the target can ask for. With exponential backoff, Max Wait applies.',
			},
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
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description:
					'How long one attempt may take at each step: the connection, the start of the response, and the whole response body after that. Checked about every half second.',
			},
		],
	},
];
