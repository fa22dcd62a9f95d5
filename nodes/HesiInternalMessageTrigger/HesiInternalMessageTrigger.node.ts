import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventsSubtitle, triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from '../shared/trigger/n8nDescription';
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
		subtitle: eventsSubtitle,
		description:
			'Starts the workflow when a Hesi (合思) user receives an internal message (站内信), for every internalMessageNameType',
		defaults: { name: 'Hesi Internal Message Trigger' },
		...triggerNodeDescription(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
