/**
 * Remembered deliveries survive a real restart of n8n (issue 11, item 9), without a state store.
 * This file starts its OWN n8n (the shared one of the harness cannot be restarted under the other
 * files) on a folder of its own, with one workflow: Unified Todo Trigger (no signature) → NoOp.
 * Accept A and B, restart n8n gracefully, re-send both: duplicates, no run. Accept C and D, kill n8n
 * with SIGKILL right after the answers, start it again, re-send both: duplicates, no run.
 * (n8n 2.41.1 drops the static data written while accepting an event, so before the delivery journal
 * B, C and D ran again; see nodes/shared/trigger/deliveryJournal.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nInstance } = require('../n8n/instance.js');

jest.setTimeout(300_000);

const workflow = {
	id: 'e2eTrigRestart1',
	name: 'e2e: Unified Todo Trigger survives a restart → NoOp',
	active: true,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: '7e2a0c5d-0019-4000-8000-000000000001',
			name: 'Unified Todo Trigger',
			type: 'n8n-nodes-outbound-messages.unifiedTodoTrigger',
			typeVersion: 1,
			position: [0, 0],
			webhookId: '7e2a0c5d-0019-4000-8000-00000000f001',
			parameters: { path: 'e2e-trig-restart', signatureCheck: 'none', triggerOptions: {} },
		},
		{
			id: '7e2a0c5d-0019-4000-8000-000000000002',
			name: 'Received',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		},
	],
	connections: { 'Unified Todo Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let n8n: any;

/** An OFS to-do push; without a delivery-id header its id is state + syscode + flowid + receiver + receivets. */
function push(flowid: string): string {
	return JSON.stringify({
		syscode: 'EC9',
		flowid,
		requestname: `差旅报销-${flowid}`,
		workflowname: '差旅报销流程',
		nodename: '部门经理审批',
		pcurl: `/spa/workflow/static4form/index.html#/main/workflow/req?requestid=${flowid}`,
		appurl: `/spa/workflow/static4mobileform/index.html#/req?requestid=${flowid}`,
		isremark: '0',
		viewtype: '0',
		creator: 'zhangsan',
		createdatetime: '2024-07-25 09:30:00',
		receiver: 'lisi',
		receivedatetime: '2024-07-25 09:30:05',
		receivets: '1721871005000',
	});
}

async function send(flowid: string): Promise<{ status: number; answer: Record<string, string> }> {
	const res = await fetch(`${n8n.baseUrl}/webhook/e2e-trig-restart/rest/ofs/ReceiveRequestInfoByJson`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: push(flowid),
	});
	return { status: res.status, answer: (await res.json()) as Record<string, string> };
}

const accepted = { syscode: 'EC9', dataType: 'OfsTodoData', operType: 'AutoNew', operResult: '1', message: 'success' };
const duplicate = { ...accepted, message: 'Received; this delivery was already received' };

async function executionCount(): Promise<number> {
	return (await n8n.executions(workflow.id, { includeData: false })).length;
}

/** Re-sends each push after the restart: answered as a duplicate, and no execution appears. */
async function expectDuplicates(flowids: string[]): Promise<void> {
	const before = await executionCount();
	for (const flowid of flowids) expect(await send(flowid)).toEqual({ status: 200, answer: duplicate });
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(await executionCount()).toBe(before);
}

beforeAll(async () => {
	n8n = new N8nInstance({ logs: 'file' });
	await n8n.installPackage();
	await n8n.importWorkflows([workflow]);
	await n8n.start();
});

afterAll(async () => {
	await n8n?.stop();
	if (n8n && !process.env.E2E_KEEP) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
});

describe('remembered deliveries across a restart of n8n', () => {
	it('a graceful restart: A and B, accepted before, are duplicates after', async () => {
		for (const flowid of ['restart-A', 'restart-B']) expect(await send(flowid)).toEqual({ status: 200, answer: accepted });
		await n8n.waitForExecutions(workflow.id, 2);

		await n8n.stop();
		await n8n.start();
		await n8n.waitForWebhooks(workflow);
		await expectDuplicates(['restart-A', 'restart-B']);
		// Kept in the node's journal, in n8n's user folder.
		const journals = path.join(n8n.userFolder, '.n8n', 'outbound-messages', 'deliveries');
		expect(fs.readdirSync(journals).filter((name) => name.endsWith('.log'))).toHaveLength(1);
	});

	it('a kill -9 right after the answers: C and D are duplicates after the next start', async () => {
		for (const flowid of ['restart-C', 'restart-D']) expect(await send(flowid)).toEqual({ status: 200, answer: accepted });
		n8n.process.kill('SIGKILL');
		await n8n.exited;

		await n8n.start();
		await n8n.waitForWebhooks(workflow);
		await expectDuplicates(['restart-C', 'restart-D', 'restart-A']);
		// A new delivery still runs.
		const before = await executionCount();
		expect(await send('restart-E')).toEqual({ status: 200, answer: accepted });
		for (let waited = 0; (await executionCount()) === before; waited += 200) {
			if (waited > 30_000) throw new Error('the execution of restart-E did not appear');
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(await executionCount()).toBe(before + 1);
	});
});
