import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Landray EKP web-service account (seed 002, Landray (SOAP) parameters: username / password as
 * Landray assigned them), sent in the SOAP header `RequestSOAPHeader` (user, password) when EKP's
 * web-service authentication is on. Read through nodes/UnifiedTodoPush/targets/landraySoap.ts.
 */
// EKP has no endpoint that checks an account without sending a to-do, so there is no `test`.
// eslint-disable-next-line @n8n/community-nodes/credential-test-required
export class TodoLandrayApi implements ICredentialType {
	name = 'todoLandrayApi';

	displayName = 'Landray EKP To-Do API';

	icon = { light: 'file:todoTarget.svg', dark: 'file:todoTarget.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-outbound-messages#unified-todo-push';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description: 'The web-service user Landray assigned; empty when EKP does not authenticate web-service calls',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The password Landray assigned to that user',
		},
	];
}
