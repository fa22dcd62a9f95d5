/**
 * Sign Request and the Outbound Signing Secret credential in a real n8n, checked from the other
 * side of the wire: every signed request is verified by an independent implementation (the
 * official `standardwebhooks` library, or Jiandaoyun's published algorithm written out here), and
 * the Verify operation judges requests the library signed.
 * Workflows: test/e2e/workflows/sign-*.json; credentials: test/e2e/credentials/sign-*.json.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';

import { Webhook } from 'standardwebhooks';

import {
	type Execution,
	type ReceivedRequest,
	type TargetServer,
	connectN8n,
	nodeOutputs,
	postWebhook,
	startTarget,
} from '../harness/n8n';
import { loadCredential } from '../harness/workflows';

const n8n = connectN8n();

// Jest reads testTimeout only from the global config, not from the e2e project's entry.
jest.setTimeout(180_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any>;

function secretOf(credentialId: string, field = 'secret'): string {
	return String(loadCredential(credentialId).data[field]);
}

/** A secret as it could leak: as written, the base64 key after `whsec_`, and the key bytes in hex. */
function leakForms(secret: string): string[] {
	if (!secret.startsWith('whsec_')) return [secret];
	const key = secret.slice('whsec_'.length);
	return [secret, key, Buffer.from(key, 'base64').toString('hex')];
}

/** Every place in the whole execution (run data, workflow, errors) where a form of a secret appears. */
function secretLeaks(execution: Execution, secrets: string[]): string[] {
	const text = JSON.stringify(execution);
	return secrets.flatMap(leakForms).filter((form) => text.includes(form));
}

function headersOf(request: ReceivedRequest): Record<string, string> {
	return Object.fromEntries(
		Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
	);
}

/** What the official library says about a received request: the parsed payload, or its error. */
function verifyWithLibrary(secret: string, request: ReceivedRequest): { verified: true; payload: unknown } | { verified: false; error: string } {
	try {
		return { verified: true, payload: new Webhook(secret).verify(request.body, headersOf(request)) };
	} catch (error) {
		return { verified: false, error: (error as Error).message };
	}
}

function answer(res: http.ServerResponse, status: number, body: string): void {
	res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'text/plain' }).end(body);
}

