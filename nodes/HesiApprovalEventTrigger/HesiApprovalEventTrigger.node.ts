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
import { hesiApprovalSource } from '../shared/trigger/sources';

const spec: TriggerNodeSpec = {
	source: hesiApprovalSource,
	senderName: 'Hesi',
	pathPlaceholder: 'hesi-approval',
};

export class HesiApprovalEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hesi Approval Event Trigger',
		name: 'hesiApprovalEventTrigger',
		icon: { light: 'file:hesiApprovalEventTrigger.svg', dark: 'file:hesiApprovalEventTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}',
		description: 'Starts the workflow when Hesi (合思) sends an approval-event outbound message: pending approval, rejected, paid, urged, carbon copy and the other approval events',
		defaults: { name: 'Hesi Approval Event Trigger' },
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
