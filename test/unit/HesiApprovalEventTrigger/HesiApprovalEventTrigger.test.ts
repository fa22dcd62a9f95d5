import { HesiApprovalEventTrigger } from '../../../nodes/HesiApprovalEventTrigger/HesiApprovalEventTrigger.node';
import { approvalEvents, hesiApprovalSample } from '../../../nodes/shared/events';
import { expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

describe('Hesi Approval Event Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is a trigger offering the 19 approval events', () => {
		expectTriggerContract(new HesiApprovalEventTrigger(), {
			name: 'hesiApprovalEventTrigger',
			displayName: 'Hesi Approval Event Trigger',
			catalog: approvalEvents,
		});
	});

	it('outputs action, actionName, userInfo, flowId, nodeId and the selected fields', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger());
		const call = await harness.send({ body: JSON.stringify(hesiApprovalSample('flow.rejected')) });
		expect(call).toMatchObject({ status: 200, body: '{"code":"1"}' });
		expect(emittedItems(call)?.[0]).toMatchObject({
			action: 'flow.rejected',
			actionName: '被驳回',
			userInfo: { id: '7hw8MheAgo0g00:I6A8MlHIQM0000' },
			flowId: 'ID01uJ2x8gHZ7N',
			nodeId: 'FLOW:1171302470:1592882963',
			expenseMoney: { currency: 'CNY', amount: '10.00' },
			event: { source: 'hesi', type: 'flow.rejected', typeName: 'Rejected (被驳回)' },
		});
	});

	it('answers an unselected action as success and starts nothing', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), { parameters: { events: ['backlog.approving'] } });
		const call = await harness.send({ body: JSON.stringify(hesiApprovalSample('flow.paid')) });
		expect(call).toMatchObject({ status: 200, body: '{"code":"1"}', result: { noWebhookResponse: true } });
		expect(emittedItems(call)).toBeUndefined();
	});

	it('suppresses a repeat keyed on the configured fields', async () => {
		harness = await startTriggerHarness(new HesiApprovalEventTrigger(), {
			parameters: { triggerOptions: { duplicateKeyFields: 'flowId, nodeId, action, userInfo.id' } },
		});
		const body = JSON.stringify(hesiApprovalSample('backlog.approving'));
		expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
		expect(emittedItems(await harness.send({ body }))).toBeUndefined();
	});
});
