/**
 * Remembered deliveries survive a real restart of n8n (issue 11, item 9), without a state store.
 * This file starts its OWN n8n (the shared one of the harness cannot be restarted under the other
 * files) on a folder of its own, with one workflow: Unified Todo Trigger (no signature) → NoOp.
 * Accept A and B, restart n8n gracefully, re-send both: duplicates, no run. Accept C and D, kill n8n
 * with SIGKILL right after the answers (and a stream of 24 from four clients at once), start it again,
 * re-send them all: duplicates, no run. A graceful stop while six clients push: a push answered
 * success ran once and is a duplicate after the start; one that n8n answered 500 while stopping (it
 * could not store the execution; before the fix the trigger still remembered it, so the re-send was a
 * "duplicate" and the event was lost) or not at all runs when re-sent.
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

	it('a graceful stop while pushes are in flight: a push answered success ran once and is a duplicate after the start; one answered a failure (or nothing) runs when re-sent', async () => {
		const flowids = Array.from({ length: 30 }, (_, n) => `inflight-${n}`);
		const firstAnswers: Array<{ status: number; answer: Record<string, string> } | undefined> = [];
		let next = 0;
		// 6 clients push a steady stream; n8n is told to stop while they do.
		const clients = Array.from({ length: 6 }, async () => {
			while (next < flowids.length) {
				const n = next++;
				firstAnswers[n] = await send(flowids[n]).catch(() => undefined);
			}
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		await n8n.stop();
		await Promise.all(clients);
		await n8n.start();
		await n8n.waitForWebhooks(workflow);

		for (const [n, flowid] of flowids.entries()) {
			const again = await send(flowid);
			const firstSucceeded = firstAnswers[n]?.status === 200 && firstAnswers[n]?.answer.operResult === '1';
			// Answered success before the stop: remembered. Otherwise the re-send is accepted (or, if n8n had
			// stored the run when the connection closed, a duplicate): either way it runs, below.
			if (firstSucceeded) expect({ flowid, again }).toEqual({ flowid, again: { status: 200, answer: duplicate } });
			else expect({ flowid, again }).toEqual({ flowid, again: { status: 200, answer: expect.objectContaining({ operResult: '1' }) } });
		}
		// Every push runs: wait until each has a finished execution, then count once more.
		const runsOf = async () => {
			const runs = new Map<string, string[]>();
			for (const execution of await n8n.executions(workflow.id, { includeData: true })) {
				const flowid = /"flowid":"(inflight-\d+)"/.exec(JSON.stringify(execution.data?.resultData?.runData ?? {}))?.[1];
				if (flowid) runs.set(flowid, [...(runs.get(flowid) ?? []), `${execution.id} ${execution.status}`]);
			}
			return runs;
		};
		for (let waited = 0; (await runsOf()).size < flowids.length; waited += 500) {
			if (waited > 30_000) break;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const runs = await runsOf();
		// Answered success: ran exactly once. Otherwise (n8n answered 500 while stopping, or nothing) the
		// re-send ran it: at least once (twice where n8n stored and ran the first after answering 500).
		const wrong = flowids.flatMap((flowid, n) => {
			const first = firstAnswers[n];
			const count = (runs.get(flowid) ?? []).length;
			const firstSucceeded = first?.status === 200 && first.answer.operResult === '1';
			return (firstSucceeded ? count === 1 : count >= 1) ? [] : [{ flowid, first, runs: runs.get(flowid) ?? [] }];
		});
		expect(wrong).toEqual([]);
	});

	it('a kill -9 right after the answers: C and D are duplicates after the next start', async () => {
		for (const flowid of ['restart-C', 'restart-D']) expect(await send(flowid)).toEqual({ status: 200, answer: accepted });
		// And a stream from several clients at once, the kill right after the last answer.
		const stream = Array.from({ length: 24 }, (_, n) => `restart-stream-${n}`);
		const answers = await Promise.all([0, 1, 2, 3].map(async (client) => {
			const mine = stream.filter((_, n) => n % 4 === client);
			const got = [];
			for (const flowid of mine) got.push(await send(flowid));
			return got;
		}));
		expect(answers.flat()).toEqual(stream.map(() => ({ status: 200, answer: accepted })));
		n8n.process.kill('SIGKILL');
		await n8n.exited;

		await n8n.start();
		await n8n.waitForWebhooks(workflow);
		await expectDuplicates(['restart-C', 'restart-D', 'restart-A', ...stream]);
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
