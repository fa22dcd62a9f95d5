/**
 * The to-do examples (examples/todo-hub-oa.json, examples/todo-cross-vendor.json) in a real n8n:
 * each is created as it is (its demo credentials too) with one change, the Server Address of its
 * Unified Todo Push nodes, pointed from this n8n's stand-in portals at the OFS and Landray fakes on
 * 127.0.0.1; then the events are sent to its triggers as the source systems send them, and the test
 * asserts what the fakes received.
 */
import fs from 'node:fs';
import path from 'node:path';

import { examplesDir, loadDemoCredentials } from '../../examples/canvas';
import { type LandrayFake, startLandrayFake } from '../../fakes/todo/landray';
import { type OfsFake, startOfsFake } from '../../fakes/todo/ofs';
import { type Execution, connectN8n, nodeOutputs } from '../harness/n8n';
import { releaseWebhookPaths, unpublish } from '../harness/webhookPaths';
import { type SourceRequest, executionCount, hesiHeaderPost, jiandaoyunPush, newExecution, send, waitForTrigger } from '../triggers/senders';
import { ofsBody } from './ofsBody';

const n8n = connectN8n();
jest.setTimeout(300_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const pushType = 'n8n-nodes-outbound-messages.unifiedTodoPush';

let ofs: OfsFake;
let landray: LandrayFake;
const created: string[] = [];

/**
 * Creates the example (demo credentials included), publishes it and waits for its triggers; with
 * `toFakes`, its Push nodes aimed at the fakes instead of the example's own stand-in portals.
 */
async function importExample(file: string, toFakes = true): Promise<{ id: string; nodes: Item[] }> {
	let text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
	for (const { credential } of loadDemoCredentials()) {
		if (!text.includes(`"${credential.id}"`)) continue;
		const { id } = (await n8n.api('POST', '/credentials', { name: credential.name, type: credential.type, data: credential.data })) as { id: string };
		text = text.split(`"${credential.id}"`).join(`"${id}"`);
	}
	const { name, nodes, connections, settings } = JSON.parse(text) as { name: string; nodes: Item[]; connections: unknown; settings: unknown };
	for (const node of nodes.filter((n) => toFakes && n.type === pushType)) {
		node.parameters.serverAddress = node.parameters.adapter === 'landraySoap' ? landray.url : ofs.url;
	}
	const id = ((await n8n.api('POST', '/workflows', { name, nodes, connections, settings })) as { id: string }).id;
	created.push(id);
	await releaseWebhookPaths(n8n, nodes as Array<{ type: string; parameters?: Record<string, unknown> }>);
	await n8n.activate(id);
	for (const node of nodes.filter((n) => /Trigger$/.test(n.type) && n.parameters.path)) await waitForTrigger(n8n, node.parameters.path);
	return { id, nodes };
}

/** Sends one request to a trigger and returns the execution it started. */
async function deliver(workflowId: string, request: SourceRequest, expectedBody?: string): Promise<Execution> {
	const before = await executionCount(n8n, workflowId);
	const reply = await send(n8n, request);
	expect(reply.status).toBe(200);
	if (expectedBody) expect(reply.body).toBe(expectedBody);
	const execution = await newExecution(n8n, workflowId, before);
	expect(execution.status).toBe('success');
	return execution;
}

const plainPost = (pathAndQuery: string, body: unknown): SourceRequest => ({ pathAndQuery, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) });
const ofsSince = (mark: number) => ofs.requests.slice(mark).map((request) => ({ path: request.path, body: JSON.parse(request.text) as Record<string, string> }));

function routes(execution: Execution, node: string, runIndex = 0) {
	const summary = (items: Item[]) => items.map((item) => [item.todo?.flowId ?? null, item.delivery.status, item.delivery.reason ?? null]);
	return nodeOutputs(execution, node, runIndex).map(summary);
}

beforeAll(async () => {
	ofs = await startOfsFake();
	landray = await startLandrayFake();
});

afterAll(async () => {
	for (const id of created) await unpublish(n8n, id);
	await ofs?.close();
	await landray?.close();
});

