import type { INodeProperties } from 'n8n-workflow';

import { addressProperties } from '../settings/addresses';
import { deliveryProperties } from '../settings/delivery';
import { personMappingProperties } from '../settings/personMapping';
import { previewProperties } from '../settings/preview';
import { rulesProperties } from '../settings/rules';
import { targetProperties } from '../settings/target';
import { adapterOptions, targetProperties as adapterProperties } from '../targets';

/**
 * Every parameter of Unified Todo Push, in panel order: operation, the target (seed 002's 推送设置),
 * its adapter's settings, the rules (拦截设置, 特殊数据处理), person mapping, push addresses, and how
 * each to-do is delivered. One list, so error messages read their labels from it (settings/read.ts).
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Push', value: 'push', description: 'Push each to-do event to the target', action: 'Push to dos to a target' },
			{
				name: 'Preview Addresses',
				value: 'preview',
				description: 'Show the PC, app and adaptive links a receiver would get for a flow (推送地址预览)',
				action: 'Preview push addresses',
			},
		],
		default: 'push',
	},
	{
		displayName:
			'Takes to-do events from the Unified Todo Trigger (OFS or E10), the Hesi Approval Event Trigger, the Jiandaoyun Push Trigger (flow messages), or items shaped <code>{ operation, flowId, title, receiver, … }</code>',
		name: 'inputNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['push'] } },
	},
	...targetProperties,
	{
		displayName: 'Adapter',
		name: 'adapter',
		type: 'options',
		noDataExpression: true,
		options: adapterOptions,
		default: 'ofsRest',
		description: "The target system's protocol (推送类型)",
	},
	...adapterProperties,
	...rulesProperties,
	...personMappingProperties,
	...addressProperties,
	...previewProperties,
	...deliveryProperties,
];
