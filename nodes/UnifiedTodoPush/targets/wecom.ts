import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import { wecomApiBaseUrl } from '../../shared/todo/adapters/wecom';
import { type TargetReader, forAdapter, required, text } from './targetParameters';

/** WeCom application message: the message type; the app from the credential (nodes/shared/todo/adapters/wecom.ts). */
export const properties: INodeProperties[] = [
	{
		displayName: 'Message Type',
		name: 'wecomMessageType',
		...oneOf(['Text Card', 'textcard', 'Title, workflow and node, and a Details button opening the to-do'], ['Text', 'text', 'Plain text with the link']),
		default: 'textcard',
		displayOptions: forAdapter('wecom'),
	},
];

export const read: TargetReader = (getParameter, credentials) => ({
	corpId: required(credentials?.corpId, 'Corp ID', 'fill it in the WeCom To-Do API credential'),
	corpSecret: required(credentials?.corpSecret, 'App Secret', 'fill it in the WeCom To-Do API credential'),
	agentId: required(credentials?.agentId, 'Agent ID', 'fill it in the WeCom To-Do API credential'),
	apiBaseUrl: text(credentials?.apiBaseUrl) || wecomApiBaseUrl,
	messageType: text(getParameter('wecomMessageType')) || 'textcard',
	timeZone: text(getParameter('targetTimeZone')),
});