describe('todo-hub-oa.json (OA to-do hub)', () => {
	let workflowId: string;
	const flow = `hub${Date.now()}`;
	const body = (flowid: string, isremark: '0' | '2', extra: Record<string, string> = {}) => ofsBody(flowid, isremark, { syscode: 'EC9', requestname: '差旅报销-张三', ...extra });

	const ofsPush = async (endpoint: string, sent: Record<string, string>) => await deliver(workflowId, plainPost(`todo-hub-oa/rest/ofs/${endpoint}`, sent));

	beforeAll(async () => {
		({ id: workflowId } = await importExample('todo-hub-oa.json'));
	});

	it('pushes a to-do to e-cology and Landray at once; its repeat is Ignored duplicate on both', async () => {
		const ofsMark = ofs.requests.length;
		const ekpMark = landray.calls.length;
		const todo = body(flow, '0');
		const first = await ofsPush('ReceiveRequestInfoByJson', todo);
		expect(routes(first, 'Push to e-cology')).toEqual([[[flow, 'succeeded', null]], [], [], []]);
		expect(routes(first, 'Push to Landray')).toEqual([[[flow, 'succeeded', null]], [], [], []]);
		expect(ofsSince(ofsMark)).toEqual([{ path: '/rest/ofs/ReceiveRequestInfoByJson', body: { ...todo, syscode: 'N8N_HUB' } }]);
		expect(landray.calls.slice(ekpMark).map((call) => [call.operation, call.arg0.appName, call.arg0.modelId, call.arg0.targets, call.header])).toEqual([
			['sendTodo', 'N8N_HUB', flow, '{"LoginName":"lisi"}', undefined],
		]);

		const again = await ofsPush('ReceiveRequestInfoByJson', body(flow, '0'));
		expect(routes(again, 'Push to e-cology')).toEqual([[], [[flow, 'ignored', 'duplicate']], [], []]);
		expect(routes(again, 'Push to Landray')).toEqual([[], [[flow, 'ignored', 'duplicate']], [], []]);
		expect(ofs.requests.length - ofsMark).toBe(1);
		expect(landray.calls.length - ekpMark).toBe(1);
	});

	it('compensates a done with no to-do on record and ignores a to-do of the blacklisted workflow wf-test', async () => {
		const orphan = `${flow}b`;
		const ofsMark = ofs.requests.length;
		const ekpMark = landray.calls.length;
		const done = await ofsPush('ProcessDoneRequestByJson', body(orphan, '2'));
		expect(routes(done, 'Push to e-cology')).toEqual([[[orphan, 'succeeded', null]], [], [], []]);
		expect(nodeOutputs(done, 'Push to Landray')[0][0].todo.compensation).toMatchObject({ status: 'succeeded', event: 'todo.todo' });
		expect(ofsSince(ofsMark).map(({ body: sent }) => [sent.flowid, sent.isremark])).toEqual([
			[orphan, '0'],
			[orphan, '2'],
		]);
		expect(landray.calls.slice(ekpMark).map((call) => [call.operation, call.arg0.modelId])).toEqual([
			['sendTodo', orphan],
			['setTodoDone', orphan],
		]);

		const blocked = await ofsPush('ReceiveRequestInfoByJson', body(`${flow}c`, '0', { workflowid: 'wf-test' }));
		expect(routes(blocked, 'Push to e-cology')).toEqual([[], [[`${flow}c`, 'ignored', 'intercepted_workflow']], [], []]);
		expect(routes(blocked, 'Push to Landray')).toEqual([[], [[`${flow}c`, 'ignored', 'intercepted_workflow']], [], []]);
		expect(ofs.requests.length - ofsMark).toBe(2);
		expect(landray.calls.length - ekpMark).toBe(2);
	});

	it('parks a to-do e-cology refuses, and the Every Minute branch re-pushes it to e-cology only, acknowledged succeeded', async () => {
		const refused = `${flow}d`;
		const todo = body(refused, '0');
		ofs.failWith('operResult0', '接收人不存在');
		let execution: Execution;
		try {
			execution = await ofsPush('ReceiveRequestInfoByJson', todo);
		} finally {
			ofs.failWith(undefined);
		}
		expect(routes(execution, 'Push to e-cology')[2]).toEqual([[refused, 'failed', expect.any(String)]]);
		expect(routes(execution, 'Push to Landray')[0]).toEqual([[refused, 'succeeded', null]]);
		const [[parked]] = nodeOutputs(execution, 'Outbox: Park');
		expect(parked).toMatchObject({ portal: 'e-cology', outbox: { queued: true, status: 'failed' } });
		const messageId = parked.outbox.messageId as string;

		const ofsMark = ofs.requests.length;
		const ekpMark = landray.calls.length;
		const seen = new Set<string>();
		let acknowledged: Item | undefined;
		let repushed: Item | undefined;
		// Park made it due a minute later; the published schedule fires every minute.
		for (const started = Date.now(); !acknowledged && Date.now() - started < 200_000; ) {
			// Only finished runs: one listed while it still runs would be marked seen before its
			// Acknowledge ran, and never read again.
			const finished = (await n8n.executions(workflowId, { includeData: false })).filter((e) => e.finished || (e as Item).stoppedAt);
			for (const run of finished.filter((e) => e.mode === 'trigger' && !seen.has(e.id))) {
				seen.add(run.id);
				const full = await n8n.execution(run.id);
				const acks = (full.data?.resultData?.runData?.['Outbox: Acknowledge'] as unknown[] | undefined) ?? [];
				if (acks.length === 0) continue;
				acknowledged ??= acks.flatMap((_run, i) => nodeOutputs(full, 'Outbox: Acknowledge', i)[0]).find((item) => item.outbox?.messageId === messageId);
				repushed ??= nodeOutputs(full, 'Re-push to e-cology')[0].find((item) => item.delivery.messageId === messageId);
				expect(full.data?.resultData?.runData?.['Re-push to Landray']).toBeUndefined();
			}
			if (!acknowledged) await sleep(1000);
		}
		expect(acknowledged?.outbox.acknowledged).toBe('succeeded');
		expect(repushed?.todo).toMatchObject({ operation: 'todo', flowId: refused });
		expect(ofsSince(ofsMark)).toEqual([{ path: '/rest/ofs/ReceiveRequestInfoByJson', body: { ...todo, syscode: 'N8N_HUB' } }]);
		expect(landray.calls.length).toBe(ekpMark);
	}, 300_000);
});

