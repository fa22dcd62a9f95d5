import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { execute as preview } from './preview.operation';
import { execute as push } from './push.operation';

/** Push (the default) or Preview Addresses. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0, 'push') as string;
	return operation === 'preview' ? await preview.call(this) : await push.call(this);
}
