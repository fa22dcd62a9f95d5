import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import { ekpUserKeys } from '../../shared/todo/adapters/landraySoap';
import { type TargetReader, forAdapter, required, text } from './targetParameters';

/** Landray EKP SOAP: seed 002's appName, oaAddress and ekpUserKey (nodes/shared/todo/adapters/landraySoap.ts). */
const userKeyNames: Record<keyof typeof ekpUserKeys, { name: string; description: string }> = {
	loginName: { name: 'Login Name (个人登录名)', description: 'targets as {"LoginName":"…"}' },
	id: { name: 'Unique ID (唯一标识)', description: 'Targets keyed by the EKP unique identifier (fdId)' },
	personNo: { name: 'Personal Number (个人编号)', description: 'targets as {"PersonNo":"…"}' },
	keyword: { name: 'Keyword (关键字)', description: 'targets as {"Keyword":"…"}' },
	ldapDn: { name: 'LDAP DN', description: 'targets as {"LdapDN":"…"}: the DN when EKP is integrated with LDAP' },
};

export const properties: INodeProperties[] = [
	{
		displayName: 'App Name',
		name: 'landrayAppName',
		type: 'string',
		default: '',
		required: true,
		description: 'The system identifier Landray assigned to this OA (appName); it must match exactly',
		displayOptions: forAdapter('landraySoap'),
	},
	{
		displayName: 'Model Name',
		name: 'landrayModelName',
		type: 'string',
		default: '',
		description: "The module name EKP shows (modelName); empty: the to-do's workflow name",
		displayOptions: forAdapter('landraySoap'),
	},
	{
		displayName: 'EKP User Key',
		name: 'landrayUserKey',
		type: 'options',
		default: 'loginName',
		options: (Object.keys(userKeyNames) as Array<keyof typeof userKeyNames>).map((value) => ({ value, ...userKeyNames[value] })),
		description: 'Which field of the EKP organisation the receiver and creator IDs are (ekpUserKey); person mapping must give IDs of this kind',
		displayOptions: forAdapter('landraySoap'),
	},
	{
		displayName: 'OA Address',
		name: 'landrayOaAddress',
		type: 'string',
		default: '',
		placeholder: 'https://oa.example.com',
		description: "This OA's own address (not Landray's), put before relative to-do links",
		displayOptions: forAdapter('landraySoap'),
	},
	{
		displayName: 'Level',
		name: 'landrayLevel',
		...oneOf(['Urgent (紧急)', '1'], ['Pressing (急)', '2'], ['Normal (一般)', '3']),
		default: '3',
		description: 'The to-do level EKP shows',
		displayOptions: forAdapter('landraySoap'),
	},
];

export const read: TargetReader = (getParameter, credentials) => ({
	appName: required(getParameter('landrayAppName'), 'App Name', 'give the system identifier Landray assigned'),
	modelName: text(getParameter('landrayModelName')),
	ekpUserKey: text(getParameter('landrayUserKey')) || 'loginName',
	oaAddress: text(getParameter('landrayOaAddress')),
	level: text(getParameter('landrayLevel')) || '3',
	username: text(credentials?.username),
	password: typeof credentials?.password === 'string' ? credentials.password : '',
	timeZone: text(getParameter('targetTimeZone')),
});
