/**
 * n8n adapter, part 3: the node class of every trigger (part 1, the description: n8nDescription.ts;
 * part 2, webhook(): n8nWebhook.ts). The eight trigger nodes differ only in what they declare (the
 * sender's EventSource, the node's words, a name filter for two of them), so each node file is one
 * declaration: `export class HesiLoanEventTrigger extends triggerNodeType({ … }) {}`. n8n loads that
 * subclass from its file as it loads any node class.
 */
import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { eventsSubtitle, triggerMethods, triggerNodeDescription, type TriggerNodeSpec } from './n8nDescription';
import { receiveTriggerWebhook } from './n8nWebhook';

/** The node's own words in n8n's panel and nodes list. */
export interface TriggerNodeWords {
	displayName: string;
	description: string;
	/** Under the node's name on the canvas; default: the selected events. */
	subtitle?: string;
}

/**
 * The class a trigger node file extends. The node's `name` (what saved workflows reference, with
 * the package name) is the class name with a lower-case first letter, as n8n names its own nodes;
 * the icons are `<name>.svg` and `<name>.dark.svg` beside the node file.
 */
export function triggerNodeType(spec: TriggerNodeSpec & TriggerNodeWords): new () => INodeType {
	return class implements INodeType {
		description: INodeTypeDescription;

		methods = triggerMethods;

		constructor() {
			const name = new.target.name.charAt(0).toLowerCase() + new.target.name.slice(1);
			this.description = {
				displayName: spec.displayName,
				name,
				icon: { light: `file:${name}.svg`, dark: `file:${name}.dark.svg` },
				subtitle: spec.subtitle ?? eventsSubtitle,
				description: spec.description,
				defaults: { name: spec.displayName },
				...triggerNodeDescription(spec),
			};
		}

		async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
			return await receiveTriggerWebhook.call(this, spec);
		}
	};
}
