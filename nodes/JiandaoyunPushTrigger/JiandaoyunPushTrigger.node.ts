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
import { jiandaoyunSource } from '../shared/trigger/sources';

const spec: TriggerNodeSpec = {
	source: jiandaoyunSource,
	senderName: 'Jiandaoyun',
	pathPlaceholder: 'jiandaoyun-push',
	jiandaoyun: true,
};

export class JiandaoyunPushTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Jiandaoyun Push Trigger',
		name: 'jiandaoyunPushTrigger',
		icon: { light: 'file:jiandaoyunPushTrigger.svg', dark: 'file:jiandaoyunPushTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}',
		description: 'Starts the workflow when Jiandaoyun (简道云) pushes a message (reminders, flow messages, dashboard alerts) or a data change, after checking X-JDY-Signature',
		defaults: { name: 'Jiandaoyun Push Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: triggerCredentials(),
		webhooks: triggerWebhooks(spec),
		eventTriggerDescription: 'Waiting for you to send an event to the Test URL, or open it in a browser for a sample',
		activationMessage: 'Paste the Production URL into Jiandaoyun\'s push settings.',
		properties: triggerProperties(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
