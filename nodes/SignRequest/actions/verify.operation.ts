import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, NodeOperationError } from 'n8n-workflow';

import { defaultToleranceSeconds, verifyRequest } from '../../shared/signing';
import { ItemRequestError, receivedRequestFromItem } from './itemRequest';
import { signingCredential } from './signingCredential';

const showForVerify = { show: { operation: ['verify'] } };

export const description: INodeProperties[] = [
	{
		displayName:
			'Turn on "Raw Body" in the Webhook node\'s options: a signature covers the exact bytes that arrived, which parsed JSON no longer has',
		name: 'rawBodyNotice',
		type: 'notice',
		default: '',
		displayOptions: showForVerify,
	},
	{
		displayName: 'Raw Body Binary Field',
		name: 'rawBodyField',
		type: 'string',
		default: 'data',
		displayOptions: showForVerify,
		description:
			'Binary field holding the request body exactly as received (the Webhook node\'s "Raw Body" puts it in "data"). Without it the body field of the item (or of its request) is used.',
	},
	{
		displayName: 'Tolerance (Seconds)',
		name: 'toleranceSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: defaultToleranceSeconds,
		displayOptions: showForVerify,
		description:
			'How far the signed timestamp may be from now, in either direction, before the request counts as a replay. Standard Webhooks uses 300; DingTalk and Feishu allow 3600.',
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	let signing: Awaited<ReturnType<typeof signingCredential>>;
	try {
		signing = await signingCredential(this);
	} catch (error) {
		// The credential is the same for every item: stop, or with "On Error: Continue" fail them all.
		const problem = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw problem;
		return [[], items.map((item, itemIndex) => invalidWithError(item, itemIndex, problem))];
	}
	const valid: INodeExecutionData[] = [];
	const invalid: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = items[itemIndex];
		try {
			const rawBodyField = (this.getNodeParameter('rawBodyField', itemIndex, '') as string).trim();
			const rawBody = rawBodyField && item.binary?.[rawBodyField] ? await this.helpers.getBinaryDataBuffer(itemIndex, rawBodyField) : undefined;
			const { request, bodyReserialised } = receivedRequestFromItem(item.json, rawBody);
			const result = verifyRequest(request, {
				config: signing.config,
				secrets: signing.secrets,
				toleranceSeconds: this.getNodeParameter('toleranceSeconds', itemIndex, defaultToleranceSeconds) as number,
			});
			const verification: IDataObject = result.valid
				? { valid: true, scheme: signing.config.scheme, deliveryId: result.deliveryId, timestamp: result.timestamp }
				: {
						valid: false,
						scheme: signing.config.scheme,
						reason: result.reason,
						message: bodyReserialised
							? `${result.message}. The body was rebuilt from parsed JSON because no raw body was found in binary field "${rawBodyField}": turn on "Raw Body" in the Webhook node`
							: result.message,
					};
			(result.valid ? valid : invalid).push({
				json: { ...item.json, verification },
				binary: item.binary,
				pairedItem: { item: itemIndex },
			});
		} catch (error) {
			const problem = new NodeOperationError(this.getNode(), (error as Error).message, {
				itemIndex,
				description:
					error instanceof ItemRequestError
						? 'Connect this node after a Webhook node (or give items a request with headers, body and query).'
						: 'Check the Outbound Signing Secret credential: a secret is not in the form the scheme needs.',
			});
			if (!this.continueOnFail()) throw problem;
			invalid.push(invalidWithError(item, itemIndex, problem));
		}
	}
	return [valid, invalid];
}

/** With "On Error: Continue": the item on Invalid, the error as text and as n8n's item error. */
function invalidWithError(item: INodeExecutionData, itemIndex: number, problem: NodeOperationError): INodeExecutionData {
	return { json: { ...item.json, error: problem.message }, error: problem, binary: item.binary, pairedItem: { item: itemIndex } };
}
