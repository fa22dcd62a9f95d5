import type { INodeProperties } from 'n8n-workflow';

import * as accept from './accept.operation';
import { callbackPolicyParameters, callbackTargetParameters } from './callbackParameters';
import * as refuse from './refuse.operation';

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'accept',
		options: [
			{
				name: 'Accept',
				value: 'accept',
				action: 'Accept a document waiting at the robot node',
				description: 'Tell Hesi the EBot check passed: the flow goes on (同意)',
			},
			{
				name: 'Refuse',
				value: 'refuse',
				action: 'Refuse a document waiting at the robot node',
				description: 'Tell Hesi the EBot check failed: the document is rejected (驳回)',
			},
		],
	},
	...callbackTargetParameters,
	...accept.description,
	...refuse.description,
	...callbackPolicyParameters,
];

/** Success, Fallback, Failure: one output per outcome of the failure policy (README, Hesi EBot Callback). */
export const outputNames = ['Success', 'Fallback', 'Failure'];
export const outputIndex = { success: 0, fallback: 1, failure: 2 } as const;
