import type { INodeProperties } from 'n8n-workflow';

import * as acknowledge from './acknowledge.operation';
import * as claimDue from './claimDue.operation';
import * as deleteMessages from './delete.operation';
import * as park from './park.operation';
import * as purge from './purge.operation';
import * as repush from './repush.operation';
import * as search from './search.operation';
import * as stats from './stats.operation';
import * as task from './task.operation';

export const properties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'park',
		options: [
			{
				name: 'Acknowledge',
				value: 'acknowledge',
				action: 'Acknowledge sent messages',
				description: 'After Send Outbound Message: mark each claimed message delivered, due again, or failed for good',
			},
			{
				name: 'Claim Due',
				value: 'claimDue',
				action: 'Claim due messages',
				description: 'For a Schedule Trigger compensation workflow (补偿): output the messages due again, ready for Send Outbound Message',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete messages from the push log',
				description: 'Delete log entries by message IDs or filters (批量删除)',
			},
			{
				name: 'Park',
				value: 'park',
				action: 'Park failed messages',
				description: 'Keep the items from the Retry or Failure output of Send Outbound Message in the outbox until they are due again',
			},
			{
				name: 'Purge',
				value: 'purge',
				action: 'Purge old log entries',
				description: 'Nightly clean-up (定时清理): delete entries older than a number of days, and old batch tasks',
			},
			{
				name: 'Repush',
				value: 'repush',
				action: 'Repush messages',
				description: 'Put messages back in the outbox by IDs or filters as a batch task with progress (批量推送 / 历史数据推送)',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search the push log',
				description: 'The push log (推送日志) as flat rows, ready for Convert to File',
			},
			{
				name: 'Stats',
				value: 'stats',
				action: 'Get outbox statistics',
				description: 'Counts by status and target, the queue, and the circuit breaker of every target',
			},
			{
				name: 'Task',
				value: 'task',
				action: 'Manage a batch task',
				description: 'Get, list, pause, resume, retry or delete re-push tasks (推送任务列表)',
			},
		],
	},
	...park.description,
	...claimDue.description,
	...acknowledge.description,
	...search.description,
	...repush.description,
	...task.description,
	...deleteMessages.description,
	...purge.description,
	...stats.description,
];
