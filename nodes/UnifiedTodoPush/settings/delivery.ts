import type { INodeProperties } from 'n8n-workflow';

import { circuitBreakerProperties } from '../../SendOutboundMessage/settings/circuitBreaker';
import { pushLogProperties } from '../../SendOutboundMessage/settings/pushLog';
import { maxRetryAfterWaitOption, retryProperties } from '../../SendOutboundMessage/settings/retry';

/**
 * How each to-do is delivered: the same retries, circuit breaker and push log as Send Outbound
 * Message (one delivery engine), shown for the Push operation. The push log's flow ID and receiver
 * come from the to-do itself, so its two expression fields are not offered here.
 */

const forPush = (property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		show: { ...property.displayOptions?.show, operation: ['push'] },
	},
});

const pushLogOwnFields = new Set(['pushLogFlowId', 'pushLogReceiver']);

export const deliveryProperties: INodeProperties[] = [
	...retryProperties.map(forPush),
	...circuitBreakerProperties.map(forPush),
	...pushLogProperties.filter((property) => !pushLogOwnFields.has(property.name)).map(forPush),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: ['push'] } },
		options: [
			{
				displayName: 'Ignore SSL Issues (Insecure)',
				name: 'allowUnauthorizedCerts',
				type: 'boolean',
				default: false,
				description: 'Whether to connect even if SSL certificate validation is not possible',
			},
			maxRetryAfterWaitOption,
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description: 'How long one attempt may take, in milliseconds: the connection, the start of the response and the whole body after that',
			},
		],
	},
];
