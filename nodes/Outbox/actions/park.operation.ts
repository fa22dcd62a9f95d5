import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { existingMessageId, messageIdGenerator } from '../../shared/delivery/messageId';
import { optionsCollection } from '../../shared/n8nOptionsCollection';
import { type ParkedItem, parkItem } from '../../shared/outbox/outboxItem';
import { RepushRuleError, checkIntervalMinutes, firstDueAt } from '../../shared/outbox/repushSchedule';
import type { MessageWrite } from '../../shared/store/types';
import { failRun, failureItem, itemProblem, openOutboxStore, recordRun, storeProblem } from './nodeRun';

const properties: INodeProperties[] = [
	{
		displayName:
			'Connect the Retry and Failure outputs of Send Outbound Message here: each item is kept with its message ID and payload until Claim Due sends it again',
		name: 'parkNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Interval (Minutes)',
		name: 'intervalMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 30 },
		default: 5,
		description: 'How long a parked message waits before it is first due (1 to 30). A hand-off whose next attempt is later keeps that time.',
	},
	optionsCollection('parkOptions', [
		{
			displayName: 'Flow ID',
			name: 'flowId',
			type: 'string',
			default: '',
			placeholder: '={{ $json.requestId }}',
			description:
				'Document number / flow ID (单据编号 / 流程ID) to search by later. Empty: the first of flowId, requestId, documentNumber, billNo, code on the item or in its request body.',
		},
		{
			displayName: 'Message ID',
			name: 'messageId',
			type: 'string',
			default: '',
			placeholder: '={{ $json.orderNo }}',
			description:
				'For items that carry no delivery record: the ID the message keeps through every re-push (the receiver drops duplicates by it). Empty: a webhook-ID on the item\'s request, else a new ID.',
		},
		{
			displayName: 'Receiver',
			name: 'receiver',
			type: 'string',
			default: '',
			placeholder: '={{ $json.userid }}',
			description: 'Receiver (接收人) to search by later. Empty: the first of receiver, receiverId, userId, loginId on the item or in its request body.',
		},
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: '',
			placeholder: 'Approval sync',
			description: 'Free text saying where the message came from. Empty: the workflow and node name.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['park'] } }, properties);

const optionText = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

function defaultSource(context: IExecuteFunctions): string {
	try {
		return `${context.getWorkflow().name ?? 'workflow'} / ${context.getNode().name}`;
	} catch {
		return context.getNode().name;
	}
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const now = Date.now();
	const newMessageId = messageIdGenerator();
	const fallbackSource = defaultSource(this);
	const parked: Array<{ itemIndex: number; result: ParkedItem }> = [];
	const failed: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = items[itemIndex].json;
			const interval = checkIntervalMinutes(this.getNodeParameter('intervalMinutes', itemIndex, 5) as number);
			const options = this.getNodeParameter('parkOptions', itemIndex, {}) as IDataObject;
			const result = parkItem(json, {
				messageId: () => existingMessageId(json, optionText(options.messageId) ?? undefined) ?? newMessageId(),
				flowId: optionText(options.flowId),
				receiver: optionText(options.receiver),
				source: optionText(options.source) ?? fallbackSource,
				dueAt: (delivery) => firstDueAt({ intervalMinutes: interval, exponential: false }, now, delivery?.nextAttemptAt as string | null | undefined),
			});
			parked.push({ itemIndex, result });
		} catch (error) {
			const problem = itemProblem(
				this,
				error,
				itemIndex,
				error instanceof RepushRuleError ? 'Correct "Interval (Minutes)"' : "Check the item and the node's Options (Message ID, Flow ID, Receiver)",
			);
			failed.push(failureItem(items[itemIndex], itemIndex, problem));
		}
	}
	if (parked.length > 0) {
		let outbox;
		try {
			outbox = await openOutboxStore(this);
		} catch (error) {
			return failRun(this, items, error as NodeOperationError);
		}
		// One transaction for the batch: the same message twice in it is written twice, the later wins.
		const writes: MessageWrite[] = parked.map(({ result }) => result.write);
		try {
			await outbox.store.writeMessages(writes, now);
		} catch (error) {
			return failRun(this, items, storeProblem(this, outbox, error));
		}
	}
	const success: INodeExecutionData[] = parked.map(({ itemIndex, result }) => ({
		json: {
			...items[itemIndex].json,
			outbox: {
				messageId: result.write.messageId,
				status: result.write.status,
				queued: result.queued,
				nextDueAt: result.write.nextDueAt ? new Date(result.write.nextDueAt).toISOString() : null,
				note: result.note,
			},
		},
		pairedItem: { item: itemIndex },
	}));
	recordRun(this, 'park', { parked: success.filter((item) => (item.json.outbox as IDataObject).queued).length, logged: success.length, failed: failed.length });
	return [success, failed];
}
