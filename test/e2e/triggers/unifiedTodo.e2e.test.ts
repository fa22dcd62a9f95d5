/**
 * Unified Todo Trigger in a real n8n (workflow e2eTrigOfs1: trigger → NoOp), fed e-cology OFS to-do
 * pushes signed with the official `standardwebhooks` library (what an integration gateway or
 * another n8n with Send Outbound Message adds; e-cology itself signs nothing). Selected: todo, done,
 * finished and both deletes; CC (isremark 8) is not. Every answer is in the OFS shape
 * `{syscode, dataType, operType, operResult, message}`, which OFS senders read.
 */
import { connectN8n, nodeOutputs } from '../harness/n8n';
import { ofsBody } from '../unifiedTodoPush/ofsBody';
import {
	type Reply,
	executionCount,
	expectNoNewExecution,
	newExecution,
	send,
	standardWebhooksPost,
	waitForTrigger,
	withBodyChanged,
} from './senders';

const n8n = connectN8n();
jest.setTimeout(180_000);

const workflowId = 'e2eTrigOfs1';
const path = 'e2e-trig-ofs';
const trigger = 'Unified Todo Trigger';
/** test/e2e/credentials/trigger-standard-webhooks.json */
const secret = 'whsec_tEUisnvkS/qJj2p/dInQYCiM4jEDFF25';

let sequence = 0;
const flowid = () => `2024072500${Date.now() % 100000}${++sequence}`;

/** DESIGN §4: a ReceiveRequestInfoByJson body (all fields strings), as this file's system EC9 sends it. */
function todoBody(isremark: string, id = flowid()) {
	return ofsBody(id, isremark, { syscode: 'EC9', requestname: '差旅报销-张三-2024-07-25' });
}

function ofsAnswer(reply: Reply) {
	expect(reply.contentType).toBe('application/json; charset=utf-8');
	return JSON.parse(reply.body) as Record<string, string>;
}

const e10WorkflowId = 'e2eTrigE10a';
const e10Path = 'e2e-trig-e10';

beforeAll(async () => {
	await waitForTrigger(n8n, path);
	await waitForTrigger(n8n, e10Path);
});

