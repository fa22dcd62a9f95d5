import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { request } from 'undici';

export class SendOutboundMessage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Send Outbound Message',
		name: 'sendOutboundMessage',
		icon: 'file:sendOutboundMessage.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{"POST " + $parameter["url"]}}',
		description: 'Deliver each item to a target URL as an outbound message',
		defaults: { name: 'Send Outbound Message' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'https://example.com/outbound',
				description: 'Where each item is POSTed as JSON',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const url = this.getNodeParameter('url', i) as string;
			try {
				const res = await request(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(items[i].json),
				});
				const body = await res.body.text();
				out.push({ json: { ...items[i].json, response: { status: res.statusCode, body } }, pairedItem: { item: i } });
			} catch (error) {
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
			}
		}
		return [out];
	}
}