describe('todo-cross-vendor.json (Hesi and Jiandaoyun approvals as e-cology to-dos)', () => {
	let workflowId: string;
	let hesiKey: string;
	let jdySecret: string;
	const stamp = Date.now().toString(36);
	const lisi = { id: '7hw8MheAgo0g00:K2B8MlHIQM0001', name: '李四' };
	const doc = (letter: string) => ({ flowId: `ID01${stamp}${letter}`, nodeId: 'FLOW:1171302470:1592882963', code: `B24${letter}`, title: `差旅报销-${letter}`, submitterId: { id: 'zhangsan', name: '张三' } });

	beforeAll(async () => {
		({ id: workflowId } = await importExample('todo-cross-vendor.json'));
		const demo = (id: string) => String(loadDemoCredentials().find(({ credential }) => credential.id === id)?.credential.data.secret);
		hesiKey = demo('exTrigCredHesi01');
		jdySecret = demo('exTrigCredJdy01');
	});

	const hesi = async (action: string, document: Item) =>
		await deliver(workflowId, hesiHeaderPost('todo-cross-vendor-hesi', { action, userInfo: lisi, ...document }, { key: hesiKey }), '{"code":"1"}');

	it('turns Hesi pending approval into a to-do, approved and rejected into done, withdrawn into a delete for that person', async () => {
		const [a, b, c] = [doc('A'), doc('B'), doc('C')];
		const mark = ofs.requests.length;
		for (const [action, document] of [
			['backlog.approving', a],
			['backlog.processed', a],
			['backlog.approving', b],
			['freeflow.retract', b],
			['backlog.approving', c],
			['flow.rejected', c],
		] as const) {
			const execution = await hesi(action, document);
			expect(routes(execution, 'Push to e-cology')).toEqual([[[document.flowId, 'succeeded', null]], [], []]);
		}
		const sent = ofsSince(mark);
		expect(sent.map(({ path: p, body }) => [p.split('/').pop(), body.flowid, body.isremark ?? null, body.receiver ?? body.userid, body.syscode])).toEqual([
			['ReceiveRequestInfoByJson', a.flowId, '0', lisi.id, 'N8N_APPROVALS'],
			['ReceiveRequestInfoByJson', a.flowId, '2', lisi.id, 'N8N_APPROVALS'],
			['ReceiveRequestInfoByJson', b.flowId, '0', lisi.id, 'N8N_APPROVALS'],
			['deleteUserRequestInfoByJson', b.flowId, null, lisi.id, 'N8N_APPROVALS'],
			['ReceiveRequestInfoByJson', c.flowId, '0', lisi.id, 'N8N_APPROVALS'],
			['ReceiveRequestInfoByJson', c.flowId, '2', lisi.id, 'N8N_APPROVALS'],
		]);
		expect(sent[0].body).toMatchObject({ requestname: a.title, creator: 'zhangsan', nodename: a.nodeId });
	});

	it('turns a Jiandaoyun flow_forward into a to-do and flow_finish into done, the record in data.url as the flow', async () => {
		const dataId = `642e3855dd${Date.now().toString(16)}`;
		const message = (action: string) => ({
			op: 'flow_message',
			data: {
				entry_name: '请假审批',
				flow_action: action,
				notify_text: '有新的流程待办事项',
				content: '请假人: 小云\n请假原因: 病假',
				to: [{ name: '王五', username: 'wangwu' }],
				url: `https://www.jiandaoyun.com/dashboard/app/642e37f2374e1b0007f537b2/form/642e37f5fe736900073a99e5/data/${dataId}`,
			},
			send_time: new Date().toISOString(),
		});
		const mark = ofs.requests.length;
		for (const action of ['flow_forward', 'flow_finish']) {
			const execution = await deliver(workflowId, jiandaoyunPush('todo-cross-vendor-jdy', message(action), { secret: jdySecret, deliverId: `${dataId}-${action}` }));
			expect(routes(execution, 'Push to e-cology')).toEqual([[[dataId, 'succeeded', null]], [], []]);
		}
		const sent = ofsSince(mark);
		expect(sent.map(({ body }) => [body.flowid, body.isremark, body.receiver, body.requestname])).toEqual([
			[dataId, '0', 'wangwu', '请假审批: 请假人: 小云'],
			[dataId, '2', 'wangwu', '请假审批: 请假人: 小云'],
		]);
		expect(sent[0].body.pcurl).toContain(`/data/${dataId}`);
	});
});

