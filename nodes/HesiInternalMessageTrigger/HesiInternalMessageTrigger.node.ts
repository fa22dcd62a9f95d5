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
import { hesiInternalMessageSource } from '../shared/trigger/sources';

const spec: TriggerNodeSpec = {
	source: hesiInternalMessageSource,
	senderName: 'Hesi',
	pathPlaceholder: 'hesi-internal-message',
};

export class HesiInternalMessageTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hesi Internal Message Trigger',
		name: 'hesiInternalMessageTrigger',
		icon: { light: 'file:hesiInternalMessageTrigger.svg', dark: 'file:hesiInternalMessageTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}',
		description: 'Starts the workflow when a Hesi (合思) user receives an internal message (站内信), for every internalMessageNameType',
		defaults: { name: 'Hesi Internal Message Trigger' },
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
