import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';

import { optionsCollection } from '../../shared/n8nOptionsCollection';
import { listOf } from '../../shared/outbox/messageFilter';
import { claimedItemJson } from '../../shared/outbox/outboxItem';
import { RepushRuleError, checkBatchSize, checkIntervalMinutes, checkLeaseMinutes, checkMaxRepushes, repushLimits } from '../../shared/outbox/repushSchedule';
import type { ClaimRequest, MessageRecord, StateStore } from '../../shared/store/types';
import { claimOwner, failRun, recordRun, storeProblem, withOutboxStore } from './nodeRun';

const minute = 60_000;

const properties: INodeProperties[] = [
	{
		displayName:
			'Start this from a Schedule Trigger, then Send Outbound Message, then Outbox: Acknowledge on all its outputs. When nothing is due the node outputs no items and the branch stops.',
		name: 'claimNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 100,
		description: 'Most messages claimed per run (1 to 1000); the rest wait for the next run',
	},
	{
		displayName: 'Max Re-Pushes',
		name: 'maxRepushes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 3,
		description:
			'How many times a message is pushed again (1 to 10, seed 补偿设置). Acknowledge marks it Failed for good after the last one; it stays in the log.',
	},
	{
		displayName: 'Interval (Minutes)',
		name: 'intervalMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 30 },
		default: 5,
		description: 'How long Acknowledge makes a message wait before its next re-push (1 to 30)',
	},
	optionsCollection('claimOptions', [
		{
			displayName: 'Event',
			name: 'events',
			type: 'string',
			default: '',
			placeholder: 'flow.approved',
			description: 'Claim only messages of these events (comma-separated)',
		},
		{
			displayName: 'Exponential',
			name: 'exponential',
			type: 'boolean',
			default: false,
			description: 'Whether to double the wait after every re-push (interval × 2^re-pushes, at most a day)',
		},
		{
			displayName: 'Lease (Minutes)',
			name: 'leaseMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1440 },
			default: 5,
			description:
				'How long the claim holds. A message not acknowledged by then is due again and another run may claim it: make it longer than Send Outbound Message takes for a batch, retries included.',
		},
		{
			displayName: 'Target',
			name: 'targets',
			type: 'string',
			default: '',
			placeholder: 'https://oa.example.com/api/todo',
			description: 'Claim only messages for these targets (comma-separated, origin and path)',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['claimDue'] } }, properties);

export interface ClaimSettings {
	batchSize: number;
	maxRepushes: number | null;
	intervalMinutes: number;
	exponential: boolean;
	leaseMinutes: number;
	targets: string[];
	events: string[];
}

export function readClaimSettings(context: IExecuteFunctions): ClaimSettings {
	const options = context.getNodeParameter('claimOptions', 0, {}) as IDataObject;
	return {
		batchSize: checkBatchSize(context.getNodeParameter('batchSize', 0, 100) as number),
		maxRepushes: checkMaxRepushes(context.getNodeParameter('maxRepushes', 0, 3) as number),
		intervalMinutes: checkIntervalMinutes(context.getNodeParameter('intervalMinutes', 0, 5) as number),
		exponential: options.exponential === true,
		leaseMinutes: checkLeaseMinutes((options.leaseMinutes as number | undefined) ?? repushLimits.leaseMinutes.default),
		targets: listOf(options.targets),
		events: listOf(options.events),
	};
}

/** Claims up to `limit` due messages for `owner` and turns each into an item for Send Outbound Message. */
export async function claimAsItems(
	store: StateStore,
	settings: ClaimSettings,
	owner: string,
	now: number,
	select: (record: MessageRecord) => boolean = () => true,
): Promise<{ items: INodeExecutionData[]; records: MessageRecord[] }> {
	const request: ClaimRequest = {
		now,
		limit: settings.batchSize,
		owner,
		leaseMs: settings.leaseMinutes * minute,
		// Max Re-pushes is applied by Acknowledge, which takes a message out of the outbox for good when
		// it is reached. The claim does not filter on it: a message put back by Repush, or parked again
		// by the sending workflow after it had used up its re-pushes, gets one more try instead of
		// waiting in the outbox for ever.
		filter: settings.targets.length + settings.events.length > 0 ? { targets: settings.targets.length > 0 ? settings.targets : undefined, events: settings.events.length > 0 ? settings.events : undefined } : undefined,
	};
	const records = (await store.claimDue(request)).filter(select);
	const claimedAt = new Date(now).toISOString();
	const items = records.map((record) => ({
		json: claimedItemJson(record, {
			owner,
			claimedAt,
			maxRepushes: settings.maxRepushes,
			intervalMinutes: settings.intervalMinutes,
			exponential: settings.exponential,
		}) as IDataObject,
		pairedItem: { item: 0 },
	}));
	return { items, records };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	let settings: ClaimSettings;
	try {
		settings = readClaimSettings(this);
	} catch (error) {
		return failRun(
			this,
			items,
			new NodeOperationError(this.getNode(), (error as Error).message, {
				description: error instanceof RepushRuleError ? 'Correct the named field of Claim Due' : undefined,
			}),
		);
	}
	return withOutboxStore(this, items, async (outbox) => {
		const owner = claimOwner(this, randomBytes(4).toString('hex'));
		try {
			// Runs once whatever comes in (a Schedule Trigger gives one item): a claim per input item would claim batches twice.
			const { items: claimed } = await claimAsItems(outbox.store, settings, owner, Date.now());
			recordRun(this, 'claimDue', { claimed: claimed.length });
			return [claimed, []];
		} catch (error) {
			return failRun(this, items, storeProblem(this, outbox, error));
		}
	});
}
