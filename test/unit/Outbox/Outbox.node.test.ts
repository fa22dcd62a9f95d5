/**
 * Each Outbox operation through the node's execute, on a real SQLite file per test. The compensation
 * loop with Send Outbound Message is in compensationLoop.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type IDataObject, type INodeExecutionData, type INodeParameters, NodeOperationError } from 'n8n-workflow';

import { Outbox } from '../../../nodes/Outbox/Outbox.node';
import { CircuitBreaker, defaultCircuitBreakerSettings } from '../../../nodes/shared/delivery/circuitBreaker';
import type { MessageWrite } from '../../../nodes/shared/store/types';
import { failedDelivery, minute, runOutbox, useClock, useTempStore } from './outboxHarness';

const clock = useClock();
const temp = useTempStore();
const day = 24 * 60 * minute;

const outboxOf = (item: INodeExecutionData) => item.json.outbox as IDataObject;
const errorOf = (item: INodeExecutionData) => item.json.error as IDataObject;

/** Log rows written straight to the store, as Park or Send's push log would have. */
async function logRows(count: number, row: (index: number) => Partial<MessageWrite> = () => ({})): Promise<void> {
	const writes: MessageWrite[] = Array.from({ length: count }, (_, index) => ({
		messageId: `msg_${String(index).padStart(3, '0')}`,
		status: 'succeeded',
		target: 'https://oa.example.com/todo',
		event: 'flow.approved',
		attempts: 1,
		payload: { index },
		...row(index),
	}));
	await temp.store().writeMessages(writes, Date.now());
}

describe('the Outbox node description', () => {
	const { description } = new Outbox();

	it('takes the state store credential as optional, so the embedded file serves without one', () => {
		expect(description.credentials).toEqual([{ name: 'outboundStateStore', required: false }]);
	});

	it('has a Success and a Failure output', () => {
		expect(description.outputNames).toEqual(['Success', 'Failure']);
	});

	it('shows each operation only its own parameters', () => {
		const shownFor = (name: string) =>
			description.properties.filter((property) => property.name === name).flatMap((property) => property.displayOptions?.show?.operation ?? []);
		expect(shownFor('batchSize')).toEqual(['claimDue']);
		expect(shownFor('outcome')).toEqual(['acknowledge']);
		expect(shownFor('filters').sort()).toEqual(['delete', 'repush', 'search']);
		expect(shownFor('olderThanDays')).toEqual(['purge']);
	});
});

