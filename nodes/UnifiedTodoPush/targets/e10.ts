import type { INodeProperties } from 'n8n-workflow';

import { e10Defaults } from '../../shared/todo/adapters/e10';
import { type TargetReader, forAdapter, required, text } from './targetParameters';

/** Weaver E10: the endpoint paths (deployments differ) and the credential (nodes/shared/todo/adapters/e10.ts). */
export const properties: INodeProperties[] = [
	{
		displayName: 'To-Do Endpoint Path',
		name: 'e10PushPath',
		type: 'string',
		default: '/api/ofs/todo/receiveRequestInfo',
		description: "The path on the Server Address that receives the to-dos; check it in your E10 open platform's unified to-do API",
		displayOptions: forAdapter('e10'),
	},
	{
		displayName: 'Authorization Code Path',
		name: 'e10CodePath',
		type: 'string',
		default: '/oauth2/authorize',
		description: 'The OAuth2 authorization-code path on the credential\'s Open Platform Address',
		displayOptions: forAdapter('e10'),
	},
	{
		displayName: 'OAuth2 Exchange Path',
		name: 'e10ExchangePath',
		type: 'string',
		default: '/oauth2/access_token',
		description: 'The OAuth2 path that exchanges the code for the access token, on the credential\'s Open Platform Address',
		displayOptions: forAdapter('e10'),
	},
];

export const read: TargetReader = (getParameter, credentials) => ({
	corpId: required(credentials?.corpId, 'Corp ID', 'fill it in the E10 To-Do API credential'),
	appKey: required(credentials?.clientId, 'App Key', 'fill it in the E10 To-Do API credential'),
	appSecret: required(credentials?.appSecret, 'App Secret', 'fill it in the E10 To-Do API credential'),
	state: text(credentials?.state),
	openApiUrl: text(credentials?.openApiUrl) || e10Defaults.openApiUrl,
	pushPath: text(getParameter('e10PushPath')) || e10Defaults.pushPath,
	codePath: text(getParameter('e10CodePath')) || e10Defaults.codePath,
	exchangePath: text(getParameter('e10ExchangePath')) || e10Defaults.exchangePath,
	timeZone: text(getParameter('targetTimeZone')),
});
