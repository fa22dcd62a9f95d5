/**
 * Found trying the delivery side as a new user would (issue 11 acceptance), in a real n8n:
 * - a URL written with a user name and password (`https://user:password@host/`) sends them as Basic
 *   authorization, and the saved execution keeps the password masked;
 * - an item whose Retries expression is out of range fails alone, its record naming its target and
 *   event (not null);
 * - a Sign Each Attempt credential that cannot sign, with "On Error: Continue", sends every item to
 *   Failure (n8n itself would pass the unsent input items out on Success);
 * - Sign Request's Verify with "On Error: Continue (using error output)" moves an item it cannot check
 *   to n8n's error output (it carries n8n's item error).
 * Workflow: test/e2e/workflows/on-error-and-secrets.json.
 */
import { type Execution, type TargetServer, connectN8n, nodeOutputs, startTarget } from '../harness/n8n';

const n8n = connectN8n();

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

const password = 'e2e-url-password-3c1f';

describe('delivery with URL credentials, expression limits and On Error: Continue, in a real n8n', () => {
	let target: TargetServer;
	let execution: Execution;

	beforeAll(async () => {
		target = await startTarget((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":"1"}'));
		try {
			execution = await n8n.runManually('e2eReviewDelivery1');
		} finally {
			await target.close();
		}
	});

	it('finishes the execution successfully', () => {
		expect(execution.status).toBe('success');
	});

	it('sends the user name and password of the URL as Basic authorization, once, for the valid item only', () => {
		expect(target.requests.map((request) => [request.url, request.headers.authorization])).toEqual([
			['/review/in', `Basic ${Buffer.from(`hook-user:${password}`).toString('base64')}`],
		]);
	});

	it('masks the password in the record and keeps it out of the data n8n stored', () => {
		const [success] = nodeOutputs(execution, 'Send to Review');
		const [attempt] = success[0].delivery.attempts;
		expect(attempt.request.url).toBe(`${target.url.replace('//', '//hook-user:***@')}/review/in`);
		expect(attempt.request.headers.authorization).toBe('Basic ***');
		expect(success[0].delivery.target).toBe(`${target.url}/review/in`);
		const stored = JSON.stringify(execution.data?.resultData?.runData);
		expect(stored).not.toContain(password);
		expect(stored).not.toContain(Buffer.from(`hook-user:${password}`).toString('base64'));
	});

	it('fails only the item whose Retries expression is out of range, naming the field, the node, its target and event', () => {
		const [success, retry, failure] = nodeOutputs(execution, 'Send to Review');
		expect(success.map((item) => item.orderId)).toEqual(['R-1']);
		expect(retry).toEqual([]);
		expect(failure.map((item) => [item.orderId, item.delivery.reason, item.delivery.target, item.delivery.event, item.delivery.attempts])).toEqual([
			['R-2', 'invalid_request', `${target.url}/review/in`, 'flow.paid', []],
		]);
		expect(failure[0].delivery.message).toMatch(/^Invalid "Retries" in node "Send to Review": 15 is more than 10: use a whole number from 0 to 10/);
	});

	it('with On Error: Continue, sends every item to Failure when the Sign Each Attempt credential cannot sign, none to Success', () => {
		const [success, retry, failure] = nodeOutputs(execution, 'Send Signed Each Attempt');
		expect([success, retry]).toEqual([[], []]);
		expect(failure.map((item) => [item.orderId, item.delivery.status, item.delivery.reason, item.delivery.target])).toEqual([
			['R-1', 'failed', 'invalid_request', `${target.url}/review/signed`],
			['R-2', 'failed', 'invalid_request', `${target.url}/review/signed`],
		]);
		expect(failure[0].delivery.message).toContain('"Signed String Template" is empty');
		expect(target.requests.filter((request) => request.url.startsWith('/review/signed'))).toEqual([]);
		expect(JSON.stringify(execution.data?.resultData?.runData)).not.toContain('e2e-incomplete-secret-2a7d');
	});

	it('Sign Request version 1, On Error: Continue: a credential that cannot sign marks every item with the error, none passes on unsigned', () => {
		const [out] = nodeOutputs(execution, 'Sign Request v1');
		expect(out).toEqual([
			{ error: expect.stringContaining('"Signed String Template" is empty') },
			{ error: expect.stringContaining('"Signed String Template" is empty') },
		]);
	});

	it("moves the item Verify cannot check to n8n's error output, as n8n shows an item error", () => {
		const [valid, invalid, error] = nodeOutputs(execution, 'Verify');
		expect(valid).toEqual([]);
		expect(invalid).toEqual([]);
		expect(error).toHaveLength(1);
		// n8n keeps only the message in the JSON of an item that carries an item error (normalizeNodeErrors).
		expect(error).toEqual([{ error: expect.stringContaining('The item carries no received request: expected json.headers') }]);
		expect(nodeOutputs(execution, 'Verify Error')[0]).toHaveLength(1);
	});
});
