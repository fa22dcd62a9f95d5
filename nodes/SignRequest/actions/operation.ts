import type { INodeProperties } from 'n8n-workflow';

import * as sign from './sign.operation';
import * as verify from './verify.operation';

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'sign',
		options: [
			{
				name: 'Sign',
				value: 'sign',
				action: 'Sign a request',
				description: "Add the signature to the item's request, ready for Send Outbound Message",
			},
			{
				name: 'Verify',
				value: 'verify',
				action: 'Verify a received request',
				description: 'Check the signature of a request received by a Webhook node: Valid or Invalid with the reason',
			},
		],
	},
	...sign.description,
	...verify.description,
];
