import { NodeHelpers } from 'n8n-workflow';

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

	it('shows Flow Actions only while Events is empty (every event) or includes flow_message', () => {
		const node = new JiandaoyunPushTrigger();
		const flowActions = node.description.properties.find((property) => property.name === 'flowActions');
		if (!flowActions) throw new Error('no Flow Actions parameter');
		// n8n's own display check, as the editor and the backend run it.
		const shown = (events: string[]) => NodeHelpers.displayParameter({ events }, flowActions, { typeVersion: 1 }, node.description);
		expect(shown([])).toBe(true);
		expect(shown(['flow_message'])).toBe(true);
		expect(shown(['data_create', 'flow_message'])).toBe(true);
		expect(shown(['data_create'])).toBe(false);
		expect(shown(['form_schedule_message', 'dash_alert_message'])).toBe(false);
	});

	it('answers a message to nobody (data.to empty) with success and starts nothing: Jiandaoyun did nothing wrong', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		const call = await push(harness, { op: 'flow_message', data: { to: [], entry_name: '请假审批', flow_action: 'flow_forward', notify_text: '有新的流程待办事项' } });
		expect(call).toMatchObject({ status: 200, body: 'success', result: { noWebhookResponse: true } });
		expect(emittedItems(call)).toBeUndefined();
	});

	it('keeps the push order of keys in the item, with event last', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		const payload = { send_time: '2024-06-01T01:30:00.000Z', data: { url: 'https://x', to: [{ username: 'jian' }], entry_name: 'e' }, op: 'data_update_message' };
		const [item] = emittedItems(await push(harness, payload)) ?? [];
		expect(Object.keys(item)).toEqual(['send_time', 'data', 'op', 'event']);
		expect(Object.keys(item.data as object)).toEqual(['url', 'to', 'entry_name']);
	});

	it('suppresses a push with a repeated X-JDY-DeliverId', async () => {
		harness = await startTriggerHarness(new JiandaoyunPushTrigger(), { credentials: { secret: jiandaoyunSecret } });
		expect(emittedItems(await push(harness, jiandaoyunSample('data_create'), 'same'))).toHaveLength(1);
		const repeat = await push(harness, jiandaoyunSample('data_create'), 'same');
		expect(repeat).toMatchObject({ status: 200, body: 'success' });
		expect(emittedItems(repeat)).toBeUndefined();
	});
});
