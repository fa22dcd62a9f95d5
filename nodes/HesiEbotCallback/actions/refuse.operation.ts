import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import { runCallbacks } from './callbackRun';

const showForRefuse = { show: { operation: ['refuse'] } };

/** Refuse (驳回): the document goes back; optionally to a chosen node, resubmitted from the start or to the rejector. */
export const description: INodeProperties[] = [
	{
		displayName: 'Reject To Node ID',
		name: 'rejectTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. FLOW:1171302470:1592882960',
		displayOptions: showForRefuse,
		description: "The node to send the document back to (rejectTo); empty: Hesi's default, the submitter",
	},
	{
		displayName: 'Resubmit Method',
		name: 'resubmitMethod',
		...oneOf(
			["Hesi's Default", '', 'Send no resubmitMethod'],
			['From the Start', 'FROM_START', 'Through the whole flow again (FROM_START)'],
			['To the Rejector', 'TO_REJECTOR', 'Straight back to this EBot node (TO_REJECTOR)'],
		),
		default: '',
		displayOptions: showForRefuse,
		description: 'Where the document goes when it is submitted again (resubmitMethod)',
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runCallbacks(this, items, 'refuse');
}
