/**
 * Requests as each source system sends them, built WITHOUT the package's signing code, so the e2e
 * proves our triggers accept what the real senders produce:
 * - Jiandaoyun (简道云): the vendor's published algorithm, re-implemented here from its description;
 * - Standard Webhooks: the official `standardwebhooks` library;
 * - Hesi (合思): the shared signKey as Hesi's outbound-message settings carry it (header or body field).
 * And the bookkeeping every trigger test needs: execution counts and "no new execution" checks.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { Webhook } from 'standardwebhooks';

import { type Execution, type N8nClient, postWebhook } from '../harness/n8n';

/** A request ready to POST to `/webhook/<pathAndQuery>`. */
export interface SourceRequest {
	pathAndQuery: string;
	headers: Record<string, string>;
	body: string;
}

export interface Reply {
	status: number;
	body: string;
	contentType: string | null;
}

const json = { 'content-type': 'application/json; charset=utf-8' };

function bodyText(payload: unknown): string {
	return typeof payload === 'string' ? payload : JSON.stringify(payload);
}

/**
 * Jiandaoyun's push signature, as its help center describes the check (数据推送 / 消息推送, "签名校验"):
 * the request is `POST <url>?nonce=<nonce>&timestamp=<unix seconds>`; join nonce, the request body
 * (the payload exactly as sent), the push Secret and the timestamp with ":" as
 * `<nonce>:<payload>:<secret>:<timestamp>`, hash that UTF-8 string with SHA-1, and compare the
 * lower-case hex digest with the `X-JDY-Signature` header. `X-JDY-DeliverId` names the push; a retry
 * of the same push carries the same id.
 */
export function jiandaoyunSignature(nonce: string, payload: string, secret: string, timestamp: string): string {
	return createHash('sha1').update(`${nonce}:${payload}:${secret}:${timestamp}`, 'utf8').digest('hex');
}

export function jiandaoyunPush(
	path: string,
	payload: unknown,
	options: { secret: string; deliverId: string; atMs?: number; nonce?: string },
): SourceRequest {
	const body = bodyText(payload);
	const timestamp = String(Math.floor((options.atMs ?? Date.now()) / 1000));
	// Jiandaoyun's nonces are short random strings.
	const nonce = options.nonce ?? randomBytes(4).toString('hex');
	return {
		pathAndQuery: `${path}?nonce=${nonce}&timestamp=${timestamp}`,
		headers: {
			...json,
			'X-JDY-Signature': jiandaoyunSignature(nonce, body, options.secret, timestamp),
			'X-JDY-DeliverId': options.deliverId,
		},
		body,
	};
}

/** Signed by the official Standard Webhooks library (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
export function standardWebhooksPost(
	path: string,
	payload: unknown,
	options: { secret: string; msgId?: string; atMs?: number },
): SourceRequest {
	const body = bodyText(payload);
	const msgId = options.msgId ?? `msg_${randomUUID()}`;
	const at = new Date(options.atMs ?? Date.now());
	return {
		pathAndQuery: path,
		headers: {
			...json,
			'webhook-id': msgId,
			'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
			'webhook-signature': new Webhook(options.secret).sign(msgId, at, body),
		},
		body,
	};
}

/** Hesi's outbound message with the signKey in a header, as configured in the credential. */
export function hesiHeaderPost(path: string, payload: unknown, options: { key: string; header?: string }): SourceRequest {
	return { pathAndQuery: path, headers: { ...json, [options.header ?? 'signKey']: options.key }, body: bodyText(payload) };
}

/** Hesi's outbound message with the signKey as a top-level body field. */
export function hesiBodyPost(path: string, payload: Record<string, unknown>, options: { key: string; field?: string }): SourceRequest {
	return { pathAndQuery: path, headers: { ...json }, body: JSON.stringify({ ...payload, [options.field ?? 'signKey']: options.key }) };
}

/** The same request with its body changed after signing (one value edited, still valid JSON). */
export function withBodyChanged(request: SourceRequest, from: string, to: string): SourceRequest {
	if (!request.body.includes(from)) throw new Error(`the body does not contain ${from}`);
	return { ...request, body: request.body.replace(from, to) };
}

export async function send(n8n: N8nClient, request: SourceRequest): Promise<Reply> {
	const reply = await postWebhook(n8n.baseUrl, request.pathAndQuery, request.body, request.headers);
	return { status: reply.status, body: reply.body, contentType: reply.headers.get('content-type') };
}

/**
 * Waits until n8n serves the trigger at `/webhook/<path>`. n8n 2.41 publishes workflows through an
 * outbox (workflow-publication-outbox-consumer.js): activation returns before the webhooks are
 * registered. Our triggers answer a production GET with 200 and start no execution, so a GET is a
 * harmless probe; n8n answers 404 until the webhook is registered.
 */
export async function waitForTrigger(n8n: N8nClient, path: string, timeoutMs = 30_000): Promise<void> {
	const started = Date.now();
	for (;;) {
		const res = await fetch(`${n8n.baseUrl}/webhook/${path}`);
		await res.arrayBuffer();
		if (res.status === 200) return;
		if (Date.now() - started > timeoutMs) throw new Error(`trigger /webhook/${path} not live after ${timeoutMs} ms (last status ${res.status})`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

export async function executionCount(n8n: N8nClient, workflowId: string): Promise<number> {
	return (await n8n.executions(workflowId, { includeData: false })).length;
}

const settleMs = 400;

/**
 * After a request that must start nothing: give n8n a moment and check the count did not move. n8n's
 * public API lists an execution only once it is no longer running, so a wrongly started one (our
 * workflows are trigger → NoOp, finished within milliseconds) shows up within the settle time.
 */
export async function expectNoNewExecution(n8n: N8nClient, workflowId: string, before: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, settleMs));
	expect(await executionCount(n8n, workflowId)).toBe(before);
}

/** Waits for exactly one more execution than `before` and returns it (the newest). */
export async function newExecution(n8n: N8nClient, workflowId: string, before: number): Promise<Execution> {
	const executions = await n8n.waitForExecutions(workflowId, before + 1);
	expect(executions).toHaveLength(before + 1);
	return executions[0];
}
