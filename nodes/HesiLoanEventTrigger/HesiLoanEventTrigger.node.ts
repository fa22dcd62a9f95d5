import { triggerNodeType } from '../shared/trigger/n8nTriggerNode';
import { hesiLoanSource } from '../shared/trigger/sources';

export class HesiLoanEventTrigger extends triggerNodeType({
	displayName: 'Hesi Loan Event Trigger',
	description: 'Starts the workflow when Hesi (合思) sends a loan or repayment event: manual repayment started, confirmed, rejected, repayment reminder or write-off',
	source: hesiLoanSource,
	pathPlaceholder: 'hesi-loan',
}) {}
