import { HesiMessageCenterTrigger } from '../../../nodes/HesiMessageCenterTrigger/HesiMessageCenterTrigger.node';
import { hesiMessageCenterSample, messageCenterEvents } from '../../../nodes/shared/events';
import { signedByHesi } from '../shared/trigger/fixtures';
import { expectHesiSignatureDefaults, expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

describe('Hesi Message Center Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is a trigger with a message-name filter instead of an event list', () => {
		const node = new HesiMessageCenterTrigger();
		expectTriggerContract(node, { name: 'hesiMessageCenterTrigger', displayName: 'Hesi Message Center Trigger', catalog: messageCenterEvents });
		expectHesiSignatureDefaults(node);
		expect(node.description.properties.map((property) => property.name)).toContain('messageNames');
	});

	it('starts the workflow for a listed message name only', async () => {
		harness = await startTriggerHarness(new HesiMessageCenterTrigger(), { ...signedByHesi, parameters: { messageNames: '自定义测试' } });
		expect(emittedItems(await harness.send({ body: JSON.stringify(hesiMessageCenterSample()) }))?.[0]).toMatchObject({
			messageName: '自定义测试',
			event: { type: 'messageCenter.notify' },
		});
		expect(emittedItems(await harness.send({ body: JSON.stringify({ ...hesiMessageCenterSample(), messageName: '其他' }) }))).toBeUndefined();
	});
});
