import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventsSubtitle, triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from '../shared/trigger/n8nDescription';
import { receiveTriggerWebhook } from '../shared/trigger/n8nWebhook';
import { jiandaoyunSource } from '../shared/trigger/sources';

const spec: TriggerNodeSpec = {
	source: jiandaoyunSource,
	senderName: 'Jiandaoyun',
	pathPlaceholder: 'jiandaoyun-push',
};

export class JiandaoyunPushTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Jiandaoyun Push Trigger',
		name: 'jiandaoyunPushTrigger',
		icon: { light: 'file:jiandaoyunPushTrigger.svg', dark: 'file:jiandaoyunPushTrigger.dark.svg' },
		subtitle: eventsSubtitle,
		description:
			'Starts the workflow when Jiandaoyun (简道云) pushes a message (reminders, flow messages, dashboard alerts) or a data change, after checking X-JDY-Signature',
		defaults: { name: 'Jiandaoyun Push Trigger' },
		...triggerNodeDescription(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
