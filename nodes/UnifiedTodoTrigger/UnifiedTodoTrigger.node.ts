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
import { ofsTodoSource } from '../shared/trigger/sources';

const spec: TriggerNodeSpec = {
	source: ofsTodoSource,
	senderName: 'the OA system',
	pathPlaceholder: 'oa-todo',
	ofsEndpoints: true,
};

export class UnifiedTodoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unified Todo Trigger',
		name: 'unifiedTodoTrigger',
		icon: { light: 'file:unifiedTodoTrigger.svg', dark: 'file:unifiedTodoTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}',
		description: 'Starts the workflow when an OA system pushes a to-do, done, finished, CC or delete in the e-cology OFS shape, on one URL or on the OFS REST endpoints',
		defaults: { name: 'Unified Todo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: triggerCredentials(),
		webhooks: triggerWebhooks(spec),
		eventTriggerDescription: 'Waiting for you to send an event to the Test URL, or open it in a browser for a sample',
		activationMessage: 'Paste the Production URL into the OA system\'s push settings.',
		properties: triggerProperties(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
