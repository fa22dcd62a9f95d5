import { UnifiedTodoTrigger } from '../../../nodes/UnifiedTodoTrigger/UnifiedTodoTrigger.node';
import { e10TodoEvents, e10TodoSample, ofsTodoSample } from '../../../nodes/shared/events';
import { defaultParameters } from '../shared/trigger/triggerNodeContract';
import { emittedItems, startTriggerHarness, type TriggerHarness } from '../shared/trigger/webhookHarness';

/** DESIGN §4: E10's camelCase to-do push, answered `{code: 200, msg, status: true}`. */
describe('Unified Todo Trigger, E10 shape', () => {
	let harness: TriggerHarness | undefined;
	afterEach(async () => await harness?.close());

	const e10 = { parameters: { pushFormat: 'e10' } };

	it('offers Push Format OFS, E10 or Detect Automatically, OFS for workflows saved before it', () => {
		const node = new UnifiedTodoTrigger();
		const format = node.description.properties.find((property) => property.name === 'pushFormat');
		expect(format?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(['ofs', 'e10', 'detect']);
		expect(defaultParameters(node, 1).pushFormat).toBe('ofs');
	});

	it.each(e10TodoEvents.map((event) => [event.code, event.isRemark ?? '(none)'] as const))('accepts %s (isRemark %s) and answers code 200, status true', async (code) => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), e10);
		const call = await harness.send({ body: JSON.stringify(e10TodoSample(code)) });
		expect(call.status).toBe(200);
		expect(JSON.parse(call.body)).toEqual({ code: 200, msg: 'success', status: true });
		expect(emittedItems(call)?.[0]).toMatchObject({ sysCode: 'E10', flowId: '202406010001', event: { source: 'e10', type: code, flowId: '202406010001' } });
	});

	it('accepts isRemark as a number (-1, 10), as E10 builds may send it', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), e10);
		const deleted = await harness.send({ body: JSON.stringify({ ...e10TodoSample('todo'), isRemark: -1 }) });
		expect(emittedItems(deleted)?.[0]).toMatchObject({ event: { type: 'deleteUser' } });
		const toClaim = await harness.send({ body: JSON.stringify({ ...e10TodoSample('todo'), isRemark: 10, receivets: '1717205405001' }) });
		expect(emittedItems(toClaim)?.[0]).toMatchObject({ event: { type: 'toClaim', typeName: 'To claim (E10) (待认领)' } });
	});

	it('answers a to-do without receiver with 400, status false and the field named, and starts nothing', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), e10);
		const { receiver: _receiver, ...body } = e10TodoSample('todo');
		const call = await harness.send({ body: JSON.stringify(body) });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toEqual({ code: 400, msg: 'The event does not match the expected shape: receiver: Required', status: false });
		expect(emittedItems(call)).toBeUndefined();
	});

	it('answers an isRemark that names no E10 state with 400 naming the field and the states', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), e10);
		const call = await harness.send({ body: JSON.stringify({ ...e10TodoSample('todo'), isRemark: '9' }) });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({
			status: false,
			msg: expect.stringContaining('isRemark: "9" is not an E10 state; expected 0 (To-do), 2 (Done), 4 (Finished), 8 (CC / to read), 10 (To claim (E10)) or -1 (Deleted for one user)'),
		});
		expect(emittedItems(call)).toBeUndefined();
	});

	it('answers a body that is not JSON with 400 in the E10 shape', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), e10);
		const call = await harness.send({ body: '{"sysCode":' });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({ code: 400, status: false, msg: expect.any(String) });
	});

	it('refuses an OFS body (no sysCode) while Push Format is E10', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), e10);
		const call = await harness.send({ body: JSON.stringify(ofsTodoSample('todo')) });
		expect(call.status).toBe(400);
		expect(JSON.parse(call.body)).toMatchObject({ status: false, msg: expect.stringContaining('sysCode: Required') });
	});

	it('suppresses a re-sent push with the same receivets, answering it as success', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), e10);
		const body = JSON.stringify(e10TodoSample('todo'));
		expect(emittedItems(await harness.send({ body }))).toHaveLength(1);
		const repeat = await harness.send({ body });
		expect(JSON.parse(repeat.body)).toEqual({ code: 200, msg: 'Received; this delivery was already received', status: true });
		expect(emittedItems(repeat)).toBeUndefined();
		// Another receiver of the same flow is another to-do.
		expect(emittedItems(await harness.send({ body: JSON.stringify({ ...e10TodoSample('todo'), receiver: 'wangwu' }) }))).toHaveLength(1);
	});

	it('answers an unselected state with code 200 and starts nothing; a selected E10-only state starts the workflow', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), { parameters: { pushFormat: 'e10', events: ['toClaim'] } });
		const todo = await harness.send({ body: JSON.stringify(e10TodoSample('todo')) });
		expect(JSON.parse(todo.body)).toEqual({ code: 200, msg: 'Received; this event is not selected in the trigger', status: true });
		expect(emittedItems(todo)).toBeUndefined();
		expect(emittedItems(await harness.send({ body: JSON.stringify(e10TodoSample('toClaim')) }))?.[0]).toMatchObject({ event: { type: 'toClaim' } });
	});

	it('emits an E10 sample in test mode when Push Format is E10', async () => {
		harness = await startTriggerHarness(new UnifiedTodoTrigger(), { ...e10, mode: 'manual' });
		const call = await harness.send({ method: 'GET' });
		expect(emittedItems(call)?.[0]).toMatchObject({ sysCode: 'E10', isRemark: '0', event: { source: 'e10', type: 'todo', sample: true } });
	});

	describe('Detect Automatically', () => {
		const detect = { parameters: { pushFormat: 'detect' } };

		it('reads and answers each push in its own shape', async () => {
			harness = await startTriggerHarness(new UnifiedTodoTrigger(), detect);
			const fromE10 = await harness.send({ body: JSON.stringify(e10TodoSample('done')) });
			expect(JSON.parse(fromE10.body)).toEqual({ code: 200, msg: 'success', status: true });
			expect(emittedItems(fromE10)?.[0]).toMatchObject({ event: { source: 'e10', type: 'done' } });
			const fromOfs = await harness.send({ body: JSON.stringify(ofsTodoSample('done')) });
			expect(JSON.parse(fromOfs.body)).toMatchObject({ syscode: 'EC9', operResult: '1' });
			expect(emittedItems(fromOfs)?.[0]).toMatchObject({ event: { source: 'ofs', type: 'done' } });
		});

		it('refuses a malformed E10 push in the E10 shape and a body that is not JSON in the OFS shape', async () => {
			harness = await startTriggerHarness(new UnifiedTodoTrigger(), detect);
			const noReceiver = await harness.send({ body: JSON.stringify({ ...e10TodoSample('todo'), receiver: '' }) });
			expect(noReceiver.status).toBe(400);
			expect(JSON.parse(noReceiver.body)).toMatchObject({ code: 400, status: false, msg: expect.stringContaining('receiver') });
			const junk = await harness.send({ body: 'not json' });
			expect(junk.status).toBe(400);
			expect(JSON.parse(junk.body)).toMatchObject({ operResult: '0' });
		});
	});
});
