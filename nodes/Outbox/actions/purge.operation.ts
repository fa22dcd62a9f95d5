import { type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { purgeTasks } from '../../shared/outbox/repushTask';
import { type MessageStatus, messageStatuses } from '../../shared/store/types';
import { statusOptions } from './filterFields';
import { failRun, recordRun, runOnOutboxStore } from './nodeRun';

const day = 24 * 60 * 60_000;

/** Seed 002's 定时清理: success, ignored and no-response entries are cleared. */
export const defaultPurgeStatuses: MessageStatus[] = ['succeeded', 'ignored', 'no_response'];

const properties: INodeProperties[] = [
	{
		displayName: 'Run this nightly from a Schedule Trigger (seed 定时清理: a full hour between 20:00 and 06:00)',
		name: 'purgeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Older Than (Days)',
		name: 'olderThanDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: 30,
		description: 'Delete log entries last updated more than this many days ago (1 to 365)',
	},
	{
		displayName: 'Statuses',
		name: 'purgeStatuses',
		type: 'multiOptions',
		default: ['succeeded', 'ignored', 'no_response'],
		options: statusOptions,
		description: 'Only entries in these states; messages still waiting in the outbox are kept whatever their state',
	},
	{
		displayName: 'Task Retention (Days)',
		name: 'taskRetentionDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: 7,
		description: 'Completed batch tasks older than this are deleted too (seed 推送任务列表 keeps 7 days)',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['purge'] } }, properties);

function wholeDays(value: unknown, label: string): number {
	const days = Number(value);
	if (!Number.isInteger(days) || days < 1 || days > 365) throw new Error(`"${label}" is ${String(value)}: give a whole number of days from 1 to 365`);
	return days;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	let olderThanDays: number;
	let taskDays: number;
	let statuses: MessageStatus[];
	try {
		olderThanDays = wholeDays(this.getNodeParameter('olderThanDays', 0, 30), 'Older Than (Days)');
		taskDays = wholeDays(this.getNodeParameter('taskRetentionDays', 0, 7), 'Task Retention (Days)');
		statuses = this.getNodeParameter('purgeStatuses', 0, defaultPurgeStatuses) as MessageStatus[];
		const unknown = statuses.find((status) => !(messageStatuses as readonly string[]).includes(status));
		if (unknown !== undefined) throw new Error(`"Statuses" has "${unknown}", which is not a push status`);
		if (statuses.length === 0) throw new Error('"Statuses" is empty: choose the states whose old entries are deleted');
	} catch (error) {
		return failRun(this, items, new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Correct the named field of Purge' }));
	}
	return runOnOutboxStore(this, items, async (outbox) => {
		const now = Date.now();
		const purged = await outbox.store.purge({ olderThan: now - olderThanDays * day, statuses, now });
		const tasks = await purgeTasks(outbox.store, now - taskDays * day);
		recordRun(this, 'purge', { messages: purged.messages, tasks });
		return [[{ json: { purged: { ...purged, tasks }, olderThan: new Date(now - olderThanDays * day).toISOString(), statuses }, pairedItem: { item: 0 } }], []];
	});
}
