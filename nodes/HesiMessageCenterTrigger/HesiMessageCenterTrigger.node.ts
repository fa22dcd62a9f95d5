import type { INodeProperties } from 'n8n-workflow';

import { triggerNodeType } from '../shared/trigger/n8nTriggerNode';
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

export class HesiMessageCenterTrigger extends triggerNodeType({
	displayName: 'Hesi Message Center Trigger',
	subtitle: '={{$parameter["messageNames"] || "All messages"}}',
	description: 'Starts the workflow when a Hesi (合思) message-center notification fires and Hesi sends it as an outbound message',
	source: hesiMessageCenterSource,
	pathPlaceholder: 'hesi-message-center',
	nameFilter: { parameter: messageNames, fieldOption: messageNameField },
}) {}