/** A plain JSON POST, as E10 sends it (E10 signs nothing). */
function jsonPost(pathAndQuery: string, body: unknown) {
	return { pathAndQuery, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

describe('Unified Todo Trigger in a real n8n', () => {
	it('accepts a signed to-do on its URL: answers operResult "1" and emits it with json.event', async () => {
		const before = await executionCount(n8n, workflowId);
		const body = todoBody('0');
		const msgId = `msg_ofs_${Date.now()}`;
		const reply = await send(n8n, standardWebhooksPost(path, body, { secret, msgId }));
		expect(reply.status).toBe(200);
		expect(ofsAnswer(reply)).toEqual({ syscode: 'EC9', dataType: 'OfsTodoData', operType: 'AutoNew', operResult: '1', message: 'success' });

		const execution = await newExecution(n8n, workflowId, before);
		expect(execution.status).toBe('success');
		const [items] = nodeOutputs(execution, trigger);
		expect(items).toHaveLength(1);
		const { event, ...payload } = items[0];
		expect(payload).toEqual(body);
		expect(event).toEqual({
			source: 'ofs',
			type: 'todo',
			typeName: 'To-do (待办)',
			deliveryId: msgId,
			flowId: body.flowid,
			receivedAt: expect.any(String),
			verified: true,
		});
		expect(nodeOutputs(execution, 'Received')[0]).toEqual(items);
	});

	const endpoints: Array<{ endpoint: string; body: () => Record<string, string>; type: string; typeName: string; operType: string }> = [
		{ endpoint: 'ReceiveRequestInfoByJson', body: () => todoBody('0'), type: 'todo', typeName: 'To-do (待办)', operType: 'AutoNew' },
		{ endpoint: 'ProcessDoneRequestByJson', body: () => todoBody('2'), type: 'done', typeName: 'Done (已办)', operType: 'AutoUpdate' },
		{ endpoint: 'ProcessOverRequestByJson', body: () => todoBody('4'), type: 'finished', typeName: 'Finished (办结)', operType: 'AutoUpdate' },
		{ endpoint: 'deleteUserRequestInfoByJson', body: () => ({ syscode: 'EC9', flowid: flowid(), userid: 'lisi' }), type: 'deleteUser', typeName: 'Deleted for one user (删除（指定人员）)', operType: 'AutoDel' },
		{ endpoint: 'deleteRequestInfoByJson', body: () => ({ syscode: 'EC9', flowid: flowid() }), type: 'deleteFlow', typeName: 'Flow deleted (删除（整个流程）)', operType: 'AutoDel' },
	];

	it.each(endpoints)('serves <path>/rest/ofs/$endpoint: OFS answer with operType $operType and an item of type $type', async ({ endpoint, body, type, typeName, operType }) => {
		const before = await executionCount(n8n, workflowId);
		const sent = body();
		const reply = await send(n8n, standardWebhooksPost(`${path}/rest/ofs/${endpoint}`, sent, { secret }));
		expect(reply.status).toBe(200);
		expect(ofsAnswer(reply)).toEqual({ syscode: 'EC9', dataType: 'OfsTodoData', operType, operResult: '1', message: 'success' });

		const [items] = nodeOutputs(await newExecution(n8n, workflowId, before), trigger);
		expect(items).toHaveLength(1);
		const { event, ...payload } = items[0];
		expect(payload).toEqual(sent);
		expect(event).toMatchObject({ source: 'ofs', type, typeName, verified: true });
	});

	it('answers a push whose body was changed after signing with 401, operResult "0", and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const signed = standardWebhooksPost(`${path}/rest/ofs/ReceiveRequestInfoByJson`, todoBody('0'), { secret });
		const reply = await send(n8n, withBodyChanged(signed, '"receiver":"lisi"', '"receiver":"wangwu"'));
		expect(reply.status).toBe(401);
		expect(ofsAnswer(reply)).toMatchObject({ operResult: '0', message: 'No signature in header webhook-signature matched' });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a replayed push (signed 10 minutes ago) with 401, operResult "0", and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const replayed = standardWebhooksPost(path, todoBody('0'), { secret, atMs: Date.now() - 600_000 });
		const reply = await send(n8n, replayed);
		expect(reply.status).toBe(401);
		expect(ofsAnswer(reply)).toMatchObject({ operResult: '0', message: expect.stringContaining('outside the accepted window of 300 s') });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a redelivered push (same webhook-id) with operResult "1" and starts no new execution', async () => {
		const body = todoBody('2');
		const msgId = `msg_ofs_dup_${Date.now()}`;
		let before = await executionCount(n8n, workflowId);
		expect((await send(n8n, standardWebhooksPost(`${path}/rest/ofs/ProcessDoneRequestByJson`, body, { secret, msgId }))).status).toBe(200);
		await newExecution(n8n, workflowId, before);

		before = await executionCount(n8n, workflowId);
		const again = await send(n8n, standardWebhooksPost(`${path}/rest/ofs/ProcessDoneRequestByJson`, body, { secret, msgId }));
		expect(again.status).toBe(200);
		expect(ofsAnswer(again)).toMatchObject({ operType: 'AutoUpdate', operResult: '1' });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers an unselected state (CC, isremark 8) with operResult "1" and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const reply = await send(n8n, standardWebhooksPost(`${path}/rest/ofs/ReceiveRequestInfoByJson`, todoBody('8'), { secret }));
		expect(reply.status).toBe(200);
		expect(ofsAnswer(reply)).toMatchObject({ operResult: '1' });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers malformed JSON with 400, operResult "0" and the reason, and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const reply = await send(n8n, standardWebhooksPost(`${path}/rest/ofs/ReceiveRequestInfoByJson`, '{"syscode":"EC9","flowid":', { secret }));
		expect(reply.status).toBe(400);
		expect(ofsAnswer(reply)).toEqual({ syscode: '', dataType: 'OfsTodoData', operType: 'AutoNew', operResult: '0', message: expect.stringContaining('not valid JSON') });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('answers a to-do without a receiver with 400, operResult "0" naming the field, and starts no execution', async () => {
		const before = await executionCount(n8n, workflowId);
		const { receiver: _receiver, ...body } = todoBody('0');
		const reply = await send(n8n, standardWebhooksPost(`${path}/rest/ofs/ReceiveRequestInfoByJson`, body, { secret }));
		expect(reply.status).toBe(400);
		expect(ofsAnswer(reply)).toMatchObject({ syscode: 'EC9', operResult: '0', message: expect.stringContaining('receiver') });
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it.each(['', '/rest/ofs/ReceiveRequestInfoByJson'])('answers an isremark that names no state ("9") on <path>%s with 400, operResult "0" naming the field and the states, and starts no execution', async (endpoint) => {
		const before = await executionCount(n8n, workflowId);
		const reply = await send(n8n, standardWebhooksPost(`${path}${endpoint}`, todoBody('9'), { secret }));
		expect(reply.status).toBe(400);
		expect(ofsAnswer(reply)).toEqual({
			syscode: 'EC9',
			dataType: 'OfsTodoData',
			operType: 'AutoNew',
			operResult: '0',
			message: 'The event does not match the expected shape: isremark: "9" is not an OFS state; expected 0 (To-do), 2 (Done), 4 (Finished) or 8 (CC / to read)',
		});
		await expectNoNewExecution(n8n, workflowId, before);
	});

	it('reads E10\'s camelCase push (Push Format: Detect Automatically): to claim and deleted are emitted with E10\'s answer, a duplicate, an unselected state and a malformed push start nothing', async () => {
		const id = flowid();
		const e10Todo = {
			sysCode: 'E10',
			flowId: id,
			requestName: '差旅报销-张三-2024-07-25',
			workFlowName: '差旅报销流程',
			nodeName: '部门经理审批',
			pcUrl: `/sp/workflow/req?requestId=${id}`,
			appUrl: `/mobile/workflow/req?requestId=${id}`,
			isRemark: 10,
			viewType: '0',
			creator: 'zhangsan',
			createDateTime: '2024-07-25 09:30:00',
			receiver: 'lisi',
			receiveDateTime: '2024-07-25 09:30:05',
			receivets: String(Date.now()),
			tenantKey: 't4dvwhryc8',
			taskId: `task-${id}`,
		};
		const success = { code: 200, msg: 'success', status: true };

		let before = await executionCount(n8n, e10WorkflowId);
		const toClaim = await send(n8n, jsonPost(e10Path, e10Todo));
		expect(toClaim.status).toBe(200);
		expect(JSON.parse(toClaim.body)).toEqual(success);
		const [items] = nodeOutputs(await newExecution(n8n, e10WorkflowId, before), trigger);
		expect(items).toHaveLength(1);
		const { event, ...payload } = items[0];
		expect(payload).toEqual(e10Todo);
		expect(event).toMatchObject({ source: 'e10', type: 'toClaim', typeName: 'To claim (E10) (待认领)', flowId: id, deliveryId: `toClaim|E10|${id}|lisi|${e10Todo.receivets}` });

		// The same push again (same receivets): answered as success, nothing started.
		before = await executionCount(n8n, e10WorkflowId);
		const again = await send(n8n, jsonPost(e10Path, e10Todo));
		expect(JSON.parse(again.body)).toMatchObject({ code: 200, status: true });
		// Done (isRemark 2) is not selected: answered as success, nothing started.
		const done = await send(n8n, jsonPost(e10Path, { ...e10Todo, isRemark: 2, receivets: String(Date.now() + 1) }));
		expect(JSON.parse(done.body)).toMatchObject({ code: 200, status: true });
		// No receiver: 400 in E10's shape naming the field.
		const { receiver: _receiver, ...noReceiver } = e10Todo;
		const malformed = await send(n8n, jsonPost(e10Path, noReceiver));
		expect(malformed.status).toBe(400);
		expect(JSON.parse(malformed.body)).toEqual({ code: 400, msg: 'The event does not match the expected shape: receiver: Required', status: false });
		await expectNoNewExecution(n8n, e10WorkflowId, before);

		// isRemark -1 deletes the receiver's to-do; an OFS push on the same URL is still read as OFS.
		before = await executionCount(n8n, e10WorkflowId);
		const deleted = await send(n8n, jsonPost(e10Path, { ...e10Todo, isRemark: '-1', receivets: String(Date.now() + 2) }));
		expect(JSON.parse(deleted.body)).toEqual(success);
		expect(nodeOutputs(await newExecution(n8n, e10WorkflowId, before), trigger)[0][0].event).toMatchObject({ source: 'e10', type: 'deleteUser' });
		before = await executionCount(n8n, e10WorkflowId);
		const ofs = await send(n8n, jsonPost(e10Path, todoBody('0')));
		expect(ofsAnswer(ofs)).toMatchObject({ syscode: 'EC9', operResult: '1' });
		expect(nodeOutputs(await newExecution(n8n, e10WorkflowId, before), trigger)[0][0].event).toMatchObject({ source: 'ofs', type: 'todo' });
	});
});
