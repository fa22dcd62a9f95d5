import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Weaver E10 open platform app (seed 002, E10 push parameters): corpId, app_key, app_secret and
 * state get the access token by OAuth2 (authorization code, then token; see
 * nodes/shared/todo/adapters/e10.ts, which reads these field names through
 * nodes/UnifiedTodoPush/targets/e10.ts). The test asks the open platform for an authorization
 * code, which checks the Corp ID and the address.
 */
export class TodoE10Api implements ICredentialType {
	name = 'todoE10Api';

	displayName = 'E10 To-Do API';

	icon = { light: 'file:todoTarget.svg', dark: 'file:todoTarget.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-outbound-messages#unified-todo-push';

	properties: INodeProperties[] = [
		{
			displayName: 'Open Platform Address',
			name: 'openApiUrl',
			type: 'string',
			default: 'https://api.eteams.cn',
			placeholder: 'https://api.eteams.cn',
			description: "Where E10's open platform answers OAuth2 (api.eteams.cn for the cloud, api.yunteams.cn, or your own server's address)",
		},
		{
			displayName: 'Corp ID',
			name: 'corpId',
			type: 'string',
			default: '',
			required: true,
			description: 'The corpId in the developer information of the receiving E10',
		},
		{
			displayName: 'App Key',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'app_key of the general-purpose app created in the E10 open platform',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'app_secret of that app',
		},
		{
			displayName: 'State',
			name: 'state',
			type: 'string',
			default: '',
			description: 'Any value of a-z, A-Z and 0-9, at most 128 bytes, passed to the OAuth2 authorization (seed 002)',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.openApiUrl.replace(/\\/+$/, "")}}',
			url: '/oauth2/authorize',
			method: 'GET',
			qs: { corpid: '={{$credentials.corpId}}', response_type: 'code', state: '={{$credentials.state}}' },
		},
		rules: [{ type: 'responseSuccessBody', properties: { key: 'errcode', value: '100400', message: 'E10 does not know this Corp ID' } }],
	};
}
