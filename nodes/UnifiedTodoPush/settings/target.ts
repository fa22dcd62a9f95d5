import type { INodeProperties } from 'n8n-workflow';

/**
 * Seed 002's push settings (推送设置 → 基本信息): whether the target is on, the identifier the target
 * knows this OA by, its name and address, and the adapter (推送类型) that speaks its protocol. The
 * adapter's own settings follow (targets/), its secrets in one credential per target kind.
 */
export const targetProperties: INodeProperties[] = [
	{
		displayName: 'Enabled',
		name: 'enabled',
		type: 'boolean',
		default: true,
		description: 'Whether to push (启用). Off, every item leaves by Ignored with reason `disabled`, so a target can be paused without rewiring.',
		displayOptions: { show: { operation: ['push'] } },
	},
	{
		displayName: 'System Identifier',
		name: 'sysCode',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'EC9',
		description: 'The identifier the target knows this OA by (标识, syscode); it must equal what the target has configured. One per target.',
	},
	{
		displayName: 'System Name',
		name: 'systemName',
		type: 'string',
		default: '',
		placeholder: '集团门户',
		description: 'A name for the target, shown in messages and the push log (系统名称)',
	},
	{
		displayName: 'Server Address',
		name: 'serverAddress',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://portal.example.com',
		description: "The target's address (服务端地址), without a trailing path: the adapter adds its endpoint",
	},
];

export const targetParameters = ['enabled', 'sysCode', 'systemName', 'serverAddress', 'adapter'] as const;
