import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';

/**
 * Seed 002's 拦截设置 and 特殊数据处理, in the order the seed applies them: business-status
 * interception, people / workflow / workflow-type white- or blacklists, then the duplicate filter
 * and missing-data compensation (both off by default, as in the seed).
 */

const listHint = 'Comma-separated, or an expression that gives a list';

const scopeOptions = (what: string) => [
	{ name: 'All', value: 'all', description: `Every ${what} is pushed (全部有效)` },
	{ name: 'Whitelist', value: 'whitelist', description: `Only the ${what}s listed are pushed (白名单)` },
	{ name: 'Blacklist', value: 'blacklist', description: `Every ${what} but those listed is pushed (黑名单)` },
];

const statusList = (dataSet: string, name: string, placeholder: string): INodeProperties => ({
	displayName: `${dataSet} Statuses Not Pushed`,
	name,
	type: 'string',
	default: '',
	placeholder,
	description: `Business statuses of the ${dataSet.toLowerCase()} data set that are not pushed (e.g. 转发, 抄送). ${listHint}.`,
	displayOptions: { show: { operation: ['push'], statusInterception: ['custom'] } },
});

export const rulesProperties: INodeProperties[] = [
	{
		displayName: 'Business Status Interception',
		name: 'statusInterception',
		...oneOf(['No Interception', 'none', 'Push every business status (无需拦截)'], ['Custom', 'custom', 'List the business statuses of each data set that are not pushed (自定义)']),
		noDataExpression: true,
		default: 'none',
		description: "Checked first (业务拦截), before the duplicate filter. Reads the item's business status (e.g. OFS/E10 `businessStatus`, `status`).",
		displayOptions: { show: { operation: ['push'] } },
	},
	statusList('To-Do', 'interceptedTodoStatuses', '转发, 抄送'),
	statusList('Done', 'interceptedDoneStatuses', ''),
	statusList('Finished', 'interceptedFinishedStatuses', ''),
	statusList('Delete', 'interceptedDeleteStatuses', ''),
	{
		displayName: 'People Interception',
		name: 'peopleInterception',
		type: 'options',
		noDataExpression: true,
		options: scopeOptions('receiver'),
		default: 'all',
		description: 'Which receivers get their to-dos pushed (人员拦截), by user, department, role or group',
		displayOptions: { show: { operation: ['push'] } },
	},
	{
		displayName: 'People',
		name: 'people',
		type: 'collection',
		placeholder: 'Add Users, Departments, Roles or Groups',
		default: {},
		displayOptions: { show: { operation: ['push'], peopleInterception: ['whitelist', 'blacklist'] } },
		options: [
			{ displayName: 'Departments', name: 'departments', type: 'string', default: '', description: `Department IDs in the OA. ${listHint}.` },
			{ displayName: 'Groups', name: 'groups', type: 'string', default: '', description: `Group IDs in the OA. ${listHint}.` },
			{ displayName: 'Roles', name: 'roles', type: 'string', default: '', description: `Role IDs in the OA. ${listHint}.` },
			{ displayName: 'Users', name: 'users', type: 'string', default: '', description: `User IDs in the OA (receivers). ${listHint}.` },
		],
	},
	{
		displayName: 'Workflow Interception',
		name: 'workflowInterception',
		type: 'options',
		noDataExpression: true,
		options: scopeOptions('workflow'),
		default: 'all',
		description: 'Which workflows get their to-dos pushed (流程拦截), by workflow ID',
		displayOptions: { show: { operation: ['push'] } },
	},
	{
		displayName: 'Workflow IDs',
		name: 'workflowIds',
		type: 'string',
		default: '',
		description: `Workflow IDs in the OA. ${listHint}.`,
		displayOptions: { show: { operation: ['push'], workflowInterception: ['whitelist', 'blacklist'] } },
	},
	{
		displayName: 'Workflow Type Interception',
		name: 'workflowTypeInterception',
		type: 'options',
		noDataExpression: true,
		options: scopeOptions('workflow type'),
		default: 'all',
		description: 'Which workflow types (groups) get their to-dos pushed (流程类型分组拦截)',
		displayOptions: { show: { operation: ['push'] } },
	},
	{
		displayName: 'Workflow Types',
		name: 'workflowTypes',
		type: 'string',
		default: '',
		description: `Workflow type IDs in the OA. ${listHint}.`,
		displayOptions: { show: { operation: ['push'], workflowTypeInterception: ['whitelist', 'blacklist'] } },
	},
	{
		displayName: 'Filter Duplicate To-Dos',
		name: 'duplicateFilter',
		type: 'boolean',
		default: false,
		description:
			'Whether a to-do for a flow and receiver that already got one is Ignored as `duplicate` (重复数据过滤): one to-do per person and flow, across runs and n8n processes (kept in the state store)',
		displayOptions: { show: { operation: ['push'] } },
	},
	{
		displayName: 'Compensate Missing To-Dos',
		name: 'compensation',
		type: 'boolean',
		default: false,
		description:
			'Whether a done or finished with no to-do on record first pushes a to-do made from it, then itself (缺失数据补偿), so the target has a to-do to complete',
		displayOptions: { show: { operation: ['push'] } },
	},
];

export const rulesParameters = [
	'statusInterception',
	'interceptedTodoStatuses',
	'interceptedDoneStatuses',
	'interceptedFinishedStatuses',
	'interceptedDeleteStatuses',
	'peopleInterception',
	'people',
	'workflowInterception',
	'workflowIds',
	'workflowTypeInterception',
	'workflowTypes',
	'duplicateFilter',
	'compensation',
] as const;
