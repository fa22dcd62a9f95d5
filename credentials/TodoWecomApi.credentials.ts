import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * WeCom (企业微信) self-built app that sends the to-do messages: the Corp ID and the app's Secret
 * get the token (`GET /cgi-bin/gettoken`), the Agent ID names the app in each message. Read
 * through nodes/UnifiedTodoPush/targets/wecom.ts. The test fetches a token; WeCom answers HTTP 200
 * with an errcode, which the rules turn into a failed test.
 */
export class TodoWecomApi implements ICredentialType {
	name = 'todoWecomApi';

	displayName = 'WeCom To-Do API';

	icon = { light: 'file:todoTarget.svg', dark: 'file:todoTarget.dark.svg' } as const;

	documentationUrl = 'https://developer.work.weixin.qq.com/document/path/90236';

	properties: INodeProperties[] = [
		{
			displayName: 'Corp ID',
			name: 'corpId',
			type: 'string',
			default: '',
			required: true,
			description: "The company's corpid (My Company → Company Information)",
		},
		{
			displayName: 'App Secret',
			name: 'corpSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Secret of the self-built app that sends the messages',
		},
		{
			displayName: 'Agent ID',
			name: 'agentId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1000002',
			description: "The app's AgentId",
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: 'https://qyapi.weixin.qq.com',
			description: 'Change only to reach WeCom through a proxy',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl.replace(/\\/+$/, "")}}',
			url: '/cgi-bin/gettoken',
			method: 'GET',
			qs: { corpid: '={{$credentials.corpId}}', corpsecret: '={{$credentials.corpSecret}}' },
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 40013, message: 'WeCom does not know this Corp ID' } },
			{ type: 'responseSuccessBody', properties: { key: 'errcode', value: 40001, message: 'The App Secret is wrong' } },
		],
	};
}
