/**
 * The trigger examples in examples/ (what `npm start` imports for users) run as they are in a fresh
 * n8n on a random port: their demo credentials (examples/credentials/) are created through the
 * public API, each workflow is created unchanged (its sender reaches this n8n through
 * `$execution.resumeUrl`, whatever the port), published (its trigger goes live) and run from its
 * Manual Trigger, whose branch stands in for the source system and pushes signed events to the
 * trigger of the same workflow.
 */
import fs from 'node:fs';
import path from 'node:path';

import { type Execution, connectN8n, nodeOutputs } from '../harness/n8n';
import { waitForTrigger } from './senders';

const n8n = connectN8n();
jest.setTimeout(180_000);

const examplesDir = path.resolve(__dirname, '..', '..', '..', 'examples');
const manualTrigger = 'When clicking ‘Execute workflow’';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

interface CredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

const exampleCredentials = fs
	.readdirSync(path.join(examplesDir, 'credentials'))
	.filter((file) => /^trigger-.*\.json$/.test(file))
	.map((file) => readJson<CredentialFile>(path.join(examplesDir, 'credentials', file)));

/**
 * Creates the example's demo credentials and the workflow as it is (credential ids the new ones),
 * publishes it and runs it from its Manual Trigger.
 */
async function runExample(file: string): Promise<{ workflowId: string; manual: Execution }> {
	let text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
	for (const credential of exampleCredentials) {
		if (!text.includes(`"${credential.id}"`)) continue;
		const { name, type, data } = credential;
		const created = (await n8n.api('POST', '/credentials', { name, type, data })) as { id: string };
		text = text.split(`"${credential.id}"`).join(`"${created.id}"`);
	}
	const { name, nodes, connections, settings } = JSON.parse(text) as { name: string; nodes: Item[]; connections: unknown; settings: unknown };
	const workflowId = ((await n8n.api('POST', '/workflows', { name, nodes, connections, settings })) as { id: string }).id;
	await n8n.activate(workflowId);
	for (const node of nodes.filter((node) => /Trigger$/.test(node.type) && node.parameters.path)) {
		await waitForTrigger(n8n, node.parameters.path);
	}
	const manual = await n8n.runManually(workflowId, manualTrigger);
	return { workflowId, manual };
}

/** The executions the trigger started (the manual run excluded), oldest first. */
async function triggerExecutions(workflowId: string, manual: Execution, count: number): Promise<Execution[]> {
	const all = await n8n.waitForExecutions(workflowId, count + 1);
	const started = all.filter((execution) => execution.id !== manual.id).reverse();
	expect(started).toHaveLength(count);
	for (const execution of started) {
		expect(execution.mode).toBe('webhook');
		expect(execution.status).toBe('success');
	}
	return started;
}

/** For each execution, the index of the Switch output its one item left by, and that item. */
function routed(executions: Execution[], switchNode: string): Array<[output: number, item: Item]> {
	return executions.map((execution) => {
		const outputs = nodeOutputs(execution, switchNode);
		const index = outputs.findIndex((items) => items.length > 0);
		expect(outputs[index]).toHaveLength(1);
		return [index, outputs[index][0]];
	});
}

