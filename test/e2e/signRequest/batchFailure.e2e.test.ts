/**
 * Issue 11, item 6, in a real n8n: Sign Request (version 2) given a batch in which one item lacks
 * the chosen body field. That item leaves by the Failure output with the reason; the others are
 * signed and delivered, and the execution succeeds.
 * Workflow: test/e2e/workflows/sign-batch-failure.json.
 */
import { Webhook } from 'standardwebhooks';

import { type Execution, type ReceivedRequest, type TargetServer, connectN8n, nodeOutputs, startTarget } from '../harness/n8n';
import { loadCredential } from '../harness/workflows';

const n8n = connectN8n();

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

const secret = String(loadCredential('e2eSignSwCred1').data.secret);

function headersOf(request: ReceivedRequest): Record<string, string> {
	return Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
}

function runOf(execution: Execution, nodeName: string): { data: { main: Array<Array<{ pairedItem?: unknown }>> } } {
	const runs = execution.data?.resultData?.runData?.[nodeName] as Array<{ data: { main: Array<Array<{ pairedItem?: unknown }>> } }>;
	return runs[0];
}

describe('Sign Request in a real n8n: one item it cannot sign does not stop the batch', () => {
	let target: TargetServer;
	let execution: Execution;

	beforeAll(async () => {
		target = await startTarget();
		execution = await n8n.runManually('e2eSignBatch1');
	});

	afterAll(async () => await target.close());

	it('finishes the execution successfully', () => {
		expect(execution.status).toBe('success');
		expect(execution.data?.resultData?.error).toBeUndefined();
	});

	it('signs the good items on Success and sends the one without the body field to Failure, each paired with its input', () => {
		const [success, failure] = nodeOutputs(execution, 'Sign Request');
		expect(success.map((item) => item.messageId)).toEqual(['msg_B-1', 'msg_B-3']);
		expect(failure).toEqual([
			{
				messageId: 'msg_B-2',
				payload: { orderId: 'B-2' },
				error: {
					message: 'The item has no field "body", which the node\'s Field names as the body to sign',
					description: "Check the item and the node's URL and Body settings.",
				},
			},
		]);
		const [successRun, failureRun] = runOf(execution, 'Sign Request').data.main;
		expect(successRun.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failureRun.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(nodeOutputs(execution, 'Not Signed')[0]).toHaveLength(1);
	});

	it('delivers the signed items, each verified by the official library over the bytes received', () => {
		expect(target.requests.map((request) => request.body.toString('utf8'))).toEqual(['{"orderId":"B-1","amount":1}', '{"orderId":"B-3",  "amount": 3}']);
		for (const request of target.requests) {
			expect(() => new Webhook(secret).verify(request.body.toString('utf8'), headersOf(request))).not.toThrow();
		}
		expect(target.requests.map((request) => request.headers['webhook-id'])).toEqual(['msg_B-1', 'msg_B-3']);
	});
});
