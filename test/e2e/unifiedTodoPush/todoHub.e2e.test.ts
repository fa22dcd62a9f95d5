/**
 * Unified Todo Push in a real n8n (issue 13's e2e): Unified Todo Trigger → two Unified Todo Push
 * nodes side by side, one to an e-cology OFS fake and one to a Landray EKP SOAP fake
 * (test/fakes/todo/), both with the duplicate filter, compensation and a workflow blacklist on.
 * Each push is its own execution, so the records the rules read must outlive an execution: they
 * are in the harness n8n's embedded state store (no credential on the Push nodes).
 */
import { type LandrayFake, startLandrayFake } from '../../fakes/todo/landray';
import { type OfsFake, startOfsFake } from '../../fakes/todo/ofs';
import { type Execution, connectN8n, nodeOutputs } from '../harness/n8n';
import { releaseWebhookPaths, unpublish } from '../harness/webhookPaths';
import { executionCount, newExecution, send, standardWebhooksPost, waitForTrigger } from '../triggers/senders';
import { ofsBody } from './ofsBody';

const n8n = connectN8n();
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

const hookPath = 'e2e-todo-hub';
/** test/e2e/credentials/trigger-standard-webhooks.json (imported by the harness). */
const triggerSecret = 'whsec_tEUisnvkS/qJj2p/dInQYCiM4jEDFF25';
const ekpUser = { username: 'n8n-ws', password: 'ekp-e2e-pw-71c' };

let ofs: OfsFake;
let landray: LandrayFake;
let workflowId: string;
let landrayCredentialId: string;

const rules = { duplicateFilter: true, compensation: true, workflowInterception: 'blacklist', workflowIds: 'wf-blocked, wf-other' };

function hubWorkflow(): { name: string; nodes: Item[]; connections: Item; settings: Item } {
	return {
		name: 'e2e: OA to-do hub (OFS + Landray)',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'a13c0000-0001-4000-8000-000000000001',
				name: 'Unified Todo Trigger',
				type: 'n8n-nodes-outbound-messages.unifiedTodoTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'a13c0000-0001-4000-8000-00000000f001',
				parameters: { path: hookPath, events: [], signatureCheck: 'credential', triggerOptions: {} },
				credentials: { outboundSigningSecret: { id: 'e2eTrigCredStdWh1', name: 'e2e: Standard Webhooks secret (with a previous one)' } },
			},
			{
				id: 'a13c0000-0001-4000-8000-000000000002',
				name: 'Push to e-cology',
				type: 'n8n-nodes-outbound-messages.unifiedTodoPush',
				typeVersion: 1,
				position: [260, -120],
				parameters: { sysCode: 'EC9', serverAddress: ofs.url, retries: 0, ...rules },
			},
			{
				id: 'a13c0000-0001-4000-8000-000000000003',
				name: 'Push to Landray',
				type: 'n8n-nodes-outbound-messages.unifiedTodoPush',
				typeVersion: 1,
				position: [260, 120],
				parameters: { sysCode: 'EKP', serverAddress: landray.url, adapter: 'landraySoap', landrayAppName: 'OA', retries: 0, ...rules },
				credentials: { todoLandrayApi: { id: landrayCredentialId, name: 'e2e: Landray EKP web service' } },
			},
		],
		connections: {
			'Unified Todo Trigger': {
				main: [
					[
						{ node: 'Push to e-cology', type: 'main', index: 0 },
						{ node: 'Push to Landray', type: 'main', index: 0 },
					],
				],
			},
		},
	};
}

const runId = Date.now().toString(36);

/** Pushes one body to the trigger as the OA does (signed here, as a gateway would) and returns its execution. */
async function push(endpoint: string, body: Record<string, string>): Promise<Execution> {
	const before = await executionCount(n8n, workflowId);
	const reply = await send(n8n, standardWebhooksPost(`${hookPath}/rest/ofs/${endpoint}`, body, { secret: triggerSecret }));
	expect(reply.status).toBe(200);
	expect(JSON.parse(reply.body)).toMatchObject({ operResult: '1' });
	const execution = await newExecution(n8n, workflowId, before);
	expect(execution.status).toBe('success');
	return execution;
}

