import { HesiEbotTrigger } from '../../../nodes/HesiEbotTrigger/HesiEbotTrigger.node';
import { ebotEvents, hesiEbotSample } from '../../../nodes/shared/events';
import { signedByHesi } from '../shared/trigger/fixtures';
import { expectHesiSignatureDefaults, expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

describe('Hesi EBot Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is a trigger for the one EBot event', () => {
		const node = new HesiEbotTrigger();
		expectTriggerContract(node, { name: 'hesiEbotTrigger', displayName: 'Hesi EBot Trigger', catalog: ebotEvents });
		expectHesiSignatureDefaults(node);
	});

	it('outputs flowId and nodeId for the EBot callback', async () => {
		harness = await startTriggerHarness(new HesiEbotTrigger(), signedByHesi);
		const call = await harness.send({ body: JSON.stringify(hesiEbotSample()) });
		expect(emittedItems(call)?.[0]).toMatchObject({ flowId: 'ID01uJ2x8gHZ7N', nodeId: 'FLOW:1171302470:1592882963', event: { type: 'ebot.arrived' } });
	});

	it('answers 400 when nodeId is missing', async () => {
		harness = await startTriggerHarness(new HesiEbotTrigger(), signedByHesi);
		const call = await harness.send({ body: JSON.stringify({ flowId: 'ID01uJ2x8gHZ7N' }) });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body).message).toContain('nodeId: Required');
	});
});
