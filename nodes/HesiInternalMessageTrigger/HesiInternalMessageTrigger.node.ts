import { triggerNodeType } from '../shared/trigger/n8nTriggerNode';
import { hesiInternalMessageSource } from '../shared/trigger/sources';

export class HesiInternalMessageTrigger extends triggerNodeType({
	displayName: 'Hesi Internal Message Trigger',
	description: 'Starts the workflow when a Hesi (合思) user receives an internal message (站内信), for every internalMessageNameType',
	source: hesiInternalMessageSource,
	pathPlaceholder: 'hesi-internal-message',
}) {}
