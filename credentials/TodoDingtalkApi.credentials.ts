import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * DingTalk internal app (企业内部应用) whose AppKey / AppSecret get the access token
 * (`POST /v1.0/oauth2/accessToken`) for the to-do API; the app needs the Todo.Todo.Write permission.
 * Read through nodes/UnifiedTodoPush/targets/dingtalk.ts. The test fetches a token.
 */
export class TodoDingtalkApi implements ICredentialType {
	name = 'todoDingtalkApi';

	displayName = 'DingTalk To-Do API';

	icon = { light: 'file:todoTarget.svg', dark: 'file:todoTarget.dark.svg' } as const;

	documentationUrl = 'https://open.dingtalk.com/document/development/add-dingtalk-to-do-task';

	properties: INodeProperties[] = [
		{
			displayName: 'App Key (Client ID)',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'App Secret (Client Secret)',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: 'https://api.dingtalk.com',
			description: 'Change only to reach DingTalk through a proxy',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl.replace(/\\/+$/, "")}}',
			url: '/v1.0/oauth2/accessToken',
			method: 'POST',
			body: { appKey: '={{$credentials.clientId}}', appSecret: '={{$credentials.appSecret}}' },
			json: true,
		},
	};
}
