/**
 * The hand-off of long retries in a real n8n: Send Outbound Message's Retry output → n8n's Wait node
 * ("Resume: At Specified Time" = `{{ $json.delivery.nextAttemptAt }}`) → back into the same Send
 * node. n8n's Wait node keeps waits under 65 s inside the running execution and parks longer ones
 * in the database as `waiting` (its wait tracker resumes them); both paths are driven here.
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

/** Clock slack for "not before": timers may fire a millisecond early and `at` is kept to the millisecond. */
const timerSlackMs = 5;

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
	describe('a short custom schedule (2s, 2s) after 1 in-node retry, waits inside the execution', () => {
		let execution: Execution;
		let requests: Awaited<ReturnType<typeof startTarget>>['requests'];

		beforeAll(async () => {
			let recoveringCalls = 0;
			const server = await startTarget((req, res) => {
				if (req.url === '/hand-off/recovering' && ++recoveringCalls > 3) {
					res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
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

		it('hands both items off after 1 + 1 attempts, due 2 s after the last attempt', () => {
			const [success, retry, failure] = nodeOutputs(execution, sendNode, 0);
			expect(success).toEqual([]);
			expect(failure).toEqual([]);
			expect(retry.map((item) => item.target)).toEqual(['recovering', 'down']);
			for (const item of retry) {
				expect(item.delivery).toMatchObject({ status: 'retrying', reason: 'status_not_accepted' });
				expect(item.delivery.attempts).toHaveLength(2);
				expect(Date.parse(item.delivery.nextAttemptAt) - Date.parse(item.delivery.lastAttemptAt)).toBeGreaterThanOrEqual(2000);
			}
		});

		it('makes one attempt per schedule step on each return and hands the item off again', () => {
			const [, retry] = nodeOutputs(execution, sendNode, 1);
			expect(retry.map((item) => item.target)).toEqual(['recovering', 'down']);
			for (const item of retry) expect(item.delivery.attempts).toHaveLength(3);
		});

		it('resumes each attempt no sooner than the time the Wait node was given', () => {
			for (const run of [0, 1]) {
				const [, handedOff] = nodeOutputs(execution, sendNode, run);
				// The Wait node reads "Date and Time" for the first item and releases the batch together.
				const due = Date.parse(handedOff[0].delivery.nextAttemptAt);
				const [, nextRetry, nextFailure] = nodeOutputs(execution, sendNode, run + 1);
				const [nextSuccess] = nodeOutputs(execution, sendNode, run + 1);
				for (const item of [...nextSuccess, ...nextRetry, ...nextFailure]) {
					expect(Date.parse(item.delivery.attempts[run + 2].at)).toBeGreaterThanOrEqual(due - timerSlackMs);
				}
			}
		});

		it('ends in Success for the target that recovered, with all four attempts recorded across the loop', () => {
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
			expect(nodeOutputs(execution, 'Delivered')[0].map((item) => item.orderId)).toEqual(['B-2001']);
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

		it('sends the same message id on all four attempts of an item, across the Wait node', () => {
			const [success, , failure] = nodeOutputs(execution, sendNode, 2);
			for (const item of [...success, ...failure]) {
				const sent = requests.filter((r) => r.url === `/hand-off/${item.target}`);
				expect(sent).toHaveLength(4);
				expect(sent.map((r) => r.headers['x-message-id'])).toEqual(Array(4).fill(item.delivery.messageId));
				// The record of an earlier run is not part of the message.
				expect(sent.map((r) => JSON.parse(r.body.toString()))).toEqual(Array(4).fill({ orderId: item.orderId, target: item.target }));
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
				expect(Date.parse(delivered.delivery.attempts[1].at)).toBeGreaterThanOrEqual(Date.parse(due) - timerSlackMs);
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