describe('Park', () => {
	it("keeps a failed delivery with its record's identity, the payload without the record, and due after the interval", async () => {
		const item = failedDelivery('msg_a', { requestId: 'REQ-1', userid: 'zhangsan', request: { body: '{"x":1}' } });
		const { outputs, customData } = await runOutbox({ operation: 'park', intervalMinutes: 10 }, [item]);

		expect(outputs[0].map(outboxOf)).toEqual([
			{ messageId: 'msg_a', status: 'failed', queued: true, nextDueAt: new Date(clock.now() + 10 * minute).toISOString(), note: null },
		]);
		expect(outputs[0][0].pairedItem).toEqual({ item: 0 });
		const row = await temp.store().getMessage('msg_a');
		expect(row).toMatchObject({
			status: 'failed',
			reason: 'status_not_accepted',
			target: 'http://127.0.0.1/hook',
			event: 'flow.approved',
			flowId: 'REQ-1',
			receiver: 'zhangsan',
			attempts: 1,
			repushes: 0,
			nextDueAt: clock.now() + 10 * minute,
			payload: { requestId: 'REQ-1', userid: 'zhangsan', request: { body: '{"x":1}' } },
			source: 'Compensation / Outbox',
		});
		expect(row?.delivery).toMatchObject({ status: 'failed', reason: 'status_not_accepted', responseStatus: 503, attempts: 1 });
		expect(customData).toEqual({ outboxOperation: 'park', outboxCounts: 'parked=1 logged=1 failed=0' });
	});

	it('parks a timeout as no response and an open circuit as held', async () => {
		await runOutbox({ operation: 'park' }, [
			failedDelivery('msg_t', {}, { reason: 'timeout' }),
			failedDelivery('msg_c', {}, { status: 'held', reason: 'circuit_open', attempts: [] }),
			failedDelivery('msg_r', {}, { status: 'retrying', reason: 'status_not_accepted' }),
		]);
		const statuses = await Promise.all(['msg_t', 'msg_c', 'msg_r'].map(async (id) => (await temp.store().getMessage(id))?.status));
		expect(statuses).toEqual(['no_response', 'held', 'retrying']);
	});

	it("keeps a hand-off's later next attempt time as the due time", async () => {
		const later = new Date(clock.now() + 2 * 60 * minute).toISOString();
		const { outputs } = await runOutbox({ operation: 'park' }, [failedDelivery('msg_h', {}, { status: 'retrying', nextAttemptAt: later })]);
		expect(outboxOf(outputs[0][0]).nextDueAt).toBe(later);
	});

	it('logs a succeeded delivery without queueing it', async () => {
		const { outputs } = await runOutbox({ operation: 'park' }, [failedDelivery('msg_ok', {}, { status: 'succeeded', reason: null })]);
		expect(outboxOf(outputs[0][0])).toMatchObject({ status: 'succeeded', queued: false, nextDueAt: null });
		expect((await temp.store().getMessage('msg_ok'))?.nextDueAt).toBeNull();
	});

	it('gives an item without a delivery record the Message ID option and says so', async () => {
		const { outputs } = await runOutbox({ operation: 'park', parkOptions: { messageId: 'order-42' } }, [{ json: { orderNo: 42 } }]);
		expect(outboxOf(outputs[0][0])).toMatchObject({ messageId: 'order-42', status: 'retrying', queued: true });
		expect(String(outboxOf(outputs[0][0]).note)).toContain('carried no delivery record');
		expect(await temp.store().getMessage('order-42')).toMatchObject({ reason: 'not_sent', attempts: 0, payload: { orderNo: 42 } });
	});

	it('generates a message id for an item without a record or an option', async () => {
		const { outputs } = await runOutbox({ operation: 'park' }, [{ json: { orderNo: 1 } }, { json: { orderNo: 2 } }]);
		const ids = outputs[0].map((item) => String(outboxOf(item).messageId));
		expect(ids.every((id) => /^msg_[0-9a-f]{24}$/.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(2);
	});

	it('sends an item with an Interval out of range to Failure and parks the rest', async () => {
		const { outputs } = await runOutbox({ operation: 'park', intervalMinutes: '={{ $json.wait }}' }, [{ json: { wait: 45 } }, { json: { wait: 1 } }], {
			expressions: { '={{ $json.wait }}': (item) => item.json.wait },
		});
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].pairedItem).toEqual({ item: 1 });
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].pairedItem).toEqual({ item: 0 });
		expect(errorOf(outputs[1][0]).message).toBe('"Interval (Minutes)" is 45: give a whole number from 1 to 30');
	});
});

