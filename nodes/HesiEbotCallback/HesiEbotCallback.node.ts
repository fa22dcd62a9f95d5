import { type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription, NodeConnectionTypes } from 'n8n-workflow';

import { signingCredentialName } from './actions/callbackParameters';
import { hesiApiCredentialName } from './actions/callbackRun';
import { outputNames, properties } from './actions/operation';
import { router } from './actions/router';

export class HesiEbotCallback implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hesi EBot Callback',
		name: 'hesiEbotCallback',
		icon: { light: 'file:hesiEbotCallback.svg', dark: 'file:hesiEbotCallback.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "refuse" ? "Refuse" : "Accept" }}',
		description:
			"Tell Hesi (合思) to accept or refuse the EBot node a flow waits at, with a retry schedule and a failure policy (reject, agree or stay): Success, Fallback or Failure",
		defaults: { name: 'Hesi EBot Callback' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// Success: Hesi confirmed the action. Fallback: it did not complete, and the failure policy's
		// accept / refuse was confirmed instead. Failure: neither (stayed at the node, 412, bad input).
		outputs: outputNames.map((displayName) => ({ type: NodeConnectionTypes.Main, displayName })),
		outputNames,
		credentials: [
			{ name: hesiApiCredentialName, required: true },
			{
				// The EBot outbound message's signKey, the same credential the Hesi EBot Trigger checks with.
				name: signingCredentialName,
				required: true,
				displayOptions: { show: { signKeyFrom: ['signingCredential'] } },
			},
		],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
