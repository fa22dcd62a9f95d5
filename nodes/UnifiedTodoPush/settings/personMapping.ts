import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';

/**
 * Seed 002's 人员转换关系: the target knows people by another id than the OA (a login name, a work
 * code, an email, a mobile number). The mapping rows come from the panel, from an expression (a
 * lookup table read by an earlier node) or from the item itself.
 */

const shown = (modes: string[]) => ({ show: { operation: ['push'], personMapping: modes } });

export const personMappingProperties: INodeProperties[] = [
	{
		displayName: 'Person Mapping',
		name: 'personMapping',
		...oneOf(
			['None', 'none', 'The target knows people by their OA user ID'],
			['Table', 'table', 'Rows entered here: OA user ID → login name, work code, email, mobile'],
			['List From an Expression', 'expression', 'Rows from an expression, e.g. the output of an earlier node'],
			['Field of the Item', 'item', "The target's IDs are in the item, e.g. `receiverInfo.email`"],
		),
		noDataExpression: true,
		default: 'none',
		description: "How the OA's user IDs (receiver and creator) become the target's (人员转换关系)",
		displayOptions: { show: { operation: ['push'] } },
	},
	{
		displayName: 'Map By',
		name: 'mappingField',
		...oneOf(['Login Name', 'loginName'], ['Work Code', 'workCode'], ['Email', 'email'], ['Mobile', 'mobile']),
		noDataExpression: true,
		default: 'loginName',
		description: 'Which of the person\'s IDs the target system uses',
		displayOptions: shown(['table', 'expression', 'item']),
	},
	{
		displayName: 'Person Mapping Table',
		name: 'mappingTable',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Person',
		default: {},
		displayOptions: shown(['table']),
		options: [
			{
				name: 'rows',
				displayName: 'Person',
				values: [
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						default: '',
						placeholder: 'name@email.com',
					},
					{
						displayName: 'Login Name',
						name: 'loginName',
						type: 'string',
						default: '',
					},
					{
						displayName: 'Mobile',
						name: 'mobile',
						type: 'string',
						default: '',
					},
					{
						displayName: 'OA User ID',
						name: 'oaUserId',
						type: 'string',
						default: '',
							required:	true,
					},
					{
						displayName: 'Work Code',
						name: 'workCode',
						type: 'string',
						default: '',
					},
				],
			},
		],
	},
	{
		displayName: 'Person Mapping Table (Expression)',
		name: 'mappingRows',
		type: 'json',
		default: '[]',
		placeholder: '={{ $("Read People").all().map(item => item.json) }}',
		description: 'A list of rows `{ oaUserId, loginName, workCode, email, mobile }`, or an object keyed by OA user ID',
		displayOptions: shown(['expression']),
	},
	{
		displayName: 'Receiver Field',
		name: 'mappingItemField',
		type: 'string',
		default: 'receiverInfo',
		placeholder: 'receiverInfo',
		description:
			"Path in the item of an object with the receiver's IDs (`{ loginName, workCode, email, mobile }`), or of the target's ID itself",
		displayOptions: shown(['item']),
	},
	{
		displayName: 'Unmapped Users',
		name: 'unmappedPerson',
		...oneOf(
			['Fail the Item', 'fail', 'The item goes to Failure saying whom to add to the mapping'],
			['Use the OA User ID', 'passThrough', 'Push with the OA user ID unchanged'],
		),
		noDataExpression: true,
		default: 'fail',
		displayOptions: shown(['table', 'expression', 'item']),
	},
];

export const personMappingParameters = ['personMapping', 'mappingField', 'mappingTable', 'mappingRows', 'mappingItemField', 'unmappedPerson'] as const;
