import type { INodeProperties, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventsSubtitle, triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from '../shared/trigger/n8nDescription';
import { receiveTriggerWebhook } from '../shared/trigger/n8nWebhook';
import { hesiBusinessObjectSource } from '../shared/trigger/sources';

const objectNames: INodeProperties = {
	displayName: 'Object Names',
	name: 'objectNames',
	type: 'string',
	default: '',
	placeholder: '供应商档案, 客户档案',
	description: 'Business objects whose changes start the workflow, comma-separated; empty means every object',
};

const objectNameField: INodeProperties & { default: string } = {
	displayName: 'Object Name Field',
	name: 'objectNameField',
	type: 'string',
	default: 'entityName',
	description: 'JSON path of the business-object name in the message, which Object Names are matched against',
};

const spec: TriggerNodeSpec = {
	source: hesiBusinessObjectSource,
	senderName: 'Hesi',
	pathPlaceholder: 'hesi-business-object',
	nameFilter: { parameter: objectNames, fieldOption: objectNameField },
};

export class HesiBusinessObjectTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hesi Business Object Trigger',
		name: 'hesiBusinessObjectTrigger',
		icon: { light: 'file:hesiBusinessObjectTrigger.svg', dark: 'file:hesiBusinessObjectTrigger.dark.svg' },
		subtitle: eventsSubtitle,
		description:
			'Starts the workflow when Hesi (合思) sends a business-object data change (record created or updated) as an outbound message',
		defaults: { name: 'Hesi Business Object Trigger' },
		...triggerNodeDescription(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
