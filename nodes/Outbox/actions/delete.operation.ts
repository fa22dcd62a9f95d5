import { type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { isEmptyFilter } from '../../shared/outbox/messageFilter';
import type { MessageFilter } from '../../shared/store/types';
import { matchByProperties, readMatch } from './filterFields';
import { failRun, recordRun, runOnOutboxStore } from './nodeRun';

const properties: INodeProperties[] = [
	{
		displayName: 'Deleted messages are gone from the push log and the outbox; to clear old entries by age use Purge',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
	},
	...matchByProperties('delete', 'Delete'),
];

export const description = updateDisplayOptions({ show: { operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	let filter: MessageFilter;
	try {
		filter = readMatch(this, items.length);
		if (isEmptyFilter(filter)) {
			const byFilters = (this.getNodeParameter('matchBy', 0, 'messageIds') as string) === 'filters';
			throw new NodeOperationError(
				this.getNode(),
				byFilters ? 'Delete refuses an empty filter: with no filter it would delete the whole push log' : 'No message IDs came in: "Message IDs" gave nothing for the input items',
				{ description: byFilters ? 'Add at least one filter (status, time range, target, …), or use Purge to clear entries older than a number of days' : 'Give the message IDs, e.g. {{ $json.messageId }} after Outbox: Search' },
			);
		}
	} catch (error) {
		return failRun(this, items, error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), (error as Error).message, { description: 'Correct the named filter' }));
	}
	return runOnOutboxStore(this, items, async (outbox) => {
		const deleted = await outbox.store.deleteMessages(filter);
		recordRun(this, 'delete', { deleted });
		return [[{ json: { deleted }, pairedItem: { item: 0 } }], []];
	});
}
