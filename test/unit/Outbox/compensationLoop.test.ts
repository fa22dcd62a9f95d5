/**
 * The compensation pattern in one process, with the real nodes: Send Outbound Message fails →
 * Outbox: Park → (Schedule Trigger) Outbox: Claim Due → Send Outbound Message → Outbox: Acknowledge,
 * against a real SQLite store and a real local HTTP target.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { DeliveryRecord } from '../../../nodes/shared/delivery';
import { type LocalTarget, answer, startTarget } from '../shared/delivery/localTarget';
import { minute, runOutbox, runSend, useClock, useTempStore } from './outboxHarness';

const clock = useClock();
// Each test gets its own store file.
useTempStore();

const messageIdOf = (call: { headers: Record<string, unknown> }) => String(call.headers['x-message-id']);
const all = (outputs: INodeExecutionData[][]) => outputs.flat();

/** Twenty to-do pushes as Format Fields leaves them: a ready request whose body is the exact text to send. */
const todos: INodeExecutionData[] = Array.from({ length: 20 }, (_, index) => ({
	json: {
		flowId: `REQ-${index}`,
		receiver: `user${index}`,
		request: { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ flowId: `REQ-${index}`, title: `待办 ${index}`, amount: '10.50' }) },
	},
}));

describe('the compensation loop: Park → Claim Due → Send → Acknowledge', () => {
	let target: LocalTarget;
	/** Message ids the target has refused once; the second push of each succeeds. */
	const refused = new Set<string>();

	beforeEach(async () => {
		refused.clear();
		target = await startTarget((call, res) => {
			const id = messageIdOf(call);
			if (!refused.has(id)) {
				refused.add(id);
				answer(res, 503, { error: 'busy' });
			} else answer(res, 200, { code: 1 });
		});
	});

	afterEach(async () => await target.close());

	it('delivers 20 failed messages on the re-push after the interval, each acknowledged by the target under its first message id', async () => {
		const [sent, retry, failure] = await runSend(`${target.url}/todo`, todos);
		expect([sent.length, retry.length, failure.length]).toEqual([0, 0, 20]);
		const firstIds = failure.map((item) => (item.json.delivery as unknown as DeliveryRecord).messageId);

		const parked = await runOutbox({ operation: 'park' }, failure);
		expect(parked.outputs[0]).toHaveLength(20);
		expect(parked.outputs[1]).toEqual([]);

		// Nothing is due before the interval: the branch ends with no items.
		expect(all((await runOutbox({ operation: 'claimDue' })).outputs)).toEqual([]);

		clock.advance(5 * minute);
		const [claimed] = (await runOutbox({ operation: 'claimDue' })).outputs;
		expect(claimed).toHaveLength(20);
		const [delivered, again, failedAgain] = await runSend(`${target.url}/todo`, claimed);
		expect([delivered.length, again.length, failedAgain.length]).toEqual([20, 0, 0]);
		const acknowledged = await runOutbox({ operation: 'acknowledge' }, [...delivered, ...again, ...failedAgain]);
		expect(acknowledged.outputs[0]).toHaveLength(20);
		expect(acknowledged.outputs[1]).toEqual([]);

		clock.advance(60 * minute);
		expect(all((await runOutbox({ operation: 'claimDue' })).outputs)).toEqual([]);

		const [rows] = (await runOutbox({ operation: 'search', returnAll: true })).outputs;
		expect(rows).toHaveLength(20);
		expect(new Set(rows.map((row) => row.json.status))).toEqual(new Set(['succeeded']));
		expect(rows.every((row) => row.json.queued === false && row.json.repushes === 1 && row.json.attempts === 2)).toBe(true);

		const succeededIds = target.calls.filter((_call, index) => index >= 20).map(messageIdOf);
		expect(new Set(succeededIds)).toEqual(new Set(firstIds));
		expect(new Set(rows.map((row) => row.json.messageId))).toEqual(new Set(firstIds));
	});

	it('sends the same bytes under the same message id on the re-push', async () => {
		const [, , failure] = await runSend(`${target.url}/todo`, todos.slice(0, 1));
		await runOutbox({ operation: 'park' }, failure);
		clock.advance(5 * minute);
		const [claimed] = (await runOutbox({ operation: 'claimDue' })).outputs;
		await runSend(`${target.url}/todo`, claimed);

		const [first, second] = target.calls;
		expect(second.body.equals(first.body)).toBe(true);
		expect(second.body.toString('utf8')).toBe(todos[0].json.request && (todos[0].json.request as IDataObject).body);
		expect(second.headers['x-message-id']).toBe(first.headers['x-message-id']);
	});

	it('sends an item without a ready request as the same JSON again, without the outbox claim', async () => {
		const plain: INodeExecutionData[] = [{ json: { flowId: 'REQ-7', title: '报销审批', amount: 12.5 } }];
		const [, , failure] = await runSend(`${target.url}/todo`, plain);
		await runOutbox({ operation: 'park' }, failure);
		clock.advance(5 * minute);
		const [claimed] = (await runOutbox({ operation: 'claimDue' })).outputs;
		expect(claimed[0].json.outbox).toBeDefined();
		await runSend(`${target.url}/todo`, claimed);

		const [first, second] = target.calls;
		expect(first.body.toString('utf8')).toBe(JSON.stringify(plain[0].json));
		expect(second.body.equals(first.body)).toBe(true);
		expect(second.headers['x-message-id']).toBe(first.headers['x-message-id']);
	});
});

