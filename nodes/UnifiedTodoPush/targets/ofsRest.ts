import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import { type TargetReader, forAdapter, text } from './targetParameters';

/** e-cology 8/9 OFS REST: which endpoint takes done / finished (nodes/shared/todo/adapters/ofsRest.ts). */
export const properties: INodeProperties[] = [
	{
		displayName: 'Done / Finished Endpoint',
		name: 'ofsDoneEndpoint',
		...oneOf(
			['ReceiveRequestInfoByJson (Isremark 2 / 4)', 'receive', 'The whole to-do again with isremark 2 (done) or 4 (finished): what e-cology itself sends'],
			['ProcessDoneRequestByJson / ProcessOverRequestByJson', 'process', 'The dedicated done and finished endpoints OFS also offers; they take only syscode, flowid, requestname, workflowname, nodename and receiver'],
		),
		noDataExpression: true,
		default: 'receive',
		description: 'Where done and finished to-dos go; to-dos, CCs and deletes always use their own endpoints',
		displayOptions: forAdapter('ofsRest'),
	},
];

export const read: TargetReader = (getParameter) => ({
	doneEndpoint: text(getParameter('ofsDoneEndpoint')) || 'receive',
	timeZone: text(getParameter('targetTimeZone')),
});
