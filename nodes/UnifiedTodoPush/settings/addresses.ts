import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';

/**
 * Seed 002's 推送地址管理: the links a to-do carries to the flow (PC, app, adaptive), built per
 * target from a prefix and parameters, because each portal signs its users in differently.
 * Shared by Push (the links sent) and Preview Addresses (the links shown).
 */

const parameterValues: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, description: 'The query parameter name (参数名)' },
	{
		displayName: 'Value From',
		name: 'kind',
		...oneOf(
			['Fixed Value', 'fixed', 'The text below (固定值); an expression works here too'],
			['System Variable', 'variable', 'The time of the push (系统变量)'],
			['System Parameter', 'parameter', 'Tenant key, flow ID or the encoded original URL (系统参数)'],
		),
		default: 'fixed',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string',
		default: '',
		displayOptions: { show: { kind: ['fixed'] } },
	},
	{
		displayName: 'Variable',
		name: 'variable',
		...oneOf(
			['Date', 'date', 'Like 2024-07-25'],
			['Date and Time', 'datetime', 'Like 2024-07-25 09:30:00'],
			['Time', 'time', 'Like 09:30:00'],
			['Timestamp (Milliseconds)', 'msTimestamp'],
			['Timestamp (Seconds)', 'sTimestamp'],
		),
		default: 'msTimestamp',
		displayOptions: { show: { kind: ['variable'] } },
	},
	{
		displayName: 'Parameter',
		name: 'parameter',
		...oneOf(['Tenant Key', 'tenantKey'], ['Flow ID', 'flowId'], ['Original URL (Encoded)', 'encodedUrl']),
		default: 'flowId',
		displayOptions: { show: { kind: ['parameter'] } },
	},
];

const template = (name: string, displayName: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	default: {},
	placeholder: `Set ${displayName}`,
	description: `Replaces the ${what} link the to-do carries`,
	options: [
		{
			name: 'template',
			displayName: 'Template',
			values: [
				{
					displayName: 'Prefix',
					name: 'prefix',
					type: 'string',
					default: '',
					placeholder: 'https://oa.example.com/spa/workflow/index.html or /ecology',
					description: 'Absolute, or relative to the OA Address below (地址前缀)',
				},
				{
					displayName: 'Redirect',
					name: 'redirect',
					type: 'boolean',
					default: false,
					description: "Whether the prefix is a sign-in or redirect page that gets the OA's original link as a parameter (重定向)",
				},
				{
					displayName: 'Parameters',
					name: 'parameters',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Parameter',
					default: {},
					options: [{ name: 'parameter', displayName: 'Parameter', values: parameterValues }],
				},
			],
		},
	],
});

export const addressProperties: INodeProperties[] = [
	{
		displayName: 'Push Addresses',
		name: 'addresses',
		type: 'collection',
		placeholder: 'Add Address Template',
		default: {},
		description: 'Links to the flow built per target (推送地址管理); without one, the OA\'s own links are sent',
		displayOptions: { show: { operation: ['push', 'preview'] } },
		options: [
			{
				displayName: 'OA Address',
				name: 'oaAddress',
				type: 'string',
				default: '',
				placeholder: 'https://oa.example.com',
				description: "The OA's own address, for relative prefixes and relative links the OA sent (oaAddress)",
			},
			{ displayName: 'Tenant Key', name: 'tenantKey', type: 'string', default: '', description: 'For the Tenant Key parameter (E10 租户key)' },
			template('pc', 'PC Address', 'PC'),
			template('app', 'App Address', 'mobile app'),
			template('adaptive', 'Adaptive Address', 'adaptive (PC or mobile)'),
		],
	},
];
