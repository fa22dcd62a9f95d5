import { JiandaoyunPushTrigger } from '../../../nodes/JiandaoyunPushTrigger/JiandaoyunPushTrigger.node';
import { jiandaoyunFlowActions, jiandaoyunOps, jiandaoyunSample } from '../../../nodes/shared/events';
import { jiandaoyunRequest, jiandaoyunSecret } from '../shared/trigger/fixtures';
import { expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

async function push(harness: TriggerHarness, payload: unknown, deliverId?: string) {
	const request = jiandaoyunRequest(payload, { at: Date.now(), deliverId });
	return await harness.send({
		query: `?${request.url.split('?')[1]}`,
		headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)])),
		body: request.body.toString('utf8'),
	});
}

describe('Jiandaoyun Push Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('is a trigger offering the 7 message ops and 4 data-push ops, and the 17 flow actions', () => {
		const node = new JiandaoyunPushTrigger();
		expectTriggerContract(node, { name: 'jiandaoyunPushTrigger', displayName: 'Jiandaoyun Push Trigger', catalog: jiandaoyunOps });
		const flowActions = node.description.properties.find((property) => property.name === 'flowActions');
		expect(flowActions?.options).toHaveLength(jiandaoyunFlowActions.length);
		expect(node.description.properties.find((property) => property.name === 'signatureCheck')?.default).toBe('jiandaoyun');
	});

	it('checks X-JDY-Signature by default and answers success with 200', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		const call = await push(harness, jiandaoyunSample('dash_alert_message'));
		expect(call).toMatchObject({ status: 200, body: 'success' });
		expect(emittedItems(call)?.[0]).toMatchObject({ op: 'dash_alert_message', event: { verified: true } });
	});

	it('gives old and new flow-message formats the same items', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		const old = jiandaoyunSample('flow_message');
		const oldItems = emittedItems(await push(harness, old, 'old-format'));
		const data = old.data as { to: unknown[] };
		const newItems = [];
		for (const [index, recipient] of data.to.entries()) {
			newItems.push(...(emittedItems(await push(harness, { ...old, data: { ...data, to: [recipient] } }, `new-${index}`)) ?? []));
		}
		const strip = (items: Array<Record<string, unknown>> | undefined) => items?.map(({ event: _event, ...rest }) => rest);
		expect(strip(oldItems)).toEqual(strip(newItems));
		expect(oldItems).toHaveLength(3);
	});

	it('keeps one item per push when splitting is off', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret }, parameters: { splitRecipients: false } });
		expect(emittedItems(await push(harness, jiandaoyunSample('flow_message')))).toHaveLength(1);
	});

	it('filters flow messages by flow action', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), {
			credentials: { secret: jiandaoyunSecret },
			parameters: { events: ['flow_message'], flowActions: ['flow_urge'] },
		});
		expect(emittedItems(await push(harness, jiandaoyunSample('flow_message', 'flow_forward'), 'a'))).toBeUndefined();
		expect(emittedItems(await push(harness, jiandaoyunSample('flow_message', 'flow_urge'), 'b'))).toHaveLength(3);
	});

	it('suppresses a push with a repeated X-JDY-DeliverId', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		expect(emittedItems(await push(harness, jiandaoyunSample('data_create'), 'same'))).toHaveLength(1);
		const repeat = await push(harness, jiandaoyunSample('data_create'), 'same');
		expect(repeat).toMatchObject({ status: 200, body: 'success' });
		expect(emittedItems(repeat)).toBeUndefined();
	});
});