describe('the trigger examples run out of the box', () => {
	it("are workflows whose demo credentials exist in examples/credentials and whose senders target this n8n's own trigger", () => {
		const files = fs.readdirSync(examplesDir).filter((file) => /^trigger-.*\.json$/.test(file)).sort();
		expect(files).toEqual(['trigger-hesi-approval-events.json', 'trigger-jiandaoyun-flow-messages.json', 'trigger-unified-todo-ofs.json']);
		for (const file of files) {
			const workflow = readJson<{ nodes: Item[] }>(path.join(examplesDir, file));
			const trigger = workflow.nodes.find((node) => /^n8n-nodes-outbound-messages\.\w+Trigger$/.test(node.type));
			expect(trigger?.webhookId).toMatch(/^[0-9a-f-]{36}$/);
			expect(trigger?.parameters).not.toHaveProperty('options');
			const sender = workflow.nodes.find((node) => node.type === 'n8n-nodes-outbound-messages.sendOutboundMessage');
			expect(sender?.parameters.url).toContain(`={{ $execution.resumeUrl.split('/webhook-waiting/')[0] }}/webhook/${trigger?.parameters.path}`);
			expect(n8n.baseUrl).not.toMatch(/:5678$/);
			for (const node of workflow.nodes) {
				const id = node.credentials?.outboundSigningSecret?.id;
				if (id) expect(exampleCredentials.map((credential) => credential.id)).toContain(id);
			}
		}
	});

	describe('trigger-jiandaoyun-flow-messages.json', () => {
		let workflowId: string;
		let manual: Execution;

		beforeAll(async () => {
			({ workflowId, manual } = await runExample('trigger-jiandaoyun-flow-messages.json'));
		});

		it('pushes the old-format flow message signed like Jiandaoyun and gets "success" back', () => {
			expect(manual.status).toBe('success');
			const [delivered, retry, failed] = nodeOutputs(manual, 'Push Like Jiandaoyun');
			expect(retry).toEqual([]);
			expect(failed).toEqual([]);
			expect(delivered).toHaveLength(1);
			expect(delivered[0].delivery.status).toBe('succeeded');
			expect(delivered[0].delivery.attempts[0].response).toMatchObject({ status: 200, body: 'success' });
		});

		it('starts one execution with one to-do per recipient, all from the same push', async () => {
			const [execution] = await triggerExecutions(workflowId, manual, 1);
			const [todos] = nodeOutputs(execution, 'One To-do Per Recipient');
			expect(todos.map((todo) => [todo.recipient, todo.recipientName])).toEqual([
				['zhangsan', '张三'],
				['lisi', '李四'],
				['wangwu', '王五'],
			]);
			expect(todos[0]).toMatchObject({ form: '请假审批', text: '有新的流程待办事项', flowAction: 'flow_forward' });
			expect(new Set(todos.map((todo) => todo.pushId)).size).toBe(1);
			expect(todos[0].pushId).toEqual(expect.any(String));
			const [items] = nodeOutputs(execution, 'Jiandaoyun Push Trigger');
			expect(items[0].event).toMatchObject({ source: 'jiandaoyun', type: 'flow_message', verified: true });
		});
	});

	describe('trigger-hesi-approval-events.json', () => {
		let workflowId: string;
		let manual: Execution;

		beforeAll(async () => {
			({ workflowId, manual } = await runExample('trigger-hesi-approval-events.json'));
		});

		it('sends the three messages with the signKey and gets {"code":"1"} back for each', () => {
			expect(manual.status).toBe('success');
			const [delivered, retry, failed] = nodeOutputs(manual, 'Send Like Hesi');
			expect(retry).toEqual([]);
			expect(failed).toEqual([]);
			expect(delivered.map((item) => item.delivery.attempts[0].response.body)).toEqual(Array(3).fill('{"code":"1"}'));
		});

		it('starts one execution per message and routes each event to its own output', async () => {
			const executions = await triggerExecutions(workflowId, manual, 3);
			const byOutput = routed(executions, 'Route by Event')
				.map(([output, item]) => [output, item.action, item.event.typeName, item.event.verified])
				.sort((a, b) => Number(a[0]) - Number(b[0]));
			expect(byOutput).toEqual([
				[0, 'backlog.approving', 'Pending approval (待审批)', true],
				[1, 'flow.rejected', 'Rejected (被驳回)', true],
				[2, 'flow.paid', 'Paid / approval completed (已支付/审批完成)', true],
			]);
		});
	});

	describe('trigger-unified-todo-ofs.json', () => {
		let workflowId: string;
		let manual: Execution;

		beforeAll(async () => {
			({ workflowId, manual } = await runExample('trigger-unified-todo-ofs.json'));
		});

		it('pushes to the OFS endpoints and gets operResult "1" for each', () => {
			expect(manual.status).toBe('success');
			const [delivered, retry, failed] = nodeOutputs(manual, 'Push Like e-cology');
			expect(retry).toEqual([]);
			expect(failed).toEqual([]);
			expect(delivered.map((item) => JSON.parse(item.delivery.attempts[0].response.body).operResult)).toEqual(['1', '1', '1', '1']);
		});

		it('starts one execution per push and routes to-dos, done items and deletions', async () => {
			const executions = await triggerExecutions(workflowId, manual, 4);
			expect(routed(executions, 'Route by State').map(([output, item]) => [output, item.event.type])).toEqual([
				[0, 'todo'],
				[1, 'done'],
				[0, 'cc'],
				[2, 'deleteFlow'],
			]);
		});
	});
});
