import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventsSubtitle, triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from '../shared/trigger/n8nDescription';
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
		subtitle: eventsSubtitle,
		description:
			'Starts the workflow when Hesi (合思) sends an approval-event outbound message: pending approval, rejected, paid, urged, carbon copy and the other approval events',
		defaults: { name: 'Hesi Approval Event Trigger' },
		...triggerNodeDescription(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
