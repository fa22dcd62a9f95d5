import { HesiInternalMessageTrigger } from '../../../nodes/HesiInternalMessageTrigger/HesiInternalMessageTrigger.node';
import { hesiInternalMessageSample, internalMessageEvents } from '../../../nodes/shared/events';
import { signedByHesi } from '../shared/trigger/fixtures';
import { expectHesiSignatureDefaults, expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

describe('Hesi Internal Message Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is a trigger offering all 66 internal message types', () => {
		const node = new HesiInternalMessageTrigger();
		expectTriggerContract(node, {
			name: 'hesiInternalMessageTrigger',
			displayName: 'Hesi Internal Message Trigger',
			catalog: internalMessageEvents,
		});
		expectHesiSignatureDefaults(node);
	});

	it('matches on internalMessageNameType, including the seed spelling requistion', async () => {
		harness = await startTriggerHarness(new HesiInternalMessageTrigger(), { ...signedByHesi, parameters: { events: ['requistion'] } });
		expect(emittedItems(await harness.send({ body: JSON.stringify(hesiInternalMessageSample('requistion')) }))?.[0]).toMatchObject({
			internalMessageNameType: 'requistion',
			event: { typeName: 'To-do notice (待办通知)' },
		});
		expect(emittedItems(await harness.send({ body: JSON.stringify(hesiInternalMessageSample('pwdExpire')) }))).toBeUndefined();
	});

	it('answers 400 for a message without internalMessageNameType', async () => {
		harness = await startTriggerHarness(new HesiInternalMessageTrigger(), signedByHesi);
		expect((await harness.send({ body: JSON.stringify({ title: 'x' }) })).status).toBe(400);
	});
});
