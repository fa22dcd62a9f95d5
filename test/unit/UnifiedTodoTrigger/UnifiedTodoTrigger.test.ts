import { UnifiedTodoTrigger } from '../../../nodes/UnifiedTodoTrigger/UnifiedTodoTrigger.node';
import { e10TodoEvents, findOfsTodoEvent, ofsPaths, ofsTodoEvents, ofsTodoSample } from '../../../nodes/shared/events';
import { expectTriggerContract } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

describe('Unified Todo Trigger', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	it('refuses a number JSON cannot keep (1e400 reads as Infinity, stored as null) with 400 naming the field, and starts nothing', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger());
		const body = JSON.stringify(ofsTodoSample('todo')).replace(/"flowid":"[^"]*"/, '"flowid":1e400');
		expect(body).toContain('"flowid":1e400');
		const call = await harness.send({ name: 'ReceiveRequestInfoByJson', body });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({ operResult: '0', message: expect.stringContaining('flowid') });
		expect(emittedItems(call)).toBeUndefined();
		const deleteFlow = await harness.send({ name: 'deleteRequestInfoByJson', body: '{"syscode":"EC9","flowid":-1e400}' });
		expect(deleteFlow.status).toBe(400);
		expect(emittedItems(deleteFlow)).toBeUndefined();
	});

	it('is a trigger offering the six OFS to-do states and E10\'s to-claim', () => {
		const catalog = e10TodoEvents.map((event) => findOfsTodoEvent(event.code) ?? event);
		expect(catalog.filter((event) => event.family === 'ofsTodo')).toEqual(ofsTodoEvents);
		expectTriggerContract(new UnifiedTodoTrigger(), { name: 'unifiedTodoTrigger', displayName: 'Unified Todo Trigger', catalog });
	});

	it('serves the five OFS endpoints under the path', () => {
		const webhooks = new UnifiedTodoTrigger().description.webhooks ?? [];
		expect(webhooks.filter((webhook) => ofsPaths.includes(webhook.name as never)).map((webhook) => [webhook.name, webhook.httpMethod, webhook.path])).toEqual(
			ofsPaths.map((path) => [path, 'POST', `={{($parameter["path"] || $webhookId) + "/rest/ofs/${path}"}}`]),
		);
	});

	it.each(ofsTodoEvents.map((event) => [event.code, event.ofsPath] as const))('accepts %s on %s and answers operResult 1', async (code, path) => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger());
		const call = await harness.send({ name: path, body: JSON.stringify(ofsTodoSample(code)) });
		expect(call.status).toBe(200);
		expect(JSON.parse(call.body)).toMatchObject({ syscode: 'EC9', dataType: 'OfsTodoData', operResult: '1' });
		expect(emittedItems(call)?.[0]).toMatchObject({ flowid: '202406010001', event: { source: 'ofs', type: code } });
	});

	it('accepts every state on the single URL', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger());
		for (const event of ofsTodoEvents) {
			const call = await harness.send({ body: JSON.stringify(ofsTodoSample(event.code)) });
			expect(emittedItems(call)?.[0]).toMatchObject({ event: { type: event.code } });
		}
	});

	it('answers a to-do without receiver with 400 and operResult 0', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger());
		const { receiver: _receiver, ...body } = ofsTodoSample('todo');
		const call = await harness.send({ name: 'ReceiveRequestInfoByJson', body: JSON.stringify(body) });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({ operResult: '0', message: expect.stringContaining('receiver: Required') });
		expect(emittedItems(call)).toBeUndefined();
	});

	it.each(['ReceiveRequestInfoByJson', 'default'])('answers an isremark that names no state on %s with 400 and operResult 0 naming the field and the states', async (name) => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger());
		const call = await harness.send({ name, body: JSON.stringify({ ...ofsTodoSample('todo'), isremark: '9' }) });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({
			syscode: 'EC9',
			operResult: '0',
			message: expect.stringContaining('isremark: "9" is not an OFS state; expected 0 (To-do), 2 (Done), 4 (Finished) or 8 (CC / to read)'),
		});
		expect(emittedItems(call)).toBeUndefined();
	});

	it('offers each state as an "On …" action in the node panel', () => {
		const events = new UnifiedTodoTrigger().description.properties.find((property) => property.name === 'events');
		expect(events?.options?.map((option) => ('action' in option ? option.action : undefined))).toEqual([
			'On to-do (待办)',
			'On done (已办)',
			'On finished (办结)',
			'On CC / to read (抄送（待阅）)',
			'On to claim (E10) (待认领)',
			'On deleted for one user (删除（指定人员）)',
			'On flow deleted (删除（整个流程）)',
		]);
	});

	it('answers an unselected state with operResult 1 and starts nothing', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), { parameters: { events: ['done'] } });
		const call = await harness.send({ name: 'ReceiveRequestInfoByJson', body: JSON.stringify(ofsTodoSample('todo')) });
		expect(JSON.parse(call.body)).toMatchObject({ operResult: '1' });
		expect(emittedItems(call)).toBeUndefined();
	});

	it('suppresses a re-sent push with the same receivets', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger());
		const body = JSON.stringify(ofsTodoSample('todo'));
		expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
		expect(emittedItems(await harness.send({ body }))).toBeUndefined();
	});
});
