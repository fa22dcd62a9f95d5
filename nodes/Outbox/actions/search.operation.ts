import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/n8nOptionsCollection';
import { logRow } from '../../shared/outbox/logRow';
import { failureItem, itemProblem, recordRun, storeProblem, withOutboxStore } from './nodeRun';
import { filterCollection, readFilter } from './filterFields';

/** Return All stops here unless Max Rows says otherwise: n8n holds every item in memory. */
export const defaultMaxRows = 10_000;

const properties: INodeProperties[] = [
	filterCollection(),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	optionsCollection('searchOptions', [
		{
			displayName: 'Include Delivery Excerpt',
			name: 'includeDelivery',
			type: 'boolean',
			default: false,
			description: 'Whether to add the last delivery record excerpt (status, reason, response status, times) as a "delivery" column',
		},
		{
			displayName: 'Include Payload',
			name: 'includePayload',
			type: 'boolean',
			default: false,
			description: 'Whether to add the message as it will be sent again as a "payload" column',
		},
		{
			displayName: 'Max Rows',
			name: 'maxRows',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: defaultMaxRows,
			description: 'With Return All: stop after this many rows (n8n keeps every item in memory)',
		},
		{
			displayName: 'Continue From',
			name: 'continueFrom',
			type: 'string',
			default: '',
			placeholder: '={{ $json.nextPageToken }}',
			description: 'Continue after the page that gave this token (the last row of a page carries nextPageToken when more rows match)',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return withOutboxStore(this, items, async (outbox) => {
		const success: INodeExecutionData[] = [];
		const failed: INodeExecutionData[] = [];
		const inputs = items.length > 0 ? items : [{ json: {} }];
		for (let itemIndex = 0; itemIndex < inputs.length; itemIndex++) {
			try {
				const filter = readFilter(this, itemIndex);
				const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
				const options = this.getNodeParameter('searchOptions', itemIndex, {}) as IDataObject;
				const wanted = returnAll ? Math.max(1, Number(options.maxRows ?? defaultMaxRows)) : (this.getNodeParameter('limit', itemIndex, 50) as number);
				const include = { payload: options.includePayload === true, delivery: options.includeDelivery === true };
				let after: string | null = typeof options.continueFrom === 'string' && options.continueFrom.trim() !== '' ? options.continueFrom.trim() : null;
				const rows: IDataObject[] = [];
				let next: string | null = null;
				try {
					do {
						const page = await outbox.store.searchMessages(filter, { limit: Math.min(1000, wanted - rows.length), after });
						for (const record of page.items) rows.push(logRow(record, include) as unknown as IDataObject);
						next = page.next;
						after = next;
					} while (returnAll && next !== null && rows.length < wanted);
				} catch (error) {
					if (error instanceof RangeError && after !== null) {
						throw new NodeOperationError(this.getNode(), `"Continue From" is not a nextPageToken this node gave: ${error.message}`, {
							itemIndex,
							description: "Use the nextPageToken column of a page's last row, unchanged",
						});
					}
					throw storeProblem(this, outbox, error, itemIndex);
				}
				if (next !== null && rows.length > 0) rows[rows.length - 1].nextPageToken = next;
				for (const row of rows) success.push({ json: row, pairedItem: { item: itemIndex } });
			} catch (error) {
				failed.push(failureItem(inputs[itemIndex], itemIndex, itemProblem(this, error, itemIndex, 'Correct the named filter or option')));
			}
		}
		recordRun(this, 'search', { rows: success.length, failed: failed.length });
		return [success, failed];
	});
}