describe('Claim Due', () => {
	it('puts out no items when nothing is due', async () => {
		const { outputs, customData } = await runOutbox({ operation: 'claimDue' });
		expect(outputs).toEqual([[], []]);
		expect(customData.outboxCounts).toBe('claimed=0');
	});

	it('claims at most Batch Size messages, oldest due first, each as the payload with its id and claim', async () => {
		await logRows(5, (index) => ({ status: 'failed', nextDueAt: clock.now() - (5 - index) * minute, payload: { index, request: { body: `b${index}` } } }));
		const { outputs } = await runOutbox({ operation: 'claimDue', batchSize: 3 }, [{ json: {} }], { executionId: '77' });
		expect(outputs[0].map((item) => item.json.index)).toEqual([0, 1, 2]);
		const first = outputs[0][0].json;
		expect(first.request).toEqual({ body: 'b0' });
		expect(first.delivery).toMatchObject({ messageId: 'msg_000', status: 'parked', target: 'https://oa.example.com/todo', event: 'flow.approved' });
		expect(first.outbox).toMatchObject({
			messageId: 'msg_000',
			repushes: 1,
			maxRepushes: 3,
			intervalMinutes: 5,
			exponential: false,
			claimedAt: new Date(clock.now()).toISOString(),
			leaseUntil: new Date(clock.now() + 5 * minute).toISOString(),
		});
		expect(String((first.outbox as IDataObject).owner)).toMatch(/^Outbox@77#[0-9a-f]{8}$/);
		expect(outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('never gives the same message to two runs claiming at the same time', async () => {
		await logRows(15, () => ({ status: 'failed', nextDueAt: clock.now() }));
		const runs = await Promise.all([runOutbox({ operation: 'claimDue', batchSize: 10 }), runOutbox({ operation: 'claimDue', batchSize: 10 })]);
		const ids = runs.flatMap((run) => run.outputs[0].map((item) => String((item.json.outbox as IDataObject).messageId)));
		expect(ids).toHaveLength(15);
		expect(new Set(ids).size).toBe(15);
	});

	it('claims only the targets and events the options name', async () => {
		await logRows(2, (index) => ({ status: 'failed', nextDueAt: clock.now(), target: index === 0 ? 'https://a.example.com/x' : 'https://b.example.com/x' }));
		const { outputs } = await runOutbox({ operation: 'claimDue', claimOptions: { targets: 'https://b.example.com/x' } });
		expect(outputs[0].map((item) => (item.json.outbox as IDataObject).messageId)).toEqual(['msg_001']);
	});

	it('refuses a Batch Size above 1000, naming the field', async () => {
		await expect(runOutbox({ operation: 'claimDue', batchSize: 5000 })).rejects.toThrow('"Batch Size" is 5000: give a whole number from 1 to 1000');
	});
});

describe('Acknowledge', () => {
	async function claimOne(delivery: IDataObject | undefined, parameters: IDataObject = {}) {
		await logRows(1, () => ({ status: 'failed', nextDueAt: clock.now() }));
		const [[claimed]] = (await runOutbox({ operation: 'claimDue' })).outputs;
		const json = { ...claimed.json };
		if (delivery) json.delivery = { ...(json.delivery as IDataObject), ...delivery };
		return (await runOutbox({ operation: 'acknowledge', ...parameters }, [{ json }])).outputs;
	}

	it('marks a succeeded delivery succeeded and takes it out of the outbox', async () => {
		const [ok] = await claimOne({ status: 'succeeded', reason: null, attempts: [{}] });
		expect(outboxOf(ok[0]).acknowledged).toBe('succeeded');
		expect(await temp.store().getMessage('msg_000')).toMatchObject({ status: 'succeeded', nextDueAt: null, leaseOwner: null, attempts: 2 });
	});

	it('puts a held message back as held, due after the interval', async () => {
		const [ok] = await claimOne({ status: 'held', reason: 'circuit_open', attempts: [] });
		expect(outboxOf(ok[0])).toMatchObject({ acknowledged: 'retry', nextDueAt: new Date(clock.now() + 5 * minute).toISOString() });
		expect(await temp.store().getMessage('msg_000')).toMatchObject({ status: 'held', nextDueAt: clock.now() + 5 * minute });
	});

	it('fails a 410 Gone for good at once: a re-push cannot mend it', async () => {
		const [ok] = await claimOne({ status: 'failed', reason: 'gone', attempts: [{}] });
		expect(outboxOf(ok[0]).acknowledged).toBe('failed');
	});

	it('lets "Outcome" override the record', async () => {
		const [ok] = await claimOne({ status: 'failed', reason: 'status_not_accepted' }, { outcome: 'ignored' });
		expect(outboxOf(ok[0]).acknowledged).toBe('ignored');
		expect((await temp.store().getMessage('msg_000'))?.status).toBe('ignored');
	});

	it('sends an item that was not claimed to Failure, saying where Acknowledge belongs', async () => {
		const { outputs } = await runOutbox({ operation: 'acknowledge' }, [{ json: { hello: 1 } }]);
		expect(outputs[0]).toEqual([]);
		expect(String(errorOf(outputs[1][0]).message)).toContain('not a claimed message');
		expect(outputs[1][0].pairedItem).toEqual({ item: 0 });
	});
});

describe('Search', () => {
	it('gives flat columns with ISO times, ready for Convert to File', async () => {
		await logRows(1, () => ({ status: 'failed', reason: 'timeout', flowId: 'REQ-1', receiver: 'lisi', nextDueAt: clock.now() + minute, lastAttemptAt: clock.now(), delivery: { message: 'timed out', responseStatus: null } }));
		const [rows] = (await runOutbox({ operation: 'search' })).outputs;
		expect(rows[0].json).toEqual({
			messageId: 'msg_000',
			status: 'failed',
			reason: 'timeout',
			target: 'https://oa.example.com/todo',
			event: 'flow.approved',
			flowId: 'REQ-1',
			receiver: 'lisi',
			attempts: 1,
			repushes: 0,
			queued: true,
			nextDueAt: new Date(clock.now() + minute).toISOString(),
			createdAt: new Date(clock.now()).toISOString(),
			updatedAt: new Date(clock.now()).toISOString(),
			lastAttemptAt: new Date(clock.now()).toISOString(),
			lastResponseStatus: null,
			message: 'timed out',
		});
	});

	it('filters by status, receiver and queued, and adds the payload when asked', async () => {
		await logRows(6, (index) => ({ status: index % 2 === 0 ? 'failed' : 'succeeded', receiver: index < 3 ? 'a' : 'b', nextDueAt: index === 0 ? clock.now() : null }));
		const search = async (filters: INodeParameters, options: INodeParameters = {}) =>
			(await runOutbox({ operation: 'search', filters, searchOptions: options })).outputs[0].map((row) => row.json.messageId).sort();
		expect(await search({ statuses: ['failed'], receivers: 'a' })).toEqual(['msg_000', 'msg_002']);
		expect(await search({ queued: 'queued' })).toEqual(['msg_000']);
		expect(await search({ messageIds: 'msg_004,\nmsg_005' })).toEqual(['msg_004', 'msg_005']);
		const [rows] = (await runOutbox({ operation: 'search', filters: { messageIds: 'msg_003' }, searchOptions: { includePayload: true } })).outputs;
		expect(rows[0].json.payload).toEqual({ index: 3 });
	});

	it('filters by the time of the last update', async () => {
		await logRows(1);
		clock.advance(day);
		await logRows(1, () => ({ messageId: 'msg_new' }));
		const [rows] = (await runOutbox({ operation: 'search', filters: { updatedFrom: new Date(clock.now() - minute).toISOString() } })).outputs;
		expect(rows.map((row) => row.json.messageId)).toEqual(['msg_new']);
	});

	it('pages with Limit and continues from the last row\'s nextPageToken', async () => {
		await logRows(5);
		const [first] = (await runOutbox({ operation: 'search', limit: 2 })).outputs;
		expect(first).toHaveLength(2);
		expect(first[0].json.nextPageToken).toBeUndefined();
		const token = String(first[1].json.nextPageToken);
		const [second] = (await runOutbox({ operation: 'search', limit: 10, searchOptions: { continueFrom: token } })).outputs;
		expect(second).toHaveLength(3);
		expect(new Set([...first, ...second].map((row) => row.json.messageId)).size).toBe(5);
	});

	it('returns all rows up to Max Rows', async () => {
		await logRows(30);
		expect((await runOutbox({ operation: 'search', returnAll: true })).outputs[0]).toHaveLength(30);
		expect((await runOutbox({ operation: 'search', returnAll: true, searchOptions: { maxRows: 12 } })).outputs[0]).toHaveLength(12);
	});

	it('sends an input item with a time that cannot be read to Failure', async () => {
		const { outputs } = await runOutbox({ operation: 'search', filters: { updatedFrom: 'yesterday-ish' } });
		expect(errorOf(outputs[1][0]).message).toContain('"Updated From" is "yesterday-ish", which is not a date and time');
	});
});

describe('Repush', () => {
	it('puts matching messages back in the outbox, due now, as a completed task', async () => {
		await logRows(7, (index) => ({ status: index < 5 ? 'failed' : 'succeeded' }));
		const { outputs } = await runOutbox({ operation: 'repush', matchBy: 'filters', filters: { statuses: ['failed'] }, repushOptions: { pageSize: 2 } });
		const task = outputs[0][0].json.task as IDataObject;
		expect(task).toMatchObject({ kind: 'repush', state: 'completed', total: 5, done: 5, failed: 0, remaining: 0 });
		const queued = await temp.store().searchMessages({ queued: true }, { limit: 100 });
		expect(queued.items.map((row) => row.messageId).sort()).toEqual(['msg_000', 'msg_001', 'msg_002', 'msg_003', 'msg_004']);
		expect(queued.items.every((row) => row.nextDueAt === clock.now())).toBe(true);
	});

	it('gathers the message IDs of every input item into one task', async () => {
		await logRows(4);
		const items = [{ json: { messageId: 'msg_001' } }, { json: { messageId: 'msg_003' } }];
		const { outputs } = await runOutbox({ operation: 'repush' }, items, { expressions: { '={{ $json.messageId }}': (item) => item.json.messageId } });
		expect(outputs[0]).toHaveLength(1);
		expect(outputs[0][0].json.task).toMatchObject({ total: 2, done: 2, spec: { filter: { messageIds: ['msg_001', 'msg_003'] } } });
	});

	it('refuses an empty filter', async () => {
		await expect(runOutbox({ operation: 'repush', matchBy: 'filters' })).rejects.toThrow('Re-push needs at least one filter');
	});

	it('stops after a Pause, and Resume continues from where it stopped', async () => {
		await logRows(10, () => ({ status: 'failed' }));
		const { changeTaskState } = await import('../../../nodes/shared/outbox/repushTask');
		let paused = false;
		const { outputs, uiMessages } = await runOutbox({ operation: 'repush', matchBy: 'filters', filters: { statuses: ['failed'] }, repushOptions: { pageSize: 3 } }, [{ json: {} }], {
			mode: 'manual',
			onUiMessage: async (message) => {
				const id = /task (\S+) running/.exec(String(message))?.[1];
				if (id && !paused) {
					paused = true;
					await changeTaskState(temp.store(), id, 'pause', Date.now());
				}
			},
		});
		const stopped = outputs[0][0].json.task as IDataObject;
		expect(stopped.state).toBe('paused');
		expect(Number(stopped.done)).toBeGreaterThan(0);
		expect(Number(stopped.done)).toBeLessThan(10);
		expect(uiMessages[0]).toBe(`Outbox: re-push task ${String(stopped.id)} started, 10 messages match`);

		const resumed = (await runOutbox({ operation: 'task', taskAction: 'resume', taskId: String(stopped.id) })).outputs[0][0].json.task as IDataObject;
		expect(resumed).toMatchObject({ id: stopped.id, state: 'completed', total: 10, done: 10 });
		expect((await temp.store().searchMessages({ queued: true }, { limit: 100 })).total).toBe(10);
	});

	it('with Send Now, claims the re-pushed messages and outputs them for Send Outbound Message', async () => {
		await logRows(3, (index) => ({ status: 'failed', payload: { index } }));
		await logRows(1, () => ({ messageId: 'msg_other', status: 'failed', nextDueAt: clock.now() - day }));
		const { outputs } = await runOutbox({ operation: 'repush', matchBy: 'messageIds', messageIds: 'msg_000, msg_002', repushOptions: { sendNow: true } });
		expect(outputs[0].map((item) => item.json.index)).toEqual([0, 2]);
		expect(outputs[0][0].json.outbox).toMatchObject({ messageId: 'msg_000', repushes: 1, maxRepushes: 1 });
		expect(String(outputs[0][0].json.outbox && (outputs[0][0].json.outbox as IDataObject).taskId)).not.toBe('');
		// Another message that happened to be due is given back for Claim Due, its re-push count unchanged.
		expect(await temp.store().getMessage('msg_other')).toMatchObject({ leaseOwner: null, repushes: 0, nextDueAt: clock.now() - day });
	});
});

describe('Task', () => {
	async function newTask() {
		await logRows(3, () => ({ status: 'failed' }));
		return (await runOutbox({ operation: 'repush', matchBy: 'filters', filters: { statuses: ['failed'] } })).outputs[0][0].json.task as IDataObject;
	}

	it('gets a task by its ID, and lists tasks by state', async () => {
		const task = await newTask();
		const [got] = (await runOutbox({ operation: 'task', taskAction: 'get', taskId: String(task.id) })).outputs[0];
		expect(got.json.task).toMatchObject({ id: task.id, state: 'completed', total: 3, done: 3 });
		const [listed] = (await runOutbox({ operation: 'task', taskAction: 'list', taskStates: ['completed'] })).outputs;
		expect(listed.map((item) => (item.json.task as IDataObject).id)).toEqual([task.id]);
		expect((await runOutbox({ operation: 'task', taskAction: 'list', taskStates: ['paused'] })).outputs[0]).toEqual([]);
	});

	it('retries a completed task from the start', async () => {
		const task = await newTask();
		clock.advance(minute);
		const [retried] = (await runOutbox({ operation: 'task', taskAction: 'retry', taskId: String(task.id) })).outputs[0];
		expect(retried.json.task).toMatchObject({ state: 'completed', done: 3, updatedAt: new Date(clock.now()).toISOString() });
	});

	it('refuses to pause a task that is not running, saying why', async () => {
		const task = await newTask();
		const { outputs } = await runOutbox({ operation: 'task', taskAction: 'pause', taskId: String(task.id) });
		expect(errorOf(outputs[1][0]).message).toBe(`Task ${String(task.id)} is completed: only a running task can be paused`);
	});

	it('deletes a task, and says when there is none', async () => {
		const task = await newTask();
		expect((await runOutbox({ operation: 'task', taskAction: 'delete', taskId: String(task.id) })).outputs[0][0].json.task).toEqual({ id: task.id, deleted: true });
		const { outputs } = await runOutbox({ operation: 'task', taskAction: 'get', taskId: String(task.id) });
		expect(errorOf(outputs[1][0]).message).toContain(`There is no task with the ID "${String(task.id)}"`);
	});
});

describe('Delete', () => {
	it('deletes the messages the filters match', async () => {
		await logRows(4, (index) => ({ status: index < 2 ? 'ignored' : 'failed' }));
		const { outputs } = await runOutbox({ operation: 'delete', matchBy: 'filters', filters: { statuses: ['ignored'] } });
		expect(outputs[0][0].json).toEqual({ deleted: 2 });
		expect((await temp.store().searchMessages({}, { limit: 10 })).total).toBe(2);
	});

	it('refuses an empty filter with a clear error and deletes nothing', async () => {
		await logRows(2);
		await expect(runOutbox({ operation: 'delete', matchBy: 'filters' })).rejects.toThrow(
			'Delete refuses an empty filter: with no filter it would delete the whole push log',
		);
		expect((await temp.store().searchMessages({}, { limit: 10 })).total).toBe(2);
	});

	it('with "On Error: Continue", puts the refusal on Failure instead', async () => {
		const { outputs } = await runOutbox({ operation: 'delete', matchBy: 'filters' }, [{ json: {} }], { continueOnFail: true });
		expect(outputs[0]).toEqual([]);
		expect(errorOf(outputs[1][0]).description).toContain('use Purge');
	});
});

describe('Purge', () => {
	it('deletes succeeded, ignored and no-response entries older than 30 days by default, and keeps the rest', async () => {
		await logRows(1, () => ({ messageId: 'old_ok', status: 'succeeded' }));
		await logRows(1, () => ({ messageId: 'old_silent', status: 'no_response' }));
		await logRows(1, () => ({ messageId: 'old_failed', status: 'failed' }));
		clock.advance(31 * day);
		await logRows(1, () => ({ messageId: 'new_ok', status: 'succeeded' }));
		const { outputs } = await runOutbox({ operation: 'purge' });
		expect(outputs[0][0].json.purged).toMatchObject({ messages: 2, tasks: 0 });
		const left = (await temp.store().searchMessages({}, { limit: 10 })).items.map((row) => row.messageId).sort();
		expect(left).toEqual(['new_ok', 'old_failed']);
	});

	it('purges only the chosen statuses and age', async () => {
		await logRows(2, (index) => ({ status: index === 0 ? 'failed' : 'succeeded' }));
		clock.advance(3 * day);
		const { outputs } = await runOutbox({ operation: 'purge', olderThanDays: 2, purgeStatuses: ['failed'] });
		expect(outputs[0][0].json.purged).toMatchObject({ messages: 1 });
		expect((await temp.store().searchMessages({}, { limit: 10 })).items.map((row) => row.status)).toEqual(['succeeded']);
	});

	it('deletes completed tasks older than the task retention', async () => {
		await logRows(1, () => ({ status: 'failed' }));
		await runOutbox({ operation: 'repush', matchBy: 'filters', filters: { statuses: ['failed'] } });
		clock.advance(6 * day);
		expect((await runOutbox({ operation: 'purge' })).outputs[0][0].json.purged).toMatchObject({ tasks: 0 });
		clock.advance(2 * day);
		expect((await runOutbox({ operation: 'purge' })).outputs[0][0].json.purged).toMatchObject({ tasks: 1 });
	});
});

describe('Stats', () => {
	it('counts by status and target, the queue, the breaker state per target and open fuses', async () => {
		await logRows(3, (index) => ({ status: index === 0 ? 'succeeded' : 'failed', nextDueAt: index === 0 ? null : clock.now() + (index - 1) * day }));
		// Send Outbound Message's breaker opens on two failures in a row.
		const breaker = new CircuitBreaker(temp.store(), { ...defaultCircuitBreakerSettings, consecutiveFailures: 2 }, { owner: 'stats-test', probeLeaseMs: 10_000, now: () => clock.now() });
		await breaker.record('https://oa.example.com', { attempts: 2, failures: 2, trailingFailures: 2 }, false);
		await breaker.flush();
		const openedAt = new Date(clock.now()).toISOString();
		const [[stats]] = (await runOutbox({ operation: 'stats' })).outputs;
		expect(stats.json).toMatchObject({
			byStatus: { succeeded: 1, failed: 2 },
			queued: 2,
			due: 1,
			unfiledLog: { batches: 0, rows: 0, lastError: null },
			breakers: [{ target: 'https://oa.example.com', state: 'open', openedAt, consecutiveFailures: 2, probeAt: new Date(clock.now() + 30_000).toISOString() }],
			openFuses: [{ target: 'https://oa.example.com', openedAt, cause: expect.stringContaining('2 attempts in a row failed') }],
		});
		expect(stats.json.byTarget).toEqual(
			expect.arrayContaining([
				{ target: 'https://oa.example.com/todo', status: 'failed', count: 2 },
				{ target: 'https://oa.example.com/todo', status: 'succeeded', count: 1 },
			]),
		);
		expect(String(stats.json.store)).toBe(`the embedded file ${temp.folder()}/state.db`);
	});
});

describe('a store that cannot be opened', () => {
	it('fails the node naming the store file and what to check', async () => {
		// A folder that cannot be made: its parent is a file.
		const blocker = path.join(temp.folder(), 'not-a-folder');
		fs.writeFileSync(blocker, '');
		process.env.OUTBOUND_MESSAGES_STATE_PATH = path.join(blocker, 'state.db');
		const error = await runOutbox({ operation: 'stats' }).catch((thrown: unknown) => thrown as NodeOperationError);
		// n8n replaces a message holding a system error code (ENOTDIR) with a generic sentence: the store's
		// own words, with the file, are in the description.
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('Cannot open the state store of node "Outbox"');
		expect((error as NodeOperationError).description).toContain(`Cannot open the state store file ${blocker}/state.db`);
		expect((error as NodeOperationError).description).toContain('check that n8n can write there');
	});
});
