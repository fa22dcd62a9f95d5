import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventsSubtitle, triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from '../shared/trigger/n8nDescription';
import { receiveTriggerWebhook } from '../shared/trigger/n8nWebhook';
import { hesiLoanSource } from '../shared/trigger/sources';

const spec: TriggerNodeSpec = {
	source: hesiLoanSource,
	senderName: 'Hesi',
	pathPlaceholder: 'hesi-loan',
};

export class HesiLoanEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hesi Loan Event Trigger',
		name: 'hesiLoanEventTrigger',
		icon: { light: 'file:hesiLoanEventTrigger.svg', dark: 'file:hesiLoanEventTrigger.dark.svg' },
		subtitle: eventsSubtitle,
		description:
			'Starts the workflow when Hesi (合思) sends a loan or repayment event: manual repayment started, confirmed, rejected, repayment reminder or write-off',
		defaults: { name: 'Hesi Loan Event Trigger' },
		...triggerNodeDescription(spec),
	};

	methods = triggerMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveTriggerWebhook.call(this, spec);
	}
}