/** Each output of a Push node as [flowId, status, reason] of its items. */
function routes(execution: Execution, node: string) {
	const [success, ignored, failure] = nodeOutputs(execution, node);
	const summary = (items: Item[]) => items.map((item) => [item.flowid, item.delivery.status, item.delivery.reason ?? null]);
	return { success: summary(success), ignored: summary(ignored), failure: summary(failure), items: { success, ignored, failure } };
}

const ofsSince = (mark: number) => ofs.requests.slice(mark).map((request) => ({ path: request.path, body: JSON.parse(request.text) as Record<string, string> }));
const landraySince = (mark: number) => landray.calls.slice(mark);

beforeAll(async () => {
	ofs = await startOfsFake();
	landray = await startLandrayFake({ user: ekpUser.username, password: ekpUser.password });
	landrayCredentialId = ((await n8n.api('POST', '/credentials', { name: 'e2e: Landray EKP web service', type: 'todoLandrayApi', data: ekpUser })) as { id: string }).id;
	const workflow = hubWorkflow();
	workflowId = ((await n8n.api('POST', '/workflows', workflow)) as { id: string }).id;
	await releaseWebhookPaths(n8n, workflow.nodes as Array<{ type: string; parameters?: Record<string, unknown> }>);
	await n8n.activate(workflowId);
	await waitForTrigger(n8n, hookPath);
});

afterAll(async () => {
	if (workflowId) await unpublish(n8n, workflowId);
	await ofs?.close();
	await landray?.close();
});

