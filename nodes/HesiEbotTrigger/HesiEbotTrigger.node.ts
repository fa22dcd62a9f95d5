import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	triggerCredentials,
	triggerMethods,
	triggerProperties,
	triggerWebhooks,
	type TriggerNodeSpec,
} from '../shared/trigger/n8nDescription';
import { receiveTriggerWebhook } from '../shared/trigger/n8nWebhook';
import { hesiEbotSource } from '../shared/trigger/sources';

const spec: TriggerNodeSpec = {
	source: hesiEbotSource,
	senderName: 'Hesi',
	pathPlaceholder: 'hesi-ebot',
};

export class HesiEbotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hesi EBot Trigger',
		name: 'hesiEbotTrigger',
		icon: { light: 'file:hesiEbotTrigger.svg', dark: 'file:hesiEbotTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Flow reached an EBot node',
		description: "Starts the workflow when a Hesi (合思) approval flow reaches an EBot node; answer it with the Hesi EBot Callback node (accept or refuse), which reads the flowId and nodeId of the output",
		defaults: { name: 'Hesi EBot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: triggerCredentials(),
		webhooks: triggerWebhooks(spec),
		eventTriggerDescription: 'Waiting for you to send an event to the Test URL, or open it in a browser for a sample',
		activationMessage: 'Paste the Production URL into Hesi\'s push settings.',
		properties: triggerProperties(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
