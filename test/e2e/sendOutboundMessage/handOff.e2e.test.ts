/**
 * The hand-off of long retries in a real n8n: Send Outbound Message's Retry output → n8n's Wait node
 * ("Resume: At Specified Time" = `{{ $json.delivery.nextAttemptAt }}`) → back into the same Send
 * node. n8n's Wait node keeps waits under 65 s inside the running execution and parks longer ones
 * in the database as `waiting` (its wait tracker resumes them); both paths are driven here. The Wait
 * node reads the time of the first item and releases the batch then, so the node gives the whole
 * Retry batch its latest item's time, and holds an item that comes back early: no item is attempted
 * before its own `nextAttemptAt`, to the millisecond.
 * Workflows: test/e2e/workflows/send-hand-off.json and send-hand-off-parked.json.
 */
import { type Execution, connectN8n, nodeOutputs, postWebhook, startTarget } from '../harness/n8n';

const n8n = connectN8n();

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

const sendNode = 'Send Outbound Message';
const waitNode = 'Wait Until Next Attempt';

function runCount(execution: Execution, nodeName: string): number {
	return (execution.data?.resultData?.runData?.[nodeName] as unknown[] | undefined)?.length ?? 0;
}

function statuses(item: Item): Array<number | null> {
	return item.delivery.attempts.map((attempt: Item) => attempt.response?.status ?? null);
}

/** Every item of every run of a node, in run order. */
function allRuns(execution: Execution, nodeName: string): Item[] {
	const runs = runCount(execution, nodeName);
	return Array.from({ length: runs }, (_, run) => nodeOutputs(execution, nodeName, run)[0]).flat();
}

