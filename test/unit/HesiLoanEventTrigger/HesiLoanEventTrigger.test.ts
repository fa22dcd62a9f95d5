import { HesiLoanEventTrigger } from '../../../nodes/HesiLoanEventTrigger/HesiLoanEventTrigger.node';
import { hesiLoanSample, loanEvents } from '../../../nodes/shared/events';
import { signedByHesi } from '../shared/trigger/fixtures';
import { expectHesiSignatureDefaults, expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

describe('Hesi Loan Event Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is a trigger offering the 5 repayment events', () => {
		const node = new HesiLoanEventTrigger();
		expectTriggerContract(node, { name: 'hesiLoanEventTrigger', displayName: 'Hesi Loan Event Trigger', catalog: loanEvents });
		expectHesiSignatureDefaults(node);
	});

	it('starts the workflow for a selected repayment event', async () => {
		harness = await startTriggerHarness(new HesiLoanEventTrigger(), { ...signedByHesi, parameters: { events: ['repayment:AGREE'] } });
		expect(emittedItems(await harness.send({ body: JSON.stringify(hesiLoanSample('repayment:AGREE')) }))?.[0]).toMatchObject({
			event: { type: 'repayment:AGREE', typeName: 'Manual repayment confirmed (手动还款被确认收款)' },
		});
		expect(emittedItems(await harness.send({ body: JSON.stringify(hesiLoanSample('repayment:REJECT')) }))).toBeUndefined();
	});
});
