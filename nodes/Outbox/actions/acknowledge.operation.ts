import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import { optionsCollection } from '../../shared/n8nOptionsCollection';
import { type AcknowledgeOutcome, AcknowledgementError, acknowledgementFor } from '../../shared/outbox/acknowledgement';
import { claimOf, deliveryOf } from '../../shared/outbox/outboxItem';
import { RepushRuleError, checkIntervalMinutes, checkMaxRepushes } from '../../shared/outbox/repushSchedule';
import { failureItem, itemProblem, recordRun, storeProblem, withOutboxStore } from './nodeRun';

const properties: INodeProperties[] = [
	{
		displayName:
			'Connect every output of Send Outbound Message here (Success, Retry and Failure): each claimed message is marked delivered, due again, or failed for good',
		name: 'acknowledgeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Outcome',
		name: 'outcome',
		...oneOf(
			['From Delivery Record', 'fromDelivery', 'Succeeded → Succeeded; held, retrying or a failure a re-push may mend → due again after the interval, until Max Re-pushes → Failed'],
			['Delivered', 'succeeded', 'Mark it Succeeded whatever the record says'],
			['Ignored', 'ignored', 'Take it out of the outbox as Ignored'],
			['Failed for Good', 'failed', 'Take it out of the outbox as Failed; it stays searchable and can be re-pushed by hand'],
		),
		default: 'fromDelivery',
		description: 'How the claim ends',
	},
	optionsCollection('acknowledgeOptions', [
		{
			displayName: 'Exponential',
			name: 'exponential',
			type: 'boolean',
			default: false,
			description: "Whether to double the wait after every re-push. Default: the Claim Due node's setting, carried on the item.",
		},
		{
			displayName: 'Interval (Minutes)',
			name: 'intervalMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 30 },
			default: 5,
			description: "The wait before the next re-push (1 to 30). Default: the Claim Due node's setting, carried on the item.",
		},
		{
			displayName: 'Max Re-Pushes',
			name: 'maxRepushes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 3,
			description: "After this many re-pushes a failure is final (1 to 10). Default: the Claim Due node's setting, carried on the item.",
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['acknowledge'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	if (items.length === 0) return [[], []];
	return withOutboxStore(this, items, async (outbox) => {
		const success: INodeExecutionData[] = [];
		const failed: INodeExecutionData[] = [];
		const counts: Record<string, number> = { succeeded: 0, ignored: 0, retry: 0, failed: 0, lost: 0 };
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				const claim = claimOf(item.json);
				if (!claim) {
					throw new AcknowledgementError(
						'The item is not a claimed message: it has no outbox.messageId and outbox.owner. Acknowledge takes the items that Outbox: Claim Due (or Repush with Send Now) put out, after Send Outbound Message',
					);
				}
				const outcome = this.getNodeParameter('outcome', itemIndex, 'fromDelivery') as AcknowledgeOutcome;
				const options = this.getNodeParameter('acknowledgeOptions', itemIndex, {}) as IDataObject;
				const rule = {
					maxRepushes: options.maxRepushes !== undefined ? checkMaxRepushes(options.maxRepushes as number) : claim.maxRepushes,
					intervalMinutes: checkIntervalMinutes(options.intervalMinutes !== undefined ? (options.intervalMinutes as number) : claim.intervalMinutes),
					exponential: options.exponential !== undefined ? options.exponential === true : claim.exponential,
				};
				const now = Date.now();
				const ack = acknowledgementFor(deliveryOf(item.json), claim.repushes, rule, outcome, now);
				let acknowledged: boolean;
				try {
					acknowledged = await outbox.store.acknowledge(claim.messageId, claim.owner, ack, now);
				} catch (error) {
					throw storeProblem(this, outbox, error, itemIndex);
				}
				if (!acknowledged) {
					counts.lost++;
					throw new NodeOperationError(
						this.getNode(),
						`The claim on message ${claim.messageId} was lost: its lease ran out (${claim.leaseUntil}) and another claimer took it, or it was deleted`,
						{
							itemIndex,
							description:
								'Nothing was changed for this message; the other claimer acknowledges it. Raise "Lease (Minutes)" in Claim Due above the time Send Outbound Message takes for a batch, retries included.',
						},
					);
				}
				counts[ack.outcome]++;
				success.push({
					json: {
						...item.json,
						outbox: {
							...(item.json.outbox as IDataObject),
							acknowledged: ack.outcome,
							nextDueAt: ack.outcome === 'retry' ? new Date(ack.nextDueAt).toISOString() : null,
						},
					},
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				const problem = itemProblem(
					this,
					error,
					itemIndex,
					error instanceof RepushRuleError ? 'Correct the named field under Options' : 'Connect Acknowledge after Send Outbound Message, which follows Outbox: Claim Due',
				);
				failed.push(failureItem(item, itemIndex, problem));
			}
		}
		recordRun(this, 'acknowledge', counts);
		return [success, failed];
	});
}