describe('the compensation loop against a target that stays down', () => {
	let target: LocalTarget;

	beforeEach(async () => {
		target = await startTarget((_call, res) => answer(res, 503, { error: 'down' }));
	});

	afterEach(async () => await target.close());

	/** One round of the compensation workflow; returns the acknowledged items. */
	async function compensate(parameters: IDataObject = {}) {
		const [claimed] = (await runOutbox({ operation: 'claimDue', ...parameters })).outputs;
		if (claimed.length === 0) return [];
		const sent = await runSend(`${target.url}/todo`, claimed);
		const [acknowledged, failed] = (await runOutbox({ operation: 'acknowledge' }, sent.flat())).outputs;
		expect(failed).toEqual([]);
		return acknowledged;
	}

	it('marks a message failed for good after Max Re-pushes, and keeps it searchable', async () => {
		const [, , failure] = await runSend(`${target.url}/todo`, todos.slice(0, 2));
		await runOutbox({ operation: 'park' }, failure);
		const rounds: string[][] = [];
		for (let round = 0; round < 4; round++) {
			clock.advance(5 * minute);
			rounds.push((await compensate({ maxRepushes: 2 })).map((item) => String((item.json.outbox as IDataObject).acknowledged)));
		}
		expect(rounds).toEqual([['retry', 'retry'], ['failed', 'failed'], [], []]);
		const [rows] = (await runOutbox({ operation: 'search', filters: { statuses: ['failed'] } })).outputs;
		expect(rows.map((row) => [row.json.status, row.json.repushes, row.json.attempts, row.json.queued])).toEqual([
			['failed', 2, 3, false],
			['failed', 2, 3, false],
		]);
		expect(target.calls).toHaveLength(6);
	});

	it('gives a message that used up its re-pushes one more try when it is re-pushed by hand', async () => {
		const [, , failure] = await runSend(`${target.url}/todo`, todos.slice(0, 1));
		await runOutbox({ operation: 'park' }, failure);
		clock.advance(5 * minute);
		expect((await compensate({ maxRepushes: 1 })).map((item) => (item.json.outbox as IDataObject).acknowledged)).toEqual(['failed']);

		await runOutbox({ operation: 'repush', matchBy: 'filters', filters: { statuses: ['failed'] } });
		const [again] = await compensate({ maxRepushes: 1 });
		expect((again.json.outbox as IDataObject).acknowledged).toBe('failed');
		expect(target.calls).toHaveLength(3);
		clock.advance(60 * minute);
		expect(await compensate({ maxRepushes: 1 })).toEqual([]);
	});

	it('waits interval × 2^re-pushes between re-pushes with Exponential', async () => {
		const [, , failure] = await runSend(`${target.url}/todo`, todos.slice(0, 1));
		await runOutbox({ operation: 'park' }, failure);
		const exponential = { maxRepushes: 5, claimOptions: { exponential: true } };
		clock.advance(5 * minute);
		expect(await compensate(exponential)).toHaveLength(1);
		// After the first re-push the wait is 5 × 2 = 10 minutes.
		clock.advance(9 * minute);
		expect(await compensate(exponential)).toHaveLength(0);
		clock.advance(1 * minute);
		const [second] = await compensate(exponential);
		expect((second.json.outbox as IDataObject).nextDueAt).toBe(new Date(clock.now() + 20 * minute).toISOString());
	});

	it('sends an item whose lease ran out and was claimed again to Failure, telling to raise the lease', async () => {
		const [, , failure] = await runSend(`${target.url}/todo`, todos.slice(0, 1));
		await runOutbox({ operation: 'park' }, failure);
		clock.advance(5 * minute);
		const [slow] = (await runOutbox({ operation: 'claimDue', claimOptions: { leaseMinutes: 1 } })).outputs;
		const slowSent = await runSend(`${target.url}/todo`, slow);
		clock.advance(2 * minute);
		const [quick] = (await runOutbox({ operation: 'claimDue' })).outputs;
		expect(quick).toHaveLength(1);

		const [acknowledged, lost] = (await runOutbox({ operation: 'acknowledge' }, slowSent.flat())).outputs;
		expect(acknowledged).toEqual([]);
		expect(lost).toHaveLength(1);
		const error = lost[0].json.error as IDataObject;
		expect(error.message).toContain('lease ran out');
		expect(error.description).toContain('Raise "Lease (Minutes)"');
		expect(lost[0].pairedItem).toEqual({ item: 0 });

		const quickSent = await runSend(`${target.url}/todo`, quick);
		const [ok] = (await runOutbox({ operation: 'acknowledge' }, quickSent.flat())).outputs;
		expect(ok).toHaveLength(1);
	});
});
