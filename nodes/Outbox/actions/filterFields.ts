import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import { type MessageFilter } from '../../shared/store/types';
import { listOf, messageFilterOf } from '../../shared/outbox/messageFilter';

/** Seed 002's push states (推送状态), as the pickers show them. */
export const statusOptions: INodePropertyOptions[] = [
	{ name: 'Failed', value: 'failed', description: 'The target refused it, or it failed for good after Max Re-pushes' },
	{ name: 'Held', value: 'held', description: "Held back while the target's circuit was open" },
	{ name: 'Ignored', value: 'ignored', description: 'Not sent on purpose' },
	{ name: 'No Response', value: 'no_response', description: 'The target never answered (timeout, connection error)' },
	{ name: 'Retrying', value: 'retrying', description: 'Waiting for its next attempt' },
	{ name: 'Succeeded', value: 'succeeded', description: 'Delivered' },
];

/** The push-log filters (seed 002's 推送日志 and 历史数据推送 conditions). */
export function filterCollection(displayName = 'Filters'): INodeProperties {
	return {
		displayName,
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only messages matching every filter given; a list filter matches any of its entries',
		options: [
			{
				displayName: 'Event',
				name: 'events',
				type: 'string',
				default: '',
				placeholder: 'flow.approved, flow.rejected',
				description: 'Event names, comma-separated',
			},
			{
				displayName: 'Flow ID',
				name: 'flowIds',
				type: 'string',
				default: '',
				placeholder: 'REQ-20261201-0001',
				description: 'Document numbers / flow IDs (单据编号 / 流程ID), comma-separated',
			},
			{
				displayName: 'Message ID',
				name: 'messageIds',
				type: 'string',
				default: '',
				placeholder: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
				description: 'Message IDs, comma- or line-separated',
			},
			{
				displayName: 'Queued',
				name: 'queued',
				...oneOf(['Any', 'any'], ['Queued Only', 'queued', 'Waiting in the outbox for a re-push'], ['Not Queued', 'notQueued', 'Delivered, ignored or failed for good']),
				default: 'any',
			},
			{
				displayName: 'Receiver',
				name: 'receivers',
				type: 'string',
				default: '',
				placeholder: 'zhangsan, lisi',
				description: 'Receivers (接收人), comma-separated',
			},
			{
				displayName: 'Status',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				options: statusOptions,
			},
			{
				displayName: 'Target',
				name: 'targets',
				type: 'string',
				default: '',
				placeholder: 'https://oa.example.com/api/todo',
				description: 'Targets as the delivery record names them (origin and path, no query), comma-separated',
			},
			{
				displayName: 'Updated Before',
				name: 'updatedTo',
				type: 'dateTime',
				default: '',
				description: 'Only messages last updated before this time',
			},
			{
				displayName: 'Updated From',
				name: 'updatedFrom',
				type: 'dateTime',
				default: '',
				description: 'Only messages last updated at or after this time',
			},
		],
	};
}

/** Repush and Delete: by filters, or by the message IDs the input items give. */
export function matchByProperties(operation: string, verb: string): INodeProperties[] {
	return [
		{
			displayName: 'Match By',
			name: 'matchBy',
			...oneOf(
				['Message IDs', 'messageIds', `${verb} the messages whose IDs the input items give`],
				['Filters', 'filters', `${verb} every message the filters match, whatever its status`],
			),
			noDataExpression: true,
			default: 'messageIds',
			displayOptions: { show: { operation: [operation] } },
		},
		{
			displayName: 'Message IDs',
			name: 'messageIds',
			type: 'string',
			default: '={{ $json.messageId }}',
			placeholder: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
			description: 'The IDs, comma- or line-separated; evaluated for every input item and gathered into one batch',
			hint: 'The default reads each input item\'s messageId column, as Search outputs it',
			displayOptions: { show: { operation: [operation], matchBy: ['messageIds'] } },
		},
		{ ...filterCollection(), displayOptions: { show: { operation: [operation], matchBy: ['filters'] } } },
	];
}

/** The filter of one item's Filters collection. */
export function readFilter(context: IExecuteFunctions, itemIndex: number): MessageFilter {
	const input = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return messageFilterOf({
		statuses: (input.statuses as string[] | undefined) ?? [],
		events: input.events,
		receivers: input.receivers,
		flowIds: input.flowIds,
		targets: input.targets,
		messageIds: input.messageIds,
		updatedFrom: input.updatedFrom,
		updatedTo: input.updatedTo,
		queued: input.queued as string | undefined,
	});
}

/**
 * Repush's and Delete's batch: the message IDs of every input item gathered into one filter, or
 * the Filters of the first item (the batch runs once).
 */
export function readMatch(context: IExecuteFunctions, itemCount: number): MessageFilter {
	const matchBy = context.getNodeParameter('matchBy', 0, 'messageIds') as string;
	if (matchBy === 'filters') return readFilter(context, 0);
	const ids = new Set<string>();
	for (let itemIndex = 0; itemIndex < Math.max(itemCount, 1); itemIndex++) {
		for (const id of listOf(context.getNodeParameter('messageIds', itemIndex, ''))) ids.add(id);
	}
	return { messageIds: [...ids] };
}
