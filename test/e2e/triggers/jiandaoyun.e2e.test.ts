/**
 * Jiandaoyun Push Trigger in a real n8n (workflow e2eTrigJdy1: trigger → NoOp), fed pushes signed
 * with Jiandaoyun's published algorithm (senders.ts, not our signing code). Selected: flow_message
 * (flow actions flow_forward, flow_back, flow_cc), data_create, data_update; one item per recipient.
 */
import { connectN8n, nodeOutputs } from '../harness/n8n';
import {
	executionCount,
	expectNoNewExecution,
	jiandaoyunPush,
	newExecution,
	send,
	waitForTrigger,
	withBodyChanged,
} from './senders';

const n8n = connectN8n();
jest.setTimeout(180_000);

const workflowId = 'e2eTrigJdy1';
const path = 'e2e-trig-jdy';
const trigger = 'Jiandaoyun Push Trigger';
/** test/e2e/credentials/trigger-jiandaoyun.json */
const secret = 'e2eJdyPushSecret77e14c8202a99a83';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

/** A data push (数据推送) of a new leave request, as Jiandaoyun sends the record. */
const dataCreate = {
	op: 'data_create',
	data: {
		_id: '66a1f0c2e4b0d2a1c3f9e801',
		appId: '642e37f2374e1b0007f537b2',
		entryId: '642e37f5fe736900073a99e5',
		creator: { name: '小云', username: 'xiaoyun' },
		updater: { name: '小云', username: 'xiaoyun' },
		createTime: '2024-07-25T06:12:18.102Z',
		updateTime: '2024-07-25T06:12:18.102Z',
		_widget_1432728651402: '病假',
		_widget_1432728651403: 1,
	},
	send_time: '2024-07-25T06:12:18.233Z',
};

const recipients = [
	{ name: '张三', username: 'zhangsan' },
	{ name: '李四', username: 'lisi' },
	{ name: '王五', username: 'wangwu' },
];

/** Seed 001 §4.5.3: a flow message; the old format lists every recipient in one push. */
function flowMessage(to: typeof recipients, flowAction = 'flow_forward') {
	return {
		op: 'flow_message',
		data: {
			content: '请假人: 小云\n请假原因: 病假',
			entry_name: '请假审批',
			flow_action: flowAction,
			notify_text: '有新的流程待办事项',
			to,
			url: `https://www.jiandaoyun.com/dashboard/app/642e37f2374e1b0007f537b2/form/642e37f5fe736900073a99e5/data/642e3855dd27960007cf9514?actionType=${flowAction}&flowId=1&memberType=0&guestCorpId=`,
		},
		send_time: '2024-07-25T06:13:02.430Z',
	};
}

let sequence = 0;
const deliverId = () => `e2e-jdy-${Date.now()}-${++sequence}`;

function withoutEvent(item: Item): Item {
	const { event, ...payload } = item;
	expect(event.source).toBe('jiandaoyun');
	return payload;
}

beforeAll(async () => await waitForTrigger(n8n, path));