describe('OA to-do hub in real n8n: Unified Todo Trigger → Unified Todo Push to e-cology and Landray at once', () => {
	const flow = `${runId}01`;

	it('pushes a to-do to both targets: the OFS body as e-cology takes it, sendTodo to EKP with the SOAP header', async () => {
		const ofsMark = ofs.requests.length;
		const ekpMark = landray.calls.length;
		const body = ofsBody(flow, '0');
		const execution = await push('ReceiveRequestInfoByJson', body);

		expect(routes(execution, 'Push to e-cology')).toMatchObject({ success: [[flow, 'succeeded', null]], ignored: [], failure: [] });
		expect(routes(execution, 'Push to Landray')).toMatchObject({ success: [[flow, 'succeeded', null]], ignored: [], failure: [] });
		// The target's own system identifier replaces the OA's; every other field goes as the OA sent it.
		expect(ofsSince(ofsMark)).toEqual([{ path: '/rest/ofs/ReceiveRequestInfoByJson', body: { ...body, syscode: 'EC9' } }]);
		expect(landraySince(ekpMark)).toEqual([
			{
				operation: 'sendTodo',
				header: { user: ekpUser.username, password: ekpUser.password },
				arg0: {
					appName: 'OA',
					modelName: '差旅报销流程',
					modelId: flow,
					subject: body.requestname,
					link: body.pcurl,
					type: '1',
					key: flow,
					targets: '{"LoginName":"lisi"}',
					createTime: '2024-07-25 09:30:05',
					docCreator: '{"LoginName":"zhangsan"}',
					level: '3',
					extendContent: '部门经理审批',
				},
			},
		]);
		const [[pushed]] = nodeOutputs(execution, 'Push to Landray');
		expect(JSON.stringify(pushed)).not.toContain(ekpUser.password);
	});

	it('ignores the same to-do pushed again in a later execution (new receivets) as duplicate, on both targets, and sends nothing', async () => {
		const ofsMark = ofs.requests.length;
		const ekpMark = landray.calls.length;
		const execution = await push('ReceiveRequestInfoByJson', ofsBody(flow, '0'));
		for (const node of ['Push to e-cology', 'Push to Landray']) {
			expect(routes(execution, node)).toMatchObject({ success: [], ignored: [[flow, 'ignored', 'duplicate']], failure: [] });
		}
		expect(ofsSince(ofsMark)).toEqual([]);
		expect(landraySince(ekpMark)).toEqual([]);
	});

	// The OFS adapter's default: a done goes to ReceiveRequestInfoByJson with isremark 2, as e-cology's own push client sends it.
	it('then pushes its done alone (the to-do is on record): isremark 2 to e-cology, setTodoDone to EKP', async () => {
		const ofsMark = ofs.requests.length;
		const ekpMark = landray.calls.length;
		const body = ofsBody(flow, '2');
		const execution = await push('ProcessDoneRequestByJson', body);
		const ecology = routes(execution, 'Push to e-cology');
		expect(ecology.success).toEqual([[flow, 'succeeded', null]]);
		expect(ecology.items.success[0].todo.compensation).toBeUndefined();
		expect(ofsSince(ofsMark)).toEqual([{ path: '/rest/ofs/ReceiveRequestInfoByJson', body: { ...body, syscode: 'EC9' } }]);
		expect(landraySince(ekpMark).map((call) => [call.operation, call.arg0.modelId, call.arg0.optType, call.arg0.targets])).toEqual([['setTodoDone', flow, '2', '{"LoginName":"lisi"}']]);
	});

	it('compensates a done with no to-do on record: each target gets a to-do made from it first, then the done', async () => {
		const orphan = `${runId}02`;
		const ofsMark = ofs.requests.length;
		const ekpMark = landray.calls.length;
		const body = ofsBody(orphan, '2');
		const execution = await push('ProcessDoneRequestByJson', body);

		for (const node of ['Push to e-cology', 'Push to Landray']) {
			const { success, ignored, failure, items } = routes(execution, node);
			expect([success, ignored, failure]).toEqual([[[orphan, 'succeeded', null]], [], []]);
			expect(items.success[0].todo).toMatchObject({ operation: 'done', flowId: orphan, compensation: { status: 'succeeded', event: 'todo.todo' } });
		}
		const sent = ofsSince(ofsMark);
		expect(sent.map(({ path, body: { isremark, flowid, receiver, syscode } }) => [path, flowid, receiver, isremark, syscode])).toEqual([
			['/rest/ofs/ReceiveRequestInfoByJson', orphan, 'lisi', '0', 'EC9'],
			['/rest/ofs/ReceiveRequestInfoByJson', orphan, 'lisi', '2', 'EC9'],
		]);
		// The compensating to-do is the done copied as a to-do (seed 002 line 193), its receivets too.
		expect(sent[0].body).toEqual({ ...body, syscode: 'EC9', isremark: '0' });
		expect(sent[1].body).toEqual({ ...body, syscode: 'EC9' });
		expect(landraySince(ekpMark).map((call) => [call.operation, call.arg0.modelId, call.arg0.type ?? call.arg0.optType, call.arg0.targets])).toEqual([
			['sendTodo', orphan, '1', '{"LoginName":"lisi"}'],
			['setTodoDone', orphan, '2', '{"LoginName":"lisi"}'],
		]);
	});

	it('ignores a to-do of a blacklisted workflow (workflowid carried in the OFS body) with the rule that matched, and sends nothing', async () => {
		const blocked = `${runId}03`;
		const ofsMark = ofs.requests.length;
		const ekpMark = landray.calls.length;
		const body = ofsBody(blocked, '0', { workflowid: 'wf-blocked' });
		const execution = await push('ReceiveRequestInfoByJson', body);
		// The trigger passes the extra field through as the OA sent it.
		expect(nodeOutputs(execution, 'Unified Todo Trigger')[0][0]).toMatchObject({ workflowid: 'wf-blocked' });
		for (const node of ['Push to e-cology', 'Push to Landray']) {
			const { success, ignored, failure, items } = routes(execution, node);
			expect([success, ignored, failure]).toEqual([[], [[blocked, 'ignored', 'intercepted_workflow']], []]);
			expect(items.ignored[0].delivery.message).toContain('wf-blocked');
		}
		expect(ofsSince(ofsMark)).toEqual([]);
		expect(landraySince(ekpMark)).toEqual([]);
	});

	it('keeps in the saved executions what each output said: the Ignored reasons of the whole run', async () => {
		const executions = await n8n.executions(workflowId, { includeData: true });
		const reasons = executions
			.flatMap((execution) => ['Push to e-cology', 'Push to Landray'].flatMap((node) => nodeOutputs(execution, node)[1].map((item) => `${node}: ${item.flowid} ${item.delivery.reason}`)))
			.sort();
		expect(reasons).toEqual(
			[`${runId}01 duplicate`, `${runId}03 intercepted_workflow`].flatMap((reason) => [`Push to Landray: ${reason}`, `Push to e-cology: ${reason}`]).sort(),
		);
	});
});
