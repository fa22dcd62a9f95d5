/**
 * Seed 002's push log (推送日志) serves to-dos through the Outbox in a real n8n: a to-do e-cology
 * refused is a `failed` row (push log always on, no credential: the harness n8n's embedded store),
 * found by its flow ID with Outbox Search, made due by Repush, claimed by Claim Due, pushed again by
 * Unified Todo Push to an e-cology OFS fake (test/fakes/todo/ofs.ts) and acknowledged.
 */
import { type OfsFake, startOfsFake } from '../../fakes/todo/ofs';
import { connectN8n, nodeOutputs } from '../harness/n8n';
import { releaseWebhookPaths, unpublish } from '../harness/webhookPaths';
import { executionCount, newExecution, send, waitForTrigger } from '../triggers/senders';
import { ofsBody } from './ofsBody';

const n8n = connectN8n();
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

const runId = Date.now().toString(36);


describe('a refused to-do from the push log, through the Outbox, pushed again', () => {
	let portal: OfsFake;
	let triggerWorkflowId: string;
	let repushWorkflowId: string;
	const logPath = 'e2e-todo-push-log';
	const flowid = `${runId}log`;
	const pushParameters = () => ({ sysCode: 'EC9', serverAddress: portal.url, retries: 0, duplicateFilter: true, pushLog: 'always' });

	beforeAll(async () => {
		// A fake of its own: Claim Due takes only the rows of its address.
		portal = await startOfsFake();
		const pushNode = { type: 'n8n-nodes-outbound-messages.unifiedTodoPush', typeVersion: 1, parameters: pushParameters() };
		const inbound = {
			name: 'e2e: to-do push log (trigger → push)',
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 'a13c0000-0002-4000-8000-000000000001',
					name: 'Unified Todo Trigger',
					type: 'n8n-nodes-outbound-messages.unifiedTodoTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'a13c0000-0002-4000-8000-00000000f001',
					parameters: { path: logPath, events: [], signatureCheck: 'none', triggerOptions: {} },
				},
				{ id: 'a13c0000-0002-4000-8000-000000000002', name: 'Push to e-cology', position: [260, 0], ...pushNode },
			],
			connections: { 'Unified Todo Trigger': { main: [[{ node: 'Push to e-cology', type: 'main', index: 0 }]] } },
		};
		const outbox = (id: string, name: string, x: number, parameters: Item) => ({ id, name, type: 'n8n-nodes-outbound-messages.outbox', typeVersion: 1, position: [x, 0], parameters });
		const chain = ['Manual Trigger', 'Outbox: Search', 'Outbox: Repush', 'Outbox: Claim Due', 'Re-push to e-cology', 'Outbox: Acknowledge'];
		const repush = {
			name: 'e2e: to-do push log (search → repush → claim → push → acknowledge)',
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: 'a13c0000-0003-4000-8000-000000000001', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				outbox('a13c0000-0003-4000-8000-000000000002', 'Outbox: Search', 220, { operation: 'search', filters: { flowIds: flowid }, returnAll: true }),
				outbox('a13c0000-0003-4000-8000-000000000003', 'Outbox: Repush', 440, { operation: 'repush' }),
				// The rows' target is the Server Address as origin and path: this fake's origin and "/".
				outbox('a13c0000-0003-4000-8000-000000000004', 'Outbox: Claim Due', 660, { operation: 'claimDue', batchSize: 100, maxRepushes: 3, intervalMinutes: 1, claimOptions: { targets: `${portal.url}/` } }),
				{ id: 'a13c0000-0003-4000-8000-000000000005', name: 'Re-push to e-cology', position: [880, 0], ...pushNode },
				outbox('a13c0000-0003-4000-8000-000000000006', 'Outbox: Acknowledge', 1100, { operation: 'acknowledge' }),
			],
			connections: Object.fromEntries(
				chain.slice(0, -1).map((name, i) => [name, { main: (name === 'Re-push to e-cology' ? [0, 1, 2] : [0]).map(() => [{ node: chain[i + 1], type: 'main', index: 0 }]) }]),
			),
		};
		triggerWorkflowId = ((await n8n.api('POST', '/workflows', inbound)) as { id: string }).id;
		repushWorkflowId = ((await n8n.api('POST', '/workflows', repush)) as { id: string }).id;
		await releaseWebhookPaths(n8n, inbound.nodes as Array<{ type: string; parameters?: Record<string, unknown> }>);
		await n8n.activate(triggerWorkflowId);
		await waitForTrigger(n8n, logPath);
	});

	afterAll(async () => {
		if (triggerWorkflowId) await unpublish(n8n, triggerWorkflowId);
		await portal?.close();
	});

	it('logs the refused to-do as failed, and the Outbox chain pushes it again to e-cology: same body, acknowledged succeeded', async () => {
		const body = ofsBody(flowid, '0');
		portal.failWith('operResult0', '接收人不存在');
		const before = await executionCount(n8n, triggerWorkflowId);
		try {
			const reply = await send(n8n, { pathAndQuery: `${logPath}/rest/ofs/ReceiveRequestInfoByJson`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			expect(reply.status).toBe(200);
			const refused = await newExecution(n8n, triggerWorkflowId, before);
			const [, , [failed]] = nodeOutputs(refused, 'Push to e-cology');
			expect(failed.delivery).toMatchObject({ status: 'failed', message: expect.stringContaining('接收人不存在') });
		} finally {
			portal.failWith(undefined);
		}
		expect(portal.requests).toHaveLength(1);

		const run = await n8n.runManually(repushWorkflowId);
		expect(run.status).toBe('success');
		const [found] = nodeOutputs(run, 'Outbox: Search');
		expect(found.map((row) => [row.flowId, row.receiver, row.event, row.status, row.message])).toEqual([[flowid, 'lisi', 'todo.todo', 'failed', expect.stringContaining('接收人不存在')]]);
		expect(found[0].target).toBe(`${portal.url}/`);
		const [claimed] = nodeOutputs(run, 'Outbox: Claim Due');
		expect(claimed.map((item) => [item.flowid, item.outbox.messageId])).toEqual([[flowid, found[0].messageId]]);
		const [pushed, ignored, failure] = nodeOutputs(run, 'Re-push to e-cology');
		expect([ignored, failure]).toEqual([[], []]);
		expect(pushed.map((item) => [item.todo.flowId, item.delivery.status, item.delivery.messageId])).toEqual([[flowid, 'succeeded', found[0].messageId]]);
		const [acknowledged] = nodeOutputs(run, 'Outbox: Acknowledge');
		expect(acknowledged.map((item) => [item.outbox.messageId, item.outbox.acknowledged])).toEqual([[found[0].messageId, 'succeeded']]);
		expect(portal.requests.map((request) => JSON.parse(request.text))).toEqual([
			{ ...body, syscode: 'EC9' },
			{ ...body, syscode: 'EC9' },
		]);
	});
});
