import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Where the package keeps what outlives one execution (DESIGN.md §5): the triggers' remembered
 * deliveries, circuit-breaker state, the push log / outbox, fuse records and batch tasks. The
 * embedded file serves one machine (several n8n processes included); PostgreSQL serves several.
 * Field names are read by nodes/shared/store/n8nStateStore.ts (stateStoreConfigFromCredential).
 *
 * A store is not an HTTP API, so instead of a `test` request the nodes declare
 * `testedBy: 'outboundStateStoreTest'` (nodes/shared/store/n8nCredentialTest.ts): it opens the store
 * described, remembers and forgets a probe key, and answers OK or what went wrong.
 */

const forStore = (...storeType: Array<'embedded' | 'postgres'>) => ({ show: { storeType } });

// Every trigger node lists this credential with `testedBy: 'outboundStateStoreTest'`, but through
// triggerCredentials() (nodes/shared/trigger/n8nDescription.ts), which credential-test-required, reading only array
// literals in node files, cannot follow; test/unit/shared/trigger/triggerNodeContract.ts checks it.
// The "-Api" / "API" naming rules are for credentials of a remote API; this names a database the
// package keeps its own state in, and `outboundStateStore` is what the nodes of this package refer to.
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed, @n8n/community-nodes/credential-test-required
export class OutboundStateStore implements ICredentialType {
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed
	name = 'outboundStateStore';

	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
	displayName = 'Outbound State Store';

	icon = { light: 'file:outboundStateStore.svg', dark: 'file:outboundStateStore.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-outbound-messages#state-store';

	properties: INodeProperties[] = [
		{
			displayName: 'Store',
			name: 'storeType',
			type: 'options',
			default: 'embedded',
			options: [
				{
					name: 'Embedded File',
					value: 'embedded',
					description: "A database file on this machine (Node's built-in SQLite); every n8n process on the machine shares it",
				},
				{
					name: 'PostgreSQL',
					value: 'postgres',
					description: 'A PostgreSQL database every n8n machine can reach: for queue mode on several hosts',
				},
			],
		},
		{
			displayName: 'File Path',
			name: 'filePath',
			type: 'string',
			default: '',
			placeholder: '/home/node/.n8n/outbound-messages/state.db',
			displayOptions: forStore('embedded'),
			description:
				'The database file, created with its folder when missing; a relative path is taken from the n8n folder. Empty: outbound-messages/state.db in the n8n folder (~/.n8n, or N8N_USER_FOLDER/.n8n), the same file the nodes use without a credential.',
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: 'localhost',
			required: true,
			displayOptions: forStore('postgres'),
			description: "The PostgreSQL server's host name or address",
		},
		{
			displayName: 'Port',
			name: 'port',
			type: 'number',
			default: 5432,
			displayOptions: forStore('postgres'),
		},
		{
			displayName: 'Database',
			name: 'database',
			type: 'string',
			default: 'postgres',
			displayOptions: forStore('postgres'),
			description: "The database that holds the tables; it must exist (n8n's own database will do)",
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: 'postgres',
			displayOptions: forStore('postgres'),
			description: 'A user that may create tables in the schema (the tables are created at first use)',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: forStore('postgres'),
		},
		{
			displayName: 'SSL',
			name: 'ssl',
			type: 'options',
			default: 'disable',
			displayOptions: forStore('postgres'),
			options: [
				{ name: 'Disable', value: 'disable', description: 'Plain connection (a server on the same host or a private network)' },
				{ name: 'Require', value: 'require', description: "Encrypted, without checking the server's certificate" },
				{
					name: 'Verify Certificate',
					value: 'verify',
					description: "Encrypted, and the server's certificate must be valid for the host name",
				},
			],
		},
		{
			displayName: 'Schema',
			name: 'schema',
			type: 'string',
			default: 'public',
			displayOptions: forStore('postgres'),
			description: 'Schema for the tables; created when missing',
		},
		{
			displayName: 'Table Prefix',
			name: 'tablePrefix',
			type: 'string',
			default: 'outbound_',
			displayOptions: forStore('postgres'),
			description: 'Written before every table name, so several installs (or test and production) can share one schema',
		},
		{
			displayName: 'Pool Size',
			name: 'poolSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: 4,
			displayOptions: forStore('postgres'),
			description: 'Connections each n8n process keeps open to the server at most',
		},
	];
}
