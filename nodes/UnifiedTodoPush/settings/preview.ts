import type { INodeProperties } from 'n8n-workflow';

/** Seed 002's 推送地址预览: the three links a receiver would get for a flow, without pushing anything. */
export const previewProperties: INodeProperties[] = [
	{
		displayName: 'Flow ID',
		name: 'previewFlowId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '12345',
		description: 'The flow (request) ID in the OA (流程ID)',
		displayOptions: { show: { operation: ['preview'] } },
	},
	{
		displayName: 'Receiver',
		name: 'previewReceiver',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'lisi',
		description: "The receiver's OA user ID (操作人); person mapping applies as in Push",
		displayOptions: { show: { operation: ['preview'] } },
	},
	{
		displayName: 'Original PC Link',
		name: 'previewPcUrl',
		type: 'string',
		default: '',
		placeholder: '/spa/workflow/static4form/index.html#/main/workflow/req?requestid=12345',
		description: "The OA's own PC link, for templates that pass it on (Original URL parameter, Redirect)",
		displayOptions: { show: { operation: ['preview'] } },
	},
	{
		displayName: 'Original App Link',
		name: 'previewAppUrl',
		type: 'string',
		default: '',
		description: "The OA's own app link, for templates that pass it on",
		displayOptions: { show: { operation: ['preview'] } },
	},
];