describe('Sign Request in a real n8n', () => {
	let target: TargetServer | undefined;

	afterEach(async () => {
		await target?.close();
		target = undefined;
	});

	describe('Manual Trigger → Sign Request (Standard Webhooks) → Send Outbound Message', () => {
		const secret = secretOf('e2eSignSwCred1');
		const verdicts: Array<ReturnType<typeof verifyWithLibrary>> = [];
		let execution: Execution;
		let received: ReceivedRequest[];

		beforeAll(async () => {
			target = await startTarget((req, res) => {
				const verdict = verifyWithLibrary(secret, req);
				verdicts.push(verdict);
				if (verdict.verified) answer(res, 200, '{"received":true}');
				else answer(res, 401, verdict.error);
			});
			execution = await n8n.runManually('e2eSignSend1');
			received = target.requests;
		});

		it('finishes the execution successfully', () => {
			expect(execution.status).toBe('success');
		});

		it('delivers one request that the official standardwebhooks library verifies', () => {
			expect(received).toHaveLength(1);
			expect(verdicts).toEqual([
				{
					verified: true,
					payload: {
						orderId: 'S-1001',
						customer: '张三',
						note: 'café ✓ "quoted" / slash',
						amount: 12.5,
						lines: [{ sku: 'A', qty: 2 }],
					},
				},
			]);
		});

		it('sends, byte for byte, the body Sign Request signed, with its message id and signature headers', () => {
			const [[signed]] = nodeOutputs(execution, 'Sign Request');
			expect(received[0].body.equals(Buffer.from(signed.request.body as string, 'utf8'))).toBe(true);
			expect(received[0].url).toBe('/sign/standard-webhooks');
			expect(received[0].headers['webhook-id']).toBe('msg_S-1001');
			expect(received[0].headers['webhook-signature']).toBe(signed.request.headers['webhook-signature']);
			expect(received[0].headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
			expect(received[0].headers['content-type']).toBe('application/json');
		});

		it('puts the item on Send Outbound Message\'s Success output with a one-attempt delivery record', () => {
			const [success, retry, failure] = nodeOutputs(execution, 'Send Outbound Message');
			expect(retry).toEqual([]);
			expect(failure).toEqual([]);
			expect(success).toHaveLength(1);
			expect(success[0].orderId).toBe('S-1001');
			expect(success[0].delivery).toMatchObject({ messageId: 'msg_S-1001', status: 'succeeded' });
			expect(success[0].delivery.attempts.map((attempt: Item) => attempt.response.status)).toEqual([200]);
			expect(nodeOutputs(execution, 'Delivered')[0]).toHaveLength(1);
		});

		it('keeps the secret out of the execution data (as written, its base64 key, the key in hex)', () => {
			// The search covers real data: the execution holds the signature made with the secret.
			expect(JSON.stringify(execution)).toContain(String(received[0].headers['webhook-signature']));
			expect(secretLeaks(execution, [secret])).toEqual([]);
		});
	});

	describe('rotation: "Sign With All Secrets" with a newest and a previous secret', () => {
		const newest = secretOf('e2eSignRotateCred1');
		const previous = secretOf('e2eSignRotateCred1', 'previousSecrets');
		let execution: Execution;
		let received: ReceivedRequest[];

		beforeAll(async () => {
			target = await startTarget((req, res) => {
				const accepted = verifyWithLibrary(newest, req).verified || verifyWithLibrary(previous, req).verified;
				answer(res, accepted ? 200 : 401, accepted ? '{}' : 'no secret matched');
			});
			execution = await n8n.runManually('e2eSignRotation1');
			received = target.requests;
		});

		it('sends two v1 signatures in webhook-signature, newest first', () => {
			expect(execution.status).toBe('success');
			expect(received).toHaveLength(1);
			expect(received[0].headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/);
		});

		it('verifies with the library holding only the newest secret, and with it holding only the previous one', () => {
			expect(verifyWithLibrary(newest, received[0])).toEqual({ verified: true, payload: { orderId: 'R-2001', event: 'order.paid' } });
			expect(verifyWithLibrary(previous, received[0])).toEqual({ verified: true, payload: { orderId: 'R-2001', event: 'order.paid' } });
		});

		it('does not verify with a secret outside the rotation', () => {
			expect(verifyWithLibrary(secretOf('e2eSignSwCred1'), received[0])).toEqual({ verified: false, error: 'No matching signature found' });
		});

		it('delivers the item and keeps both secrets out of the execution data', () => {
			expect(nodeOutputs(execution, 'Send Outbound Message')[0]).toHaveLength(1);
			expect(secretLeaks(execution, [newest, previous])).toEqual([]);
		});
	});

	describe('Send Outbound Message with "Sign Each Attempt": a 503, then a retry 1.5 s later', () => {
		const secret = secretOf('e2eSignSwCred1');
		const verdicts: Array<ReturnType<typeof verifyWithLibrary>> = [];
		let execution: Execution;
		let received: ReceivedRequest[];

		beforeAll(async () => {
			target = await startTarget((req, res, index) => {
				const verdict = verifyWithLibrary(secret, req);
				verdicts.push(verdict);
				if (index === 0) answer(res, 503, 'busy');
				else if (verdict.verified) answer(res, 200, '{}');
				else answer(res, 401, verdict.error);
			});
			execution = await n8n.runManually('e2eSignEachAttempt1');
			received = target.requests;
		});

		it('sends two attempts, each signed so that the library verifies it', () => {
			expect(received).toHaveLength(2);
			expect(verdicts.map((verdict) => verdict.verified)).toEqual([true, true]);
		});

		it('keeps the webhook-id and signs the retry afresh with its own, later timestamp', () => {
			const [first, retry] = received.map((request) => request.headers);
			expect(retry['webhook-id']).toBe(first['webhook-id']);
			expect(first['webhook-id']).toMatch(/^msg_[0-9a-f]+$/);
			// 1.5 s between the attempts: the retry's second-resolution timestamp is at least one later.
			expect(Number(retry['webhook-timestamp'])).toBeGreaterThanOrEqual(Number(first['webhook-timestamp']) + 1);
			expect(retry['webhook-signature']).not.toBe(first['webhook-signature']);
		});

		it('puts the item on Success with both attempts recorded', () => {
			const [success, retry, failure] = nodeOutputs(execution, 'Send Outbound Message');
			expect([retry, failure]).toEqual([[], []]);
			expect(success).toHaveLength(1);
			expect(success[0].delivery.messageId).toBe(received[0].headers['webhook-id']);
			expect(success[0].delivery.attempts.map((attempt: Item) => attempt.response.status)).toEqual([503, 200]);
		});

		it('keeps the secret out of the execution data', () => {
			expect(secretLeaks(execution, [secret])).toEqual([]);
		});
	});

	describe('Jiandaoyun push signature, checked with the algorithm Jiandaoyun publishes', () => {
		const secret = secretOf('e2eSignJdyCred1');
		let execution: Execution;
		let received: ReceivedRequest[];
		const checks: Array<{ expected: string; sent: string | undefined }> = [];

		/**
		 * Jiandaoyun's help center ("数据推送 › 验证推送签名"): the receiver takes `nonce` and `timestamp`
		 * from the query string and compares X-JDY-Signature with the hex SHA-1 of
		 * `nonce:payload:secret:timestamp` in UTF-8, where payload is the request body as received.
		 */
		function jiandaoyunSignature(request: ReceivedRequest): string {
			const query = new URL(request.url, 'http://receiver.test').searchParams;
			return createHash('sha1')
				.update(Buffer.concat([Buffer.from(`${query.get('nonce')}:`, 'utf8'), request.body, Buffer.from(`:${secret}:${query.get('timestamp')}`, 'utf8')]))
				.digest('hex');
		}

		beforeAll(async () => {
			target = await startTarget((req, res) => {
				const check = { expected: jiandaoyunSignature(req), sent: req.headers['x-jdy-signature'] as string | undefined };
				checks.push(check);
				// Jiandaoyun counts a push as delivered on a 2xx answer with the body `success`.
				if (check.sent === check.expected) answer(res, 200, 'success');
				else answer(res, 401, 'fail');
			});
			execution = await n8n.runManually('e2eSignJiandaoyun1');
			received = target.requests;
		});

		it('sends a push whose X-JDY-Signature matches the published algorithm', () => {
			expect(execution.status).toBe('success');
			expect(received).toHaveLength(1);
			expect(checks).toHaveLength(1);
			expect(checks[0].sent).toBe(checks[0].expected);
		});

		it('carries timestamp and nonce in the query after the URL\'s own parameters, and a deliver id', () => {
			const url = new URL(received[0].url, 'http://receiver.test');
			expect(url.pathname).toBe('/sign/jiandaoyun');
			expect([...url.searchParams.keys()]).toEqual(['tenant', 'timestamp', 'nonce']);
			expect(url.searchParams.get('tenant')).toBe('e2e');
			expect(Math.abs(Number(url.searchParams.get('timestamp')) - Date.now() / 1000)).toBeLessThan(300);
			expect(url.searchParams.get('nonce')).toMatch(/^[0-9a-f]{20}$/);
			expect(received[0].headers['x-jdy-deliverid']).toMatch(/^[0-9a-f-]{36}$/);
		});

		it('sends the envelope with its Chinese keys as the exact UTF-8 bytes that were signed', () => {
			const [[signed]] = nodeOutputs(execution, 'Sign Request');
			expect(received[0].body.equals(Buffer.from(signed.request.body as string, 'utf8'))).toBe(true);
			expect(JSON.parse(received[0].body.toString('utf8')).data).toMatchObject({ 名称: '报销单', 备注: 'a:b:c' });
		});

		it('delivers the item and keeps the secret out of the execution data', () => {
			const [success] = nodeOutputs(execution, 'Send Outbound Message');
			expect(success.map((item) => item.delivery.attempts[0].response.body)).toEqual(['success']);
			expect(secretLeaks(execution, [secret])).toEqual([]);
		});
	});

	describe('Webhook (Raw Body) → Sign Request (Verify) → Valid / Invalid', () => {
		const secret = secretOf('e2eSignSwCred1');
		const workflowId = 'e2eSignVerify1';
		// Spaces, a line break and 12.50: parsing and serialising again would change these bytes.
		const payload = '{ "event": "invoice.paid",\n  "名称": "报销单", "amount": 12.50 }';

		function signedHeaders(id: string, at: Date, body: string): Record<string, string> {
			return {
				'content-type': 'application/json',
				'webhook-id': id,
				'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
				'webhook-signature': new Webhook(secret).sign(id, at, body),
			};
		}

		/** POSTs to the workflow's webhook and returns the Sign Request outputs of the execution it starts. */
		async function deliver(body: string, headers: Record<string, string>): Promise<{ valid: Item[]; invalid: Item[]; execution: Execution }> {
			const before = (await n8n.executions(workflowId, { includeData: false })).length;
			const reply = await postWebhook(n8n.baseUrl, 'e2e-sign-verify', body, headers);
			expect(reply.status).toBe(200);
			const [execution] = await n8n.waitForExecutions(workflowId, before + 1);
			const [valid, invalid] = nodeOutputs(execution, 'Sign Request');
			return { valid, invalid, execution };
		}

		it('sends a request the library signed to Valid, with its webhook-id as the delivery id', async () => {
			const at = new Date();
			const { valid, invalid, execution } = await deliver(payload, signedHeaders('msg_verify_valid', at, payload));
			expect(invalid).toEqual([]);
			expect(valid).toHaveLength(1);
			expect(valid[0].verification).toEqual({
				valid: true,
				scheme: 'standardWebhooks',
				deliveryId: 'msg_verify_valid',
				timestamp: Math.floor(at.getTime() / 1000),
			});
			expect(valid[0].body).toEqual({ event: 'invoice.paid', 名称: '报销单', amount: 12.5 });
			expect(nodeOutputs(execution, 'Valid')[0]).toHaveLength(1);
			expect(execution.data?.resultData?.runData?.Invalid).toBeUndefined();
		});

		it('sends a request with one byte of the body changed to Invalid, saying no signature matched', async () => {
			const headers = signedHeaders('msg_verify_tampered', new Date(), payload);
			const { valid, invalid, execution } = await deliver(payload.replace('12.50', '12.60'), headers);
			expect(valid).toEqual([]);
			expect(invalid).toHaveLength(1);
			expect(invalid[0].verification).toEqual({
				valid: false,
				scheme: 'standardWebhooks',
				reason: 'signature_mismatch',
				message: 'No signature in header webhook-signature matched',
			});
			expect(nodeOutputs(execution, 'Invalid')[0]).toHaveLength(1);
		});

		it('sends a correctly signed request from ten minutes ago to Invalid, saying by how much it expired', async () => {
			const at = new Date(Date.now() - 600_000);
			const { invalid } = await deliver(payload, signedHeaders('msg_verify_old', at, payload));
			expect(invalid).toHaveLength(1);
			expect(invalid[0].verification).toMatchObject({ valid: false, reason: 'timestamp_out_of_tolerance' });
			expect(invalid[0].verification.message).toMatch(/^header webhook-timestamp is 6\d\d s old, outside the accepted window of 300 s \(expired by 3\d\d s\)$/);
		});

		it('sends a request without a signature to Invalid, naming the missing header', async () => {
			const unsigned = signedHeaders('msg_verify_unsigned', new Date(), payload);
			delete unsigned['webhook-signature'];
			const { invalid } = await deliver(payload, unsigned);
			expect(invalid.map((item) => item.verification)).toEqual([
				{ valid: false, scheme: 'standardWebhooks', reason: 'missing_signature', message: 'Missing header webhook-signature' },
			]);
		});
	});
});
