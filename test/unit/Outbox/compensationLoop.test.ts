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
const temp = useTempStore();

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
});
