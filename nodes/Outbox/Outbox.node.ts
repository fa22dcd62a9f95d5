import { type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';

import { stateStoreCredentialName } from '../shared/store/n8nStateStore';
import { properties } from './actions/operation';
import { router } from './actions/router';

export class Outbox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Outbox',
		name: 'outbox',
		icon: { light: 'file:outbox.svg', dark: 'file:outbox.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Park failed outbound messages and push them again on a schedule (补偿), search the push log (推送日志), re-push in batches and clean up',
		defaults: { name: 'Outbox' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		credentials: [
			// Optional: without it the node uses the embedded file in the n8n folder (DESIGN.md §5).
			 
			{ name: stateStoreCredentialName, required: false },
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
