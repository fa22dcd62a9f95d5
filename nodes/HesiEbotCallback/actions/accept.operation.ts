import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runCallbacks } from './callbackRun';

/** Accept (同意): the flow leaves the EBot node and goes on. Only the shared parameters apply. */
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return await runCallbacks(this, items, 'accept');
}
