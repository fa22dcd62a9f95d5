import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import { dingtalkApiBaseUrl } from '../../shared/todo/adapters/dingtalk';
import { type TargetReader, forAdapter, required, text } from './targetParameters';

/** DingTalk to-do: operator and priority; the app from the credential (nodes/shared/todo/adapters/dingtalk.ts). */
export const properties: INodeProperties[] = [
	{
		displayName: 'Operator Union ID',
		name: 'dingtalkOperatorId',
		type: 'string',
		default: '',
		description: 'The unionId DingTalk records as the operator (operatorId); empty: none',
		displayOptions: forAdapter('dingtalk'),
	},
	{
		displayName: 'Priority',
		name: 'dingtalkPriority',
		...oneOf(['Low', 10], ['Normal', 20], ['High', 30], ['Urgent', 40]),
		default: 20,
		displayOptions: forAdapter('dingtalk'),
	},
];

export const read: TargetReader = (getParameter, credentials) => ({
	appKey: required(credentials?.clientId, 'App Key (Client ID)', 'fill it in the DingTalk To-Do API credential'),
	appSecret: required(credentials?.appSecret, 'App Secret (Client Secret)', 'fill it in the DingTalk To-Do API credential'),
	apiBaseUrl: text(credentials?.apiBaseUrl) || dingtalkApiBaseUrl,
	operatorId: text(getParameter('dingtalkOperatorId')),
	priority: text(getParameter('dingtalkPriority')) || '20',
});
