import { triggerNodeType } from '../shared/trigger/n8nTriggerNode';
import { hesiApprovalSource } from '../shared/trigger/sources';

export class HesiApprovalEventTrigger extends triggerNodeType({
	displayName: 'Hesi Approval Event Trigger',
	description: 'Starts the workflow when Hesi (合思) sends an approval-event outbound message: pending approval, rejected, paid, urged, carbon copy and the other approval events',
	source: hesiApprovalSource,
	pathPlaceholder: 'hesi-approval',
}) {}
