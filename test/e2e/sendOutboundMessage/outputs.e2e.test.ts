/**
 * Send Outbound Message in a real n8n: which output each item leaves by, what its delivery record
 * says, what the target received, and what the execution history shows of secrets.
 * Workflows: test/e2e/workflows/send-outputs.json and send-masking.json.
 */
import { type Execution, connectN8n, nodeOutputs, startTarget, type TargetServer } from '../harness/n8n';

const n8n = connectN8n();

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

function runsOf(execution: Execution, nodeName: string): unknown[] | undefined {
	return execution.data?.resultData?.runData?.[nodeName] as unknown[] | undefined;
}

function byTarget(items: Item[]): Record<string, Item> {
	return Object.fromEntries(items.map((item) => [item.target, item]));
}

function statuses(item: Item): Array<number | null> {
	return item.delivery.attempts.map((attempt: Item) => attempt.response?.status ?? null);
}

function reasons(item: Item): Array<string | null> {
	return item.delivery.attempts.map((attempt: Item) => attempt.error?.reason ?? null);
}

function respondJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

describe('Send Outbound Message in a real n8n: three outputs, retries and the delivery record', () => {
	describe('a batch against a flaky target (3 retries, 0.1 s apart, keyword code = 1, no hand-off)', () => {
		let execution: Execution;
		let success: Item[];
		let retry: Item[];
		let failure: Item[];
		let requests: TargetServer['requests'];

		beforeAll(async () => {
			const seen = new Map<string, number>();
			const server = await startTarget((req, res) => {
				const count = (seen.get(req.url) ?? 0) + 1;
				seen.set(req.url, count);
				switch (req.url) {
					case '/outputs/flaky':
						// Busy twice, then accepted; the code comes back as a number, which `code = 1` accepts too.
						return count <= 2 ? respondJson(res, 503, { error: 'busy' }) : respondJson(res, 200, { code: 1 });
					case '/outputs/down':
						return respondJson(res, 500, { error: 'down' });
					case '/outputs/refused':
						return respondJson(res, 200, { code: '0', message: 'duplicate order' });
					case '/outputs/accepted':
						return respondJson(res, 200, { code: '1' });
					default:
						return respondJson(res, 404, { error: 'unknown path' });
				}
			});
			try {
				execution = await n8n.runManually('e2eSendOutputs1');
			} finally {
				await server.close();
			}
			requests = server.requests;
			[success, retry, failure] = nodeOutputs(execution, 'Send Outbound Message');
		});

		it('finishes the execution successfully', () => {
			expect(execution.status).toBe('success');
		});

		it('sends the accepted items to Success and the failed ones to Failure, each in input order', () => {
			expect(success.map((item) => item.target)).toEqual(['flaky', 'accepted']);
			expect(retry).toEqual([]);
			expect(failure.map((item) => item.target)).toEqual(['down', 'refused']);
		});

		it('hands each output to the node wired to it, and nothing to the Retry branch when hand-off is off', () => {
			expect(nodeOutputs(execution, 'On Success')[0].map((item) => item.orderId)).toEqual(['A-1001', 'A-1004']);
			expect(nodeOutputs(execution, 'On Failure')[0].map((item) => item.orderId)).toEqual(['A-1002', 'A-1003']);
			expect(runsOf(execution, 'On Retry')).toBeUndefined();
		});

		it('keeps the original item JSON next to the delivery record', () => {
			expect(success[0]).toMatchObject({ orderId: 'A-1001', target: 'flaky' });
			expect(Object.keys(success[0]).sort()).toEqual(['delivery', 'orderId', 'target']);
		});

		it('records a flaky item as succeeded after two 503s and a 200', () => {
			const { flaky } = byTarget(success);
			expect(statuses(flaky)).toEqual([503, 503, 200]);
			expect(reasons(flaky)).toEqual(['status_not_accepted', 'status_not_accepted', null]);
			expect(flaky.delivery).toMatchObject({ status: 'succeeded', reason: null, message: null, nextAttemptAt: null });
			expect(flaky.delivery.target).toBe(`http://127.0.0.1:${n8n.info.targetPort}/outputs/flaky`);
			expect(flaky.delivery.firstAttemptAt).toBe(flaky.delivery.attempts[0].at);
			expect(flaky.delivery.lastAttemptAt).toBe(flaky.delivery.attempts[2].at);
		});

		it('waits at least the fixed interval between the end of one attempt and the start of the next', () => {
			const { attempts } = byTarget(success).flaky.delivery;
			for (let i = 1; i < attempts.length; i++) {
				const previousEnd = Date.parse(attempts[i - 1].at) + attempts[i - 1].durationMs;
				// 100 ms interval; `at` is kept to the millisecond, so allow for rounding.
				expect(Date.parse(attempts[i].at) - previousEnd).toBeGreaterThanOrEqual(98);
			}
		});

		it('gives up on an always-500 item after 1 + 3 attempts with status_not_accepted', () => {
			const { down } = byTarget(failure);
			expect(statuses(down)).toEqual([500, 500, 500, 500]);
			expect(down.delivery).toMatchObject({ status: 'failed', reason: 'status_not_accepted', nextAttemptAt: null });
			expect(down.delivery.message).toContain('500');
			expect(down.delivery.attempts[3].response.body).toBe('{"error":"down"}');
		});

		it('fails a 200 whose body says code 0 at once with keyword_mismatch (not retryable by default)', () => {
			const { refused } = byTarget(failure);
			expect(statuses(refused)).toEqual([200]);
			expect(refused.delivery).toMatchObject({ status: 'failed', reason: 'keyword_mismatch' });
			expect(refused.delivery.attempts[0].error.reason).toBe('keyword_mismatch');
			expect(refused.delivery.attempts[0].response.body).toBe('{"code":"0","message":"duplicate order"}');
		});

		it('accepts a 200 with code "1" on the first attempt', () => {
			const { accepted } = byTarget(success);
			expect(statuses(accepted)).toEqual([200]);
			expect(accepted.delivery.attempts[0].error).toBeNull();
		});

		it('made exactly the attempts the records list, each a POST of the item JSON', () => {
			const paths = requests.map((request) => request.url);
			expect(paths.filter((p) => p === '/outputs/flaky')).toHaveLength(3);
			expect(paths.filter((p) => p === '/outputs/down')).toHaveLength(4);
			expect(paths.filter((p) => p === '/outputs/refused')).toHaveLength(1);
			expect(paths.filter((p) => p === '/outputs/accepted')).toHaveLength(1);
			for (const request of requests) {
				expect(request.method).toBe('POST');
				expect(request.headers['content-type']).toContain('application/json');
			}
			const flakyBodies = requests.filter((r) => r.url === '/outputs/flaky').map((r) => JSON.parse(r.body.toString()));
			expect(flakyBodies).toEqual(Array(3).fill({ orderId: 'A-1001', target: 'flaky' }));
		});

		it('sends one message id per item, the same on every attempt, and records it', () => {
			const items = [...success, ...failure];
			for (const item of items) {
				const sent = requests.filter((r) => r.url === `/outputs/${item.target}`).map((r) => r.headers['x-message-id']);
				expect(new Set(sent)).toEqual(new Set([item.delivery.messageId]));
				expect(item.delivery.attempts.every((a: Item) => a.request.headers['X-Message-Id'] === item.delivery.messageId)).toBe(true);
			}
			expect(new Set(items.map((item) => item.delivery.messageId)).size).toBe(4);
		});
	});

	describe('secrets and a bad URL in a batch', () => {
		const secrets = ['e2e-bearer-secret-7f3a', 'e2e-api-key-secret-91c2', 'e2e-query-secret-5d8e', 'e2e-cookie-secret-0b4d'];
		let execution: Execution;
		let success: Item[];
		let failure: Item[];
		let requests: TargetServer['requests'];

		beforeAll(async () => {
			const server = await startTarget((_req, res) => {
				res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'session=e2e-cookie-secret-0b4d; HttpOnly' });
				res.end('{"ok":true}');
			});
			try {
				execution = await n8n.runManually('e2eSendMasking1');
			} finally {
				await server.close();
			}
			requests = server.requests;
			[success, , failure] = nodeOutputs(execution, 'Send Outbound Message');
		});

		it('delivers the valid items of the batch, in order, with the secrets in clear on the wire', () => {
			expect(execution.status).toBe('success');
			expect(success.map((item) => item.orderId)).toEqual(['C-3001', 'C-3003']);
			expect(requests.map((r) => r.url)).toEqual([
				'/masking/first?access_token=e2e-query-secret-5d8e&page=2',
				'/masking/third?access_token=e2e-query-secret-5d8e&page=2',
			]);
			for (const request of requests) {
				expect(request.headers.authorization).toBe('Bearer e2e-bearer-secret-7f3a');
				expect(request.headers['x-api-key']).toBe('e2e-api-key-secret-91c2');
				expect(request.headers['x-tenant']).toBe('tenant-42');
			}
		});

		it('fails only the item with an invalid URL, as invalid_request with no attempt', () => {
			expect(failure).toHaveLength(1);
			const [broken] = failure;
			expect(broken.orderId).toBe('C-3002');
			expect(broken.delivery).toMatchObject({ status: 'failed', reason: 'invalid_request', attempts: [], target: null });
			expect(broken.delivery.message).toContain('"not a url" is not valid');
			expect(nodeOutputs(execution, 'On Failure')[0].map((item) => item.orderId)).toEqual(['C-3002']);
		});

		it('masks the Authorization header, API key, token query parameter and response cookie in the record', () => {
			const [attempt] = success[0].delivery.attempts;
			expect(attempt.request.headers.Authorization).toBe('Bearer ***');
			expect(attempt.request.headers['X-Api-Key']).toBe('***');
			expect(attempt.request.headers['X-Tenant']).toBe('tenant-42');
			expect(attempt.request.url).toMatch(/\/masking\/first\?access_token=\*\*\*&page=2$/);
			expect(success[0].delivery.target).toMatch(/\/masking\/first$/);
			expect(JSON.stringify(attempt.response.headers['set-cookie'])).toContain('***');
		});

		it('keeps every secret out of the data n8n stored for the execution', () => {
			const stored = JSON.stringify(execution.data?.resultData?.runData);
			for (const secret of secrets) expect(stored).not.toContain(secret);
		});
	});

	describe('run by hand with nothing coming in (the seed\'s "test and save")', () => {
		it('sends one sample message for the chosen event, once, and reports the answer against the success rule', async () => {
			const server = await startTarget((_req, res) => respondJson(res, 200, { code: '0', message: 'unknown flow' }));
			let execution: Execution;
			try {
				execution = await n8n.runManually('e2eSendTestRun1');
			} finally {
				await server.close();
			}
			expect(execution.status).toBe('success');
			// Retries are off for a test: one request, whatever the node's Retries say.
			expect(server.requests).toHaveLength(1);
			const sample = JSON.parse(server.requests[0].body.toString());
			expect(sample).toMatchObject({ action: 'flow.paid', actionName: '已支付/审批完成', flowId: 'ID_sample_flow01' });

			const [success, retry, failure] = nodeOutputs(execution, 'Send Outbound Message');
			expect(success).toEqual([]);
			expect(retry).toEqual([]);
			expect(failure).toHaveLength(1);
			expect(failure[0].delivery).toMatchObject({ event: 'flow.paid', status: 'failed', reason: 'keyword_mismatch' });
			expect(failure[0].testResult).toMatchObject({ passed: false, successRule: 'HTTP 200, 201, 204 and code = "1" (a 204 passes without a body)' });
			expect(failure[0].testResult.answer).toContain('HTTP 200 {"code":"0","message":"unknown flow"}');
		});
	});
});
