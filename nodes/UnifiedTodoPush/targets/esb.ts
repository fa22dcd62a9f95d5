import type { INodeProperties } from 'n8n-workflow';

import { type TargetReader, forAdapter, required, text } from './targetParameters';

/** e-cology ESB: the action flow that takes the OFS fields (nodes/shared/todo/adapters/esb.ts). */
export const properties: INodeProperties[] = [
	{
		displayName: 'Action Flow URL',
		name: 'esbActionFlowUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/rest/esb/publish/todoFlow',
		description: 'The URL the ESB action flow (动作流) is published at: absolute, or a path on the Server Address. It receives every state, told apart by isremark.',
		displayOptions: forAdapter('esb'),
	},
];

export const read: TargetReader = (getParameter) => ({
	actionFlowUrl: required(getParameter('esbActionFlowUrl'), 'Action Flow URL', 'give the URL the ESB action flow is published at'),
	timeZone: text(getParameter('targetTimeZone')),
});
