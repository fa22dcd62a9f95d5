import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { formatFieldsProperties } from './description';
import { formatFieldItems } from './execute';

export class FormatFields implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Format Fields',
		name: 'formatFields',
		icon: { light: 'file:formatFields.svg', dark: 'file:formatFields.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["mode"] === "envelope" ? "Envelope: " + $parameter["envelope"] : "Typed fields" }}',
		description:
			'Build an outbound message body from typed fields (text, date, money, payee, …) in the shapes Hesi (合思) documents, or a Jiandaoyun, OFS to-do or Standard Webhooks envelope, checking every value',
		defaults: { name: 'Format Fields' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Success', 'Failure'],
		properties: formatFieldsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await formatFieldItems.call(this);
	}
}
