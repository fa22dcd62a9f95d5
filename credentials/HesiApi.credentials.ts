import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Hesi's (合思, formerly Ekuaibao 易快报) open API: the app key and app security of an open-API app,
 * exchanged for an access token at `POST {base}/api/openapi/v1/auth/getAccessToken`
 * (nodes/shared/hesi/accessToken.ts). Used by Hesi EBot Callback. The test asks for a token: Hesi
 * answers `{"value":{"accessToken", …}}` for a good pair, anything else fails the test.
 */
export class HesiApi implements ICredentialType {
	name = 'hesiApi';

	displayName = 'Hesi API';

	icon = { light: 'file:hesiApi.svg', dark: 'file:hesiApi.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-outbound-messages#hesi-ebot-callback';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.ekuaibao.com',
			placeholder: 'https://app.ekuaibao.com',
			description: "Your Hesi's address, without a path; a private deployment has its own",
			required: true,
		},
		// Hesi's app key is half of the pair a token is had for: kept hidden like the secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'App Key',
			name: 'appKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The appKey of your Hesi open-API app (合思开放平台 → 授权管理)',
			required: true,
		},
		// The app's secret (Hesi names it "security"): sensitive, whatever the name suggests.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'App Security',
			// The app's secret (Hesi names it "security"): sensitive, whatever the name suggests.
			 
			name: 'appSecurity',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The appSecurity issued with the app key',
			required: true,
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/api/openapi/v1/auth/getAccessToken',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: { appKey: '={{ $credentials.appKey }}', appSecurity: '={{ $credentials.appSecurity }}' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				// Fails when the answer has no token (n8n compares the value at the key with `value`).
				properties: { key: 'value.accessToken', value: undefined, message: 'Hesi gave no access token: check App Key and App Security' },
			},
		],
	};
}
