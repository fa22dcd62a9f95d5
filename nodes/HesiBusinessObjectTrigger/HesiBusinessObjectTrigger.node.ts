import type { INodeProperties } from 'n8n-workflow';

import { triggerNodeType } from '../shared/trigger/n8nTriggerNode';
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

export class HesiBusinessObjectTrigger extends triggerNodeType({
	displayName: 'Hesi Business Object Trigger',
	description: 'Starts the workflow when Hesi (合思) sends a business-object data change (record created or updated) as an outbound message',
	source: hesiBusinessObjectSource,
	pathPlaceholder: 'hesi-business-object',
	nameFilter: { parameter: objectNames, fieldOption: objectNameField },
}) {}
