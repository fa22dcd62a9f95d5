import type { INodeProperties, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from '../shared/trigger/n8nDescription';
import { receiveTriggerWebhook } from '../shared/trigger/n8nWebhook';
import { hesiMessageCenterSource } from '../shared/trigger/sources';

const messageNames: INodeProperties = {
	displayName: 'Message Names',
	name: 'messageNames',
	type: 'string',
	default: '',
	placeholder: '自定义测试, 预算超标提醒',
	description: 'Message-center messages that start the workflow, comma-separated; empty means every message',
};

const messageNameField: INodeProperties & { default: string } = {
	displayName: 'Message Name Field',
	name: 'messageNameField',
	type: 'string',
	default: 'messageName',
	description: 'JSON path of the message name in the outbound message, which Message Names are matched against',
};

const spec: TriggerNodeSpec = {
	source: hesiMessageCenterSource,
	senderName: 'Hesi',
	pathPlaceholder: 'hesi-message-center',
	nameFilter: { parameter: messageNames, fieldOption: messageNameField },
};

export class HesiMessageCenterTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hesi Message Center Trigger',
		name: 'hesiMessageCenterTrigger',
		icon: { light: 'file:hesiMessageCenterTrigger.svg', dark: 'file:hesiMessageCenterTrigger.dark.svg' },
		subtitle: '={{$parameter["messageNames"] || "All messages"}}',
		description:
			'Starts the workflow when a Hesi (合思) message-center notification fires and Hesi sends it as an outbound message',
		defaults: { name: 'Hesi Message Center Trigger' },
		...triggerNodeDescription(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