describe('Jiandaoyun Push Trigger in a real n8n', () => {
	it('accepts a signed data push: answers 200 "success" and emits the record with json.event', async () => {
		const before = await executionCount(n8n, workflowId);
		const id = deliverId();
		const sentAt = Date.now();
		const reply = await send(n8n, jiandaoyunPush(path, dataCreate, { secret, deliverId: id }));
		expect(reply).toEqual({ status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' });

		const execution = await newExecution(n8n, workflowId, before);
		expect(execution.status).toBe('success');
		const [items] = nodeOutputs(execution, trigger);
		expect(items).toHaveLength(1);
		const { event, ...payload } = items[0];
		expect(payload).toEqual(dataCreate);
		expect(event).toEqual({
			source: 'jiandaoyun',
			type: 'data_create',
			typeName: 'Record created (新增数据)',
			deliveryId: id,
			flowId: null,
			receivedAt: expect.any(String),
			verified: true,
		});
		expect(Date.parse(event.receivedAt)).toBeGreaterThanOrEqual(sentAt - 1000);
		expect(nodeOutputs(execution, 'Received')[0]).toEqual(items);
	});

	it('splits an old-format flow message (three recipients in one push) into one item per recipient', async () => {
		const before = await executionCount(n8n, workflowId);
		const id = deliverId();
		const reply = await send(n8n, jiandaoyunPush(path, flowMessage(recipients), { secret, deliverId: id }));
		expect(reply.status).toBe(200);

		const [items] = nodeOutputs(await newExecution(n8n, workflowId, before), trigger);
		expect(items.map((item) => item.data.to)).toEqual(recipients.map((recipient) => [recipient]));
		for (const item of items) {
			expect(item.event).toMatchObject({ type: 'flow_message', typeName: 'Flow message (表单流程消息提醒): Submitted (提交)', deliveryId: id, verified: true });
			expect(item.data.flow_action).toBe('flow_forward');
		}
	});

	it('gives the same items for the new format (one push per recipient) as for the old one', async () => {
		let before = await executionCount(n8n, workflowId);
		const oldFormat = await send(n8n, jiandaoyunPush(path, flowMessage(recipients, 'flow_back'), { secret, deliverId: deliverId() }));
		expect(oldFormat.status).toBe(200);
		const [fromOld] = nodeOutputs(await newExecution(n8n, workflowId, before), trigger);

		const fromNew: Item[] = [];
		for (const recipient of recipients) {
			before = await executionCount(n8n, workflowId);
			const reply = await send(n8n, jiandaoyunPush(path, flowMessage([recipient], 'flow_back'), { secret, deliverId: deliverId() }));
			expect(reply.status).toBe(200);
			const [items] = nodeOutputs(await newExecution(n8n, workflowId, before), trigger);
			expect(items).toHaveLength(1);
			fromNew.push(items[0]);
		}
		expect(fromNew.map(withoutEvent)).toEqual(fromOld.map(withoutEvent));
		expect(fromNew.map((item) => item.event.typeName)).toEqual(fromOld.map((item) => item.event.typeName));
	});

	it('answers a push whose body was changed after signing with 401 and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const signed = jiandaoyunPush(path, dataCreate, { secret, deliverId: deliverId() });
		const reply = await send(n8n, withBodyChanged(signed, '"病假"', '"事假"'));
		expect(reply.status).toBe(401);
		expect(JSON.parse(reply.body)).toEqual({ error: 'signature_mismatch', message: 'No signature in header X-JDY-Signature matched' });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a push signed with another secret with 401 and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const reply = await send(n8n, jiandaoyunPush(path, dataCreate, { secret: 'not-the-push-secret', deliverId: deliverId() }));
		expect(reply.status).toBe(401);
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a replayed push (timestamp 10 minutes old, outside the 300 s window) with 401 and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const replayed = jiandaoyunPush(path, dataCreate, { secret, deliverId: deliverId(), atMs: Date.now() - 600_000 });
		const reply = await send(n8n, replayed);
		expect(reply.status).toBe(401);
		expect(JSON.parse(reply.body).error).toBe('timestamp_out_of_tolerance');
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a retried push (same X-JDY-DeliverId, signed afresh) with "success" and starts no new execution', async () => {
		const id = deliverId();
		const update = { ...dataCreate, op: 'data_update' };
		let before = await executionCount(n8n, workflowId);
		expect((await send(n8n, jiandaoyunPush(path, update, { secret, deliverId: id }))).status).toBe(200);
		await newExecution(n8n, workflowId, before);

		before = await executionCount(n8n, workflowId);
		const retry = await send(n8n, jiandaoyunPush(path, update, { secret, deliverId: id }));
		expect(retry).toEqual({ status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers an unselected op (data_remove) with "success" and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const reply = await send(n8n, jiandaoyunPush(path, { ...dataCreate, op: 'data_remove' }, { secret, deliverId: deliverId() }));
		expect(reply).toEqual({ status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a flow message with an unselected flow action (flow_urge) with "success" and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const reply = await send(n8n, jiandaoyunPush(path, flowMessage(recipients, 'flow_urge'), { secret, deliverId: deliverId() }));
		expect(reply).toEqual({ status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a correctly signed body that is not JSON with 400 and the reason, and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const reply = await send(n8n, jiandaoyunPush(path, '{"op":"data_create","data":{', { secret, deliverId: deliverId() }));
		expect(reply.status).toBe(400);
		const body = JSON.parse(reply.body);
		expect(body.error).toBe('malformed_json');
		expect(body.message).toMatch(/JSON/);
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it("answers a body over n8n's size limit (N8N_PAYLOAD_SIZE_MAX, 16 MiB) with 413, not n8n's 500, and starts no execution", async () => {
		const before = await executionCount(n8n, workflowId);
		const oversized = JSON.stringify({ op: 'data_create', data: { _id: 'big', text: 'x'.repeat(17 * 1024 * 1024) } });
		const reply = await send(n8n, jiandaoyunPush(path, oversized, { secret, deliverId: deliverId() }));
		expect(reply.status).toBe(413);
		expect(JSON.parse(reply.body)).toMatchObject({ error: 'payload_too_large', message: expect.stringContaining('16 MiB') });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a GET on the production URL with a short note and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const res = await fetch(`${n8n.baseUrl}/webhook/${path}`);
		expect([res.status, await res.text()]).toEqual([200, 'This URL receives Jiandaoyun events by POST.']);
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a message push that lacks data.to with 400 naming the field, and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const { to: _to, ...data } = flowMessage(recipients).data;
		const reply = await send(n8n, jiandaoyunPush(path, { op: 'flow_message', data, send_time: '2024-07-25T06:13:02.430Z' }, { secret, deliverId: deliverId() }));
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.body)).toMatchObject({ error: 'invalid_event', message: expect.stringContaining('data.to') });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a flow message to nobody (data.to empty) with "success" and starts no execution: one item per recipient of none', async () => {
		const before = await executionCount(n8n, workflowId);
		const reply = await send(n8n, jiandaoyunPush(path, flowMessage([]), { secret, deliverId: deliverId() }));
		expect(reply).toEqual({ status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' });
		await expectNoNewExecution(n8n, workflowId, before);
	});
});
