import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import * as acknowledge from './acknowledge.operation';
import * as claimDue from './claimDue.operation';
import * as deleteMessages from './delete.operation';
import * as park from './park.operation';
import * as purge from './purge.operation';
import * as repush from './repush.operation';
import * as search from './search.operation';
import * as stats from './stats.operation';
import * as task from './task.operation';

type Execute = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[][]>;

const operations: Record<string, Execute> = {
	park: park.execute,
	claimDue: claimDue.execute,
	acknowledge: acknowledge.execute,
	search: search.execute,
	repush: repush.execute,
	task: task.execute,
	delete: deleteMessages.execute,
	purge: purge.execute,
	stats: stats.execute,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[operation];
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	return await execute.call(this, items);
}
