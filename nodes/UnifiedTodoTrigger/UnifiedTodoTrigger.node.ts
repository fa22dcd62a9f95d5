import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventsSubtitle, triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from '../shared/trigger/n8nDescription';
import { receiveTriggerWebhook } from '../shared/trigger/n8nWebhook';
import { unifiedTodoSource } from '../shared/trigger/sources';

const spec: TriggerNodeSpec = {
	source: unifiedTodoSource,
	senderName: 'the OA system',
	pathPlaceholder: 'oa-todo',
};

export class UnifiedTodoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unified Todo Trigger',
		name: 'unifiedTodoTrigger',
		icon: { light: 'file:unifiedTodoTrigger.svg', dark: 'file:unifiedTodoTrigger.dark.svg' },
		subtitle: eventsSubtitle,
		description:
			'Starts the workflow when an OA system pushes a to-do, done, finished, CC or delete in the e-cology OFS shape (on one URL or on the OFS REST endpoints) or in the E10 shape',
		defaults: { name: 'Unified Todo Trigger' },
		...triggerNodeDescription(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
