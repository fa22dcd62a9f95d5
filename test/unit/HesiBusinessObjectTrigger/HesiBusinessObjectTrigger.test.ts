import { HesiBusinessObjectTrigger } from '../../../nodes/HesiBusinessObjectTrigger/HesiBusinessObjectTrigger.node';
import { businessObjectEvents, hesiBusinessObjectSample } from '../../../nodes/shared/events';
import { signedByHesi } from '../shared/trigger/fixtures';
import { expectHesiSignatureDefaults, expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

describe('Hesi Business Object Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is a trigger offering create and update', () => {
		const node = new HesiBusinessObjectTrigger();
		expectTriggerContract(node, {
			name: 'hesiBusinessObjectTrigger',
			displayName: 'Hesi Business Object Trigger',
			catalog: businessObjectEvents,
		});
		expectHesiSignatureDefaults(node);
	});

	it('starts the workflow for a listed object and ignores others', async () => {
		harness = await startTriggerHarness(new HesiBusinessObjectTrigger(), { ...signedByHesi, parameters: { objectNames: '客户档案, 供应商档案' } });
		const listed = await harness.send({ body: JSON.stringify(hesiBusinessObjectSample('datalink.update')) });
		expect(emittedItems(listed)?.[0]).toMatchObject({ entityName: '供应商档案', event: { type: 'datalink.update', typeName: 'Record updated (修改业务对象数据)' } });
		const other = await harness.send({ body: JSON.stringify({ ...hesiBusinessObjectSample(), entityName: '项目档案' }) });
		expect(other.status).toBe(200);
		expect(emittedItems(other)).toBeUndefined();
	});

	it('reads the object name from the configured field', async () => {
		harness = await startTriggerHarness(new HesiBusinessObjectTrigger(), {
			...signedByHesi,
			parameters: { objectNames: '供应商档案', triggerOptions: { objectNameField: 'entity.name' } },
		});
		const call = await harness.send({ body: JSON.stringify({ action: 'datalink.create', entity: { name: '供应商档案' } }) });
		expect(emittedItems(call)).toHaveLength(1);
	});
});
