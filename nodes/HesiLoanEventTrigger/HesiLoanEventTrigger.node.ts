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
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}',
		description: 'Starts the workflow when Hesi (合思) sends a loan or repayment event: manual repayment started, confirmed, rejected, repayment reminder or write-off',
		defaults: { name: 'Hesi Loan Event Trigger' },
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
