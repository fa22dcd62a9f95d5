import { triggerNodeType } from '../shared/trigger/n8nTriggerNode';
import { hesiEbotSource } from '../shared/trigger/sources';

export class HesiEbotTrigger extends triggerNodeType({
	displayName: 'Hesi EBot Trigger',
	subtitle: 'Flow reached an EBot node',
	description: "Starts the workflow when a Hesi (合思) approval flow reaches an EBot node; answer it with the Hesi EBot Callback node (accept or refuse), which reads the flowId and nodeId of the output",
	source: hesiEbotSource,
	pathPlaceholder: 'hesi-ebot',
}) {}