/**
 * As `npm start` publishes them: unchanged, the sample branch run from its Manual Trigger sends to
 * the example's own triggers, and the Push nodes reach the stand-in portals of the same workflow on
 * this n8n (nothing leaves 127.0.0.1). Every to-do is taken or kept back by a rule; none fails.
 */
describe.each([
	{ file: 'todo-hub-oa.json', pushes: ['Push to e-cology', 'Push to Landray'], events: 4, portals: ['Example e-cology Portal', 'Example Landray EKP'] },
	{ file: 'todo-cross-vendor.json', pushes: ['Push to e-cology'], events: 8, portals: ['Example e-cology Portal'] },
])('$file as published, from its sample branch', ({ file, pushes, events, portals }) => {
	it('pushes the samples to its stand-in portals: nothing on Failure, every Ignored by a rule', async () => {
		const { id } = await importExample(file, false);
		const manual = await n8n.runManually(id, 'When clicking ‘Execute workflow’');
		expect(manual.status).toBe('success');
		const ran = (execution: Execution, node: string) => execution.data?.resultData?.runData?.[node] !== undefined;
		let pushed: Execution[] = [];
		for (const started = Date.now(); pushed.length < events && Date.now() - started < 60_000; await sleep(500)) {
			const list = (await n8n.executions(id, { includeData: true })).filter((execution) => execution.mode === 'webhook' && execution.finished);
			pushed = list.filter((execution) => pushes.some((node) => ran(execution, node)));
		}
		expect(pushed).toHaveLength(events);
		const outcomes = pushed.flatMap((execution) =>
			pushes.flatMap((node) => {
				const [success, ignored, ...failedOrHeld] = nodeOutputs(execution, node);
				expect(failedOrHeld.flat()).toEqual([]);
				return [...success.map(() => `${node}: succeeded`), ...ignored.map((item) => `${node}: ${item.delivery.reason}`)];
			}),
		);
		expect(outcomes.filter((outcome) => outcome.endsWith('succeeded')).length).toBeGreaterThan(0);
		for (const outcome of outcomes) expect(outcome).toMatch(/: (succeeded|duplicate|intercepted_workflow)$/);
		if (file === 'todo-hub-oa.json') expect(outcomes.filter((outcome) => outcome.endsWith('intercepted_workflow'))).toHaveLength(2);
		const list = await n8n.executions(id, { includeData: true });
		for (const portal of portals) expect(list.some((execution) => ran(execution, portal))).toBe(true);
	});
});
