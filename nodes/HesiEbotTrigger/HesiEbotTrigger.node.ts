import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from '../shared/trigger/n8nDescription';
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
		subtitle: 'Flow reached an EBot node',
		description: "Starts the workflow when a Hesi (合思) approval flow reaches an EBot node; answer it with the Hesi EBot Callback node (accept or refuse), which reads the flowId and nodeId of the output",
		defaults: { name: 'Hesi EBot Trigger' },
		...triggerNodeDescription(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
