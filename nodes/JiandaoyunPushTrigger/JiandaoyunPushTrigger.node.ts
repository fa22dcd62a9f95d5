import { triggerNodeType } from '../shared/trigger/n8nTriggerNode';
import { jiandaoyunSource } from '../shared/trigger/sources';

export class JiandaoyunPushTrigger extends triggerNodeType({
	displayName: 'Jiandaoyun Push Trigger',
	description: 'Starts the workflow when Jiandaoyun (简道云) pushes a message (reminders, flow messages, dashboard alerts) or a data change, after checking X-JDY-Signature',
	source: jiandaoyunSource,
	pathPlaceholder: 'jiandaoyun-push',
}) {}
