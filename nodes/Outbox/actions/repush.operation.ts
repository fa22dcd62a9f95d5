import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';

import { optionsCollection } from '../../shared/n8nOptionsCollection';
import { isEmptyFilter } from '../../shared/outbox/messageFilter';
import { createRepushTask, defaultRepushPageSize, runRepushTask, taskView } from '../../shared/outbox/repushTask';
import { checkBatchSize, repushLimits } from '../../shared/outbox/repushSchedule';
import type { BatchTask, MessageFilter, StateStore } from '../../shared/store/types';
import { claimAsItems } from './claimDue.operation';
import { matchByProperties, readMatch } from './filterFields';
import { claimOwner, failRun, recordRun, storeProblem, tellEditor, withOutboxStore } from './nodeRun';

const properties: INodeProperties[] = [
	...matchByProperties('repush', 'Re-push'),
	optionsCollection('repushOptions', [
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: defaultRepushPageSize,
			description: 'Messages put back per step; the task records its progress and checks for a Pause after each',
		},
		{
			displayName: 'Send Now',
			name: 'sendNow',
			type: 'boolean',
			default: false,
			description:
				'Whether to claim the re-pushed messages at once and output them (as Claim Due does) for Send Outbound Message → Outbox: Acknowledge, instead of leaving them to the compensation workflow',
		},
		{
			displayName: 'Send Now Limit',
			name: 'sendNowLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 100,
			description: 'With Send Now: most messages output (1 to 1000); the rest stay due for Claim Due',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['repush'] } }, properties);

/**
 * Send Now: claims the due messages and keeps those this re-push put back. Others that happen to be
 * due are held until the end and then released (a release does not count as a re-push), so the
 * claim loop moves past them instead of claiming them again.
 */
async function claimRequeued(context: IExecuteFunctions, store: StateStore, requeued: Set<string>, limit: number, task: BatchTask): Promise<INodeExecutionData[]> {
	const owner = claimOwner(context, randomBytes(4).toString('hex'));
	const settings = {
		batchSize: Math.min(1000, limit),
		// A re-push by hand goes out whatever its count; Acknowledge then applies the usual limit.
		maxRepushes: null,
		intervalMinutes: repushLimits.intervalMinutes.default,
		exponential: false,
		leaseMinutes: repushLimits.leaseMinutes.default,
		targets: [],
		events: [],
	};
	const ours: INodeExecutionData[] = [];
	const strangers: string[] = [];
	try {
		while (ours.length < limit) {
			const now = Date.now();
			const { items, records } = await claimAsItems(store, { ...settings, batchSize: Math.min(1000, limit - ours.length) }, owner, now);
			if (records.length === 0) break;
			records.forEach((record, index) => {
				if (requeued.has(record.messageId)) {
					const json = items[index].json;
					(json.outbox as IDataObject).taskId = task.id;
					ours.push(items[index]);
				} else strangers.push(record.messageId);
			});
		}
	} finally {
		const now = Date.now();
		for (const messageId of strangers) await store.release(messageId, owner, now);
	}
	// A re-push by hand is one more try: when it fails, Acknowledge marks the message Failed again
	// (searchable, and re-pushable) instead of leaving it to a compensation count it may have used up.
	for (const item of ours) {
		const claim = item.json.outbox as IDataObject;
		claim.maxRepushes = claim.repushes as number;
	}
	return ours;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	let filter: MessageFilter;
	let options: IDataObject;
	try {
		filter = readMatch(this, items.length);
		options = this.getNodeParameter('repushOptions', 0, {}) as IDataObject;
		if (isEmptyFilter(filter)) {
			throw new NodeOperationError(
				this.getNode(),
				(this.getNodeParameter('matchBy', 0, 'messageIds') as string) === 'filters'
					? 'Re-push needs at least one filter: with none it would send the whole push log again'
					: 'No message IDs came in: "Message IDs" gave nothing for the input items',
				{ description: 'Set a filter (status, time range, target, …) or give the message IDs, e.g. from Outbox: Search' },
			);
		}
	} catch (error) {
		return failRun(this, items, error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Correct the named filter' }));
	}
	return withOutboxStore(this, items, async (outbox) => {
		const sendNow = options.sendNow === true;
		const requeued = new Set<string>();
		let task: BatchTask;
		try {
			task = await createRepushTask(outbox.store, filter, Date.now());
			tellEditor(this, `Outbox: re-push task ${task.id} started, ${task.total} messages match`);
			task = await runRepushTask(outbox.store, task, {
				pageSize: Number(options.pageSize ?? defaultRepushPageSize),
				onProgress: (progress) => tellEditor(this, `Outbox: re-push task ${progress.id} ${progress.state}, ${progress.done} of ${progress.total} put back`),
				onRequeued: sendNow ? (ids) => ids.forEach((id) => requeued.add(id)) : undefined,
			});
		} catch (error) {
			return failRun(this, items, storeProblem(this, outbox, error));
		}
		if (!sendNow) {
			recordRun(this, 'repush', { total: task.total, done: task.done, failed: task.failed });
			return [[{ json: { task: taskView(task) as IDataObject }, pairedItem: { item: 0 } }], []];
		}
		try {
			const limit = checkBatchSize(Number(options.sendNowLimit ?? repushLimits.batchSize.default));
			const claimed = await claimRequeued(this, outbox.store, requeued, limit, task);
			recordRun(this, 'repush', { total: task.total, done: task.done, claimed: claimed.length });
			return [claimed, []];
		} catch (error) {
			return failRun(this, items, storeProblem(this, outbox, error));
		}
	});
}