async function pollExecution(
	id: string,
	until: (execution: Execution & { waitTill?: string | null }) => boolean,
	timeoutMs: number,
): Promise<Execution & { waitTill?: string | null }> {
	const started = Date.now();
	for (;;) {
		const execution = (await n8n.execution(id)) as Execution & { waitTill?: string | null };
		if (until(execution)) return execution;
		if (Date.now() - started > timeoutMs) {
			throw new Error(`execution ${id} is still "${execution.status}" after ${timeoutMs} ms`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

describe('Send Outbound Message hand-off: Retry → Wait → back into the node', () => {
	describe('a short custom schedule (2s, 4s) after 1 in-node retry, waits inside the execution', () => {
		let execution: Execution;
		let requests: Awaited<ReturnType<typeof startTarget>>['requests'];

		beforeAll(async () => {
			let recoveringCalls = 0;
			let lateCalls = 0;
			const server = await startTarget((req, res) => {
				if (req.url === '/hand-off/recovering' && ++recoveringCalls > 3) {
					res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
					return;
				}
				if (req.url === '/hand-off/late') {
					// Its hand-off is due 4 s later, not the schedule's 2 s: Retry-After on the second answer.
					lateCalls++;
					if (lateCalls >= 3) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
					else res.writeHead(503, lateCalls === 2 ? { 'retry-after': '4' } : {}).end('busy');
					return;
				}
				res.writeHead(req.url === '/hand-off/recovering' ? 503 : 500).end('unavailable');
			});
			try {
				execution = await n8n.runManually('e2eSendHandOff1');
			} finally {
				await server.close();
			}
			requests = server.requests;
		});

		it('runs the loop to the end of the schedule: the Send node three times, the Wait node twice', () => {
			expect(execution.status).toBe('success');
			expect(runCount(execution, sendNode)).toBe(3);
			expect(runCount(execution, waitNode)).toBe(2);
		});

		it('hands all three items off after 1 + 1 attempts, at least 2 s after the last attempt', () => {
			const [success, retry, failure] = nodeOutputs(execution, sendNode, 0);
			expect(success).toEqual([]);
			expect(failure).toEqual([]);
			expect(retry.map((item) => item.target)).toEqual(['recovering', 'down', 'late']);
			for (const item of retry) {
				expect(item.delivery).toMatchObject({ status: 'retrying', reason: 'status_not_accepted' });
				expect(item.delivery.attempts).toHaveLength(2);
				expect(Date.parse(item.delivery.nextAttemptAt) - Date.parse(item.delivery.lastAttemptAt)).toBeGreaterThanOrEqual(2000);
			}
		});

		it("gives the whole Retry batch the latest item's time, which the Wait node reads from the first item", () => {
			const [, retry] = nodeOutputs(execution, sendNode, 0);
			const late = retry.find((item) => item.target === 'late') as Item;
			expect(Date.parse(late.delivery.nextAttemptAt) - Date.parse(late.delivery.lastAttemptAt)).toBeGreaterThanOrEqual(4000);
			expect(retry.map((item) => item.delivery.nextAttemptAt)).toEqual(Array(3).fill(late.delivery.nextAttemptAt));
		});

		it('makes one attempt per schedule step on each return and hands the item off again', () => {
			const [success, retry] = nodeOutputs(execution, sendNode, 1);
			expect(success.map((item) => item.target)).toEqual(['late']);
			expect(retry.map((item) => item.target)).toEqual(['recovering', 'down']);
			for (const item of retry) expect(item.delivery.attempts).toHaveLength(3);
		});

		it('attempts no item before its own nextAttemptAt', () => {
			for (const run of [0, 1]) {
				const [, handedOff] = nodeOutputs(execution, sendNode, run);
				const [nextSuccess, nextRetry, nextFailure] = nodeOutputs(execution, sendNode, run + 1);
				const returned = [...nextSuccess, ...nextRetry, ...nextFailure];
				expect(returned).toHaveLength(handedOff.length);
				for (const item of returned) {
					const due = (handedOff.find((left) => left.target === item.target) as Item).delivery.nextAttemptAt as string;
					expect(Date.parse(item.delivery.attempts[run + 2].at)).toBeGreaterThanOrEqual(Date.parse(due));
				}
			}
		});

		it('ends in Success for the targets that recovered, with all attempts recorded across the loop', () => {
			const [success, retry] = nodeOutputs(execution, sendNode, 2);
			expect(retry).toEqual([]);
			expect(success).toHaveLength(1);
			const [recovered] = success;
			expect(recovered.orderId).toBe('B-2001');
			expect(statuses(recovered)).toEqual([503, 503, 503, 200]);
			expect(recovered.delivery).toMatchObject({ status: 'succeeded', reason: null, nextAttemptAt: null });
			const [first] = nodeOutputs(execution, sendNode, 0)[1];
			expect(recovered.delivery.firstAttemptAt).toBe(first.delivery.firstAttemptAt);
			expect(recovered.delivery.attempts.slice(0, 2)).toEqual(first.delivery.attempts);
			const [[late]] = nodeOutputs(execution, sendNode, 1);
			expect(statuses(late)).toEqual([503, 503, 200]);
			expect(allRuns(execution, 'Delivered').map((item) => item.orderId)).toEqual(['B-2003', 'B-2001']);
		});

		it('sends an item still failing at the end of the schedule to Failure', () => {
			const [, , failure] = nodeOutputs(execution, sendNode, 2);
			expect(failure).toHaveLength(1);
			const [gaveUp] = failure;
			expect(gaveUp.orderId).toBe('B-2002');
			expect(statuses(gaveUp)).toEqual([500, 500, 500, 500]);
			expect(gaveUp.delivery).toMatchObject({ status: 'failed', reason: 'status_not_accepted', nextAttemptAt: null });
			expect(nodeOutputs(execution, 'Not Delivered')[0].map((item) => item.orderId)).toEqual(['B-2002']);
		});

		it('sends the same message id on every attempt of an item, across the Wait node', () => {
			const [lateSuccess] = nodeOutputs(execution, sendNode, 1);
			const [success, , failure] = nodeOutputs(execution, sendNode, 2);
			for (const item of [...lateSuccess, ...success, ...failure]) {
				const sent = requests.filter((r) => r.url === `/hand-off/${item.target}`);
				const attempts = item.delivery.attempts.length as number;
				expect(sent).toHaveLength(attempts);
				expect(sent.map((r) => r.headers['x-message-id'])).toEqual(Array(attempts).fill(item.delivery.messageId));
				// The record of an earlier run is not part of the message.
				expect(sent.map((r) => JSON.parse(r.body.toString()))).toEqual(Array(attempts).fill({ orderId: item.orderId, target: item.target }));
			}
		});
	});

	describe('a hand-off longer than 65 s parks the execution as waiting', () => {
		it('resumes it at nextAttemptAt and ends in Success with both attempts recorded', async () => {
			let calls = 0;
			const server = await startTarget((_req, res) => {
				if (++calls === 1) res.writeHead(503, { 'retry-after': '1' }).end('busy');
				else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			});
			try {
				const before = await n8n.executions('e2eSendHandOffParked1', { includeData: false });
				const reply = await postWebhook(n8n.baseUrl, 'e2e-send-hand-off-parked', JSON.stringify({ orderId: 'D-4001' }));
				expect(reply.status).toBe(200);

				let id: string | undefined;
				const started = Date.now();
				while (!id) {
					const list = await n8n.executions('e2eSendHandOffParked1', { includeData: false });
					if (list.length > before.length) id = list[0].id;
					else if (Date.now() - started > 30000) throw new Error('the webhook started no execution');
					else await new Promise((resolve) => setTimeout(resolve, 200));
				}

				const parked = await pollExecution(id, (e) => e.status !== 'running' && e.status !== 'new', 30000);
				expect(parked.status).toBe('waiting');
				const [, handedOff] = nodeOutputs(parked, sendNode, 0);
				expect(handedOff).toHaveLength(1);
				const due = handedOff[0].delivery.nextAttemptAt as string;
				expect(Date.parse(due) - Date.parse(handedOff[0].delivery.lastAttemptAt)).toBeGreaterThanOrEqual(67000);
				expect(Date.parse(parked.waitTill as string)).toBe(Date.parse(due));
				expect(server.requests).toHaveLength(1);

				const finished = await pollExecution(id, (e) => e.status !== 'waiting' && e.status !== 'running', 120000);
				expect(finished.status).toBe('success');
				expect(runCount(finished, sendNode)).toBe(2);
				const [[delivered]] = nodeOutputs(finished, sendNode, 1);
				expect(delivered.body).toEqual({ orderId: 'D-4001' });
				expect(statuses(delivered)).toEqual([503, 200]);
				expect(delivered.delivery).toMatchObject({ status: 'succeeded', reason: null, nextAttemptAt: null });
				expect(Date.parse(delivered.delivery.attempts[1].at)).toBeGreaterThanOrEqual(Date.parse(due));
				expect(nodeOutputs(finished, 'Delivered')[0]).toHaveLength(1);

				expect(server.requests).toHaveLength(2);
				expect(server.requests.map((r) => r.headers['x-message-id'])).toEqual([delivered.delivery.messageId, delivered.delivery.messageId]);
				expect(server.requests.map((r) => r.body.toString())).toEqual(['{"orderId":"D-4001"}', '{"orderId":"D-4001"}']);
			} finally {
				await server.close();
			}
		});
	});
});
