import { createHash } from 'node:crypto';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { Webhook } from 'standardwebhooks';

import { SendOutboundMessage } from '../../../nodes/SendOutboundMessage/SendOutboundMessage.node';
import type { DeliveryRecord } from '../../../nodes/shared/delivery';
import { type LocalTarget, answer, startTarget } from '../shared/delivery/localTarget';
import { type FakeContextOptions, fakeExecuteContext } from '../fakeExecuteContext';

const node = new SendOutboundMessage();

const sendNode = { name: 'Send Outbound Message', type: 'n8n-nodes-outbound-messages.sendOutboundMessage' };

async function run(options: Omit<FakeContextOptions, 'node'>) {
	const fake = fakeExecuteContext({ node: sendNode, ...options });
	const [success, retry, failure] = await node.execute.call(fake.context);
	return { success, retry, failure, parameterReads: fake.parameterReads };
}

const delivery = (item: INodeExecutionData) => item.json.delivery as unknown as DeliveryRecord;
const items = (...jsons: Array<Record<string, unknown>>): INodeExecutionData[] => jsons.map((json) => ({ json } as INodeExecutionData));

describe('Send Outbound Message node', () => {
	let target: LocalTarget;

	afterEach(async () => await target?.close());

	it('has outputs named Success, Retry and Failure, in that order (Held, the fourth, only with the circuit breaker on)', () => {
		expect(node.description.outputNames).toEqual(['Success', 'Retry', 'Failure', 'Held']);
	});

	it('explains Body Source in the panel, and its default option names the fallback to the whole item', () => {
		const property = node.description.properties.find((candidate) => candidate.name === 'bodySource');
		expect(property?.description).toMatch(/^What each request carries\..*delivery\.bodyFrom/);
		expect(property?.default).toBe('request');
		expect((property?.options as Array<{ name: string; value: string }>)[0]).toMatchObject({ name: "Item's Request, Else Whole Item", value: 'request' });
	});

	it("posts each item's JSON to the URL when only the URL is set", async () => {
		target = await startTarget((_call, res) => answer(res, 201, { received: true }));
		const { success } = await run({ parameters: { url: `${target.url}/foundation` }, items: items({ orderId: 'A-1001' }) });
		expect(target.calls[0]).toMatchObject({ method: 'POST', url: '/foundation', headers: { 'content-type': 'application/json' } });
		expect(JSON.parse(target.calls[0].body.toString())).toEqual({ orderId: 'A-1001' });
		expect(success[0].json).toMatchObject({ orderId: 'A-1001', delivery: { status: 'succeeded' } });
		expect(delivery(success[0]).attempts[0].response?.status).toBe(201);
	});

	it('routes each item to Success, Retry or Failure, keeping its JSON and pairing it with its input', async () => {
		target = await startTarget((call, res) => {
			const { kind } = JSON.parse(call.body.toString()) as { kind: string };
			if (kind === 'ok') answer(res, 200, { code: '1' });
			else if (kind === 'busy') answer(res, 503, 'busy');
			else answer(res, 200, { code: '0' });
		});
		const { success, retry, failure } = await run({
			parameters: {
				url: target.url,
				keywordMatch: 'jsonPathEquals',
				keywordPath: 'code',
				keywordValue: '1',
				handOffLongRetries: true,
				handOffSchedule: 'custom',
				customHandOffSchedule: '1m',
			},
			items: items({ kind: 'ok' }, { kind: 'busy' }, { kind: 'zero' }),
		});
		expect(success.map((item) => [item.json.kind, item.pairedItem])).toEqual([['ok', { item: 0 }]]);
		expect(retry.map((item) => [item.json.kind, item.pairedItem])).toEqual([['busy', { item: 1 }]]);
		expect(failure.map((item) => [item.json.kind, item.pairedItem])).toEqual([['zero', { item: 2 }]]);
		expect(delivery(retry[0])).toMatchObject({ status: 'retrying', nextAttemptAt: expect.any(String) });
		expect(delivery(failure[0])).toMatchObject({ status: 'failed', reason: 'keyword_mismatch' });
	});

	it('fails an item without a usable URL as invalid_request and delivers the rest of the batch', async () => {
		target = await startTarget((_call, res) => answer(res, 204));
		const { success, failure } = await run({
			parameters: { url: '={{ $json.target }}' },
			expressions: { '={{ $json.target }}': (item) => item.json.target },
			items: items({ target: target.url }, { target: 'not a url' }, { target: '' }, { target: target.url }),
		});
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 3 }]);
		expect(failure.map((item) => [item.pairedItem, delivery(item).reason])).toEqual([
			[{ item: 1 }, 'invalid_request'],
			[{ item: 2 }, 'invalid_request'],
		]);
		expect(delivery(failure[0]).message).toBe('The URL "not a url" is not valid: use a full URL such as https://example.com/webhook. Correct the "URL" field of the node.');
		expect(delivery(failure[0]).attempts).toEqual([]);
	});

	it('refuses per item a Custom Body that is not valid JSON, naming where it breaks, and delivers the rest of the batch', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success, failure } = await run({
			parameters: { url: target.url, bodySource: 'custom', customBody: '={{ $json.text }}' },
			expressions: { '={{ $json.text }}': (item) => item.json.text },
			items: items({ text: '{"orderId": "A-0", "amount": 10}' }, { text: '{"orderId": "A-1", amount: 10,' }, { text: '{"orderId": "A-2"}' }),
		});
		expect(target.calls.map((call) => call.body.toString())).toEqual(['{"orderId": "A-0", "amount": 10}', '{"orderId": "A-2"}']);
		expect(success.map((item) => [item.pairedItem, delivery(item).bodyFrom])).toEqual([
			[{ item: 0 }, 'custom'],
			[{ item: 2 }, 'custom'],
		]);
		expect(failure).toHaveLength(1);
		expect(failure[0].pairedItem).toEqual({ item: 1 });
		expect(delivery(failure[0])).toMatchObject({
			status: 'failed',
			reason: 'invalid_request',
			bodyFrom: 'custom',
			attempts: [],
			message: expect.stringContaining("not valid JSON, yet it would be sent as application/json: at position 19 (line 1, column 20) expected a property name in double quotes, found 'a'"),
		});
	});

	it('sends a Custom Body that is not JSON when the content type is Raw', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success } = await run({
			parameters: { url: target.url, bodySource: 'custom', customBody: 'orderId=A-1, amount: 10', contentType: 'raw', rawContentType: 'text/plain' },
			items: items({ n: 1 }),
		});
		expect(success).toHaveLength(1);
		expect(target.calls[0].body.toString()).toBe('orderId=A-1, amount: 10');
	});

	it('says in the record where the body came from: the whole item, or the item\'s request', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success } = await run({
			parameters: { url: target.url },
			items: items({ orderId: 'A-1' }, { request: { body: '{"signed":true}' } }),
		});
		// Both bodies are the item's own: the record keeps their length and hash, not the text.
		const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
		expect(success.map((item) => [delivery(item).bodyFrom, delivery(item).attempts[0].request])).toEqual([
			['wholeItem', expect.objectContaining({ body: null, truncated: true, bodyBytes: 17, bodySha256: sha256('{"orderId":"A-1"}') })],
			['request', expect.objectContaining({ body: null, truncated: true, bodyBytes: 15, bodySha256: sha256('{"signed":true}') })],
		]);
	});

	it('records no target for a mistyped scheme and fails the item as invalid_request naming the URL field', async () => {
		const { success, failure } = await run({ parameters: { url: 'htp://127.0.0.1:5721/ok' }, items: items({ a: 1 }) });
		expect(success).toEqual([]);
		expect(delivery(failure[0])).toMatchObject({ target: null, status: 'failed', reason: 'invalid_request', attempts: [] });
		expect(delivery(failure[0]).message).toMatch(/^The URL "htp:\/\/127\.0\.0\.1:5721\/ok" has the scheme "htp", which cannot be called.*Correct the "URL" field of the node\.$/);
	});

	it("names no target when the item's own request.url cannot be called, even though the node's URL could", async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success, failure } = await run({
			parameters: { url: target.url },
			items: items({ request: { url: 'htp://127.0.0.1:5721/ok', body: '{}' } }, { n: 2 }),
		});
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(delivery(failure[0])).toMatchObject({ target: null, reason: 'invalid_request' });
		expect(delivery(failure[0]).message).toContain("It is the item's request.url (from Sign Request or Format Fields): correct the URL there.");
	});

	it("sends the item's request body byte for byte, with its headers, to its URL", async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const body = '{"flowId":"F1",  "action":"flow.paid"}';
		await run({
			parameters: { url: 'https://ignored.example/x' },
			items: items({ request: { url: `${target.url}/signed?timestamp=1`, headers: { 'webhook-id': 'msg_signed', 'webhook-signature': 'v1,abc' }, body } }),
		});
		expect(target.calls[0].body.toString()).toBe(body);
		expect(target.calls[0].url).toBe('/signed?timestamp=1');
		expect(target.calls[0].headers).toMatchObject({ 'webhook-id': 'msg_signed', 'webhook-signature': 'v1,abc' });
		expect(target.calls[0].headers['x-message-id']).toBeUndefined();
	});

	it('sends the message id as X-Message-Id, from the Message ID option', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success } = await run({
			parameters: { url: target.url, options: { messageId: '={{ $json.flowId }}' } },
			expressions: { '={{ $json.flowId }}': (item) => item.json.flowId },
			items: items({ flowId: 'F-9' }),
		});
		expect(target.calls[0].headers['x-message-id']).toBe('F-9');
		expect(delivery(success[0]).messageId).toBe('F-9');
	});

	it('continues a handed-off item when it comes back from the Wait node, with the same message id, and ends in Success', async () => {
		target = await startTarget((_call, res, index) => (index < 2 ? answer(res, 500, 'down') : answer(res, 200, 'ok')));
		const parameters: INodeParameters = { url: target.url, retries: 1, handOffLongRetries: true, handOffSchedule: 'svix' };
		const first = await run({ parameters, items: items({ orderId: 'A-7' }) });
		expect(first.retry).toHaveLength(1);
		const handedOff = delivery(first.retry[0]);
		expect(handedOff.attempts).toHaveLength(2);

		// What the Wait node passes back: the item as it left.
		const second = await run({ parameters, items: [{ json: first.retry[0].json }] });
		expect(second.success).toHaveLength(1);
		const done = delivery(second.success[0]);
		expect(done.messageId).toBe(handedOff.messageId);
		expect(done.attempts.map((attempt) => attempt.response?.status)).toEqual([500, 500, 200]);
		expect(second.success[0].json.orderId).toBe('A-7');
		expect(target.calls.map((call) => call.headers['x-message-id'])).toEqual(Array(3).fill(handedOff.messageId));
		// The original payload, not the delivery record, went out every time.
		expect(target.calls.every((call) => call.body.toString() === '{"orderId":"A-7"}')).toBe(true);
	});

	it('hands the whole Retry batch off at its latest item\'s time, so the Wait node releases no item before its own', async () => {
		target = await startTarget((call, res) => {
			const { kind } = JSON.parse(call.body.toString()) as { kind: string };
			// "slow" asks for two minutes; "fast" would be due after the schedule's first 1 min.
			answer(res, 503, 'busy', kind === 'slow' ? { 'retry-after': '120' } : {});
		});
		const { retry } = await run({
			parameters: { url: target.url, handOffLongRetries: true, handOffSchedule: 'custom', customHandOffSchedule: '1m, 5m' },
			items: items({ kind: 'fast' }, { kind: 'slow' }, { kind: 'fast' }),
		});
		expect(retry).toHaveLength(3);
		const [first, slow] = retry.map(delivery);
		expect(Date.parse(slow.nextAttemptAt as string) - Date.parse(slow.lastAttemptAt as string)).toBeGreaterThanOrEqual(120_000);
		// n8n's Wait node reads the first item's time: it is the latest of the batch.
		expect(retry.map((item) => delivery(item).nextAttemptAt)).toEqual(Array(3).fill(slow.nextAttemptAt));
		expect(first.nextAttemptAt).toBe(slow.nextAttemptAt);
	});

	it('holds an item that comes back from the Wait node before its nextAttemptAt, and attempts it no sooner', async () => {
		target = await startTarget((_call, res, index) => (index === 0 ? answer(res, 503, 'busy') : answer(res, 200, 'ok')));
		const parameters: INodeParameters = { url: target.url, handOffLongRetries: true, handOffSchedule: 'custom', customHandOffSchedule: '1s' };
		const first = await run({ parameters, items: items({ orderId: 'A-8' }) });
		const due = delivery(first.retry[0]).nextAttemptAt as string;
		// Fed back at once, as a Wait node set to release the batch too early would.
		const second = await run({ parameters, items: [{ json: first.retry[0].json }] });
		const done = delivery(second.success[0]);
		expect(done.attempts).toHaveLength(2);
		expect(Date.parse(done.attempts[1].at)).toBeGreaterThanOrEqual(Date.parse(due));
	});

	it('signs each attempt afresh with Standard Webhooks, verifiable by the reference library', async () => {
		const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
		const verifier = new Webhook(secret);
		const verified: unknown[] = [];
		target = await startTarget((call, res, index) => {
			verified.push(verifier.verify(call.body.toString(), call.headers as Record<string, string>));
			answer(res, index < 2 ? 503 : 200);
		});
		const { success } = await run({
			parameters: { url: target.url, retries: 2, signEachAttempt: true },
			credentials: { outboundSigningSecret: { scheme: 'standardWebhooks', secret } },
			items: items({ n: 1 }),
		});
		expect(success).toHaveLength(1);
		expect(verified).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
		const ids = new Set(target.calls.map((call) => call.headers['webhook-id']));
		expect([...ids]).toEqual([delivery(success[0]).messageId]);
		expect(target.calls[0].headers['x-message-id']).toBeUndefined();
		expect(delivery(success[0]).attempts[0].request.headers['webhook-signature']).toBe('v1,***');
	});

	it.each([
		['a body field', { hesiLocation: 'body' }],
		['a header with its own name', { hesiLocation: 'header', hesiFieldName: 'X-Hesi-Key' }],
	])("keeps a Hesi signKey sent as %s on the wire but out of the delivery record", async (_where, placement) => {
		const signKey = 'hesi-sign-key-4b1f9e27';
		target = await startTarget((call, res) => answer(res, 200, { code: '1', echo: call.body.toString() }));
		const { success } = await run({
			parameters: { url: target.url, signEachAttempt: true },
			credentials: { outboundSigningSecret: { scheme: 'hesiSignKey', secret: signKey, ...placement } },
			items: items({ flowId: 'ID_1' }),
		});
		const sent = target.calls[0];
		expect(`${sent.body.toString()} ${JSON.stringify(sent.headers)}`).toContain(signKey);
		const record = delivery(success[0]);
		expect(record.status).toBe('succeeded');
		expect(JSON.stringify(record)).not.toContain(signKey);
		expect(JSON.stringify(record.attempts[0].request)).toContain('***');
	});

	it('stops for a Sign Each Attempt credential that cannot sign; with continue on fail every item goes to Failure, none to Success', async () => {
		target = await startTarget((_call, res) => answer(res, 200, { code: '1' }));
		const broken = { parameters: { url: `${target.url}/in`, event: 'flow.paid', signEachAttempt: true }, credentials: { outboundSigningSecret: { scheme: 'standardWebhooks', secret: '' } } };
		await expect(run({ ...broken, items: items({ n: 1 }) })).rejects.toThrow('"Secret" is empty');
		const { success, retry, failure } = await run({ ...broken, continueOnFail: true, items: items({ n: 1 }, { n: 2 }) });
		expect([success, retry]).toEqual([[], []]);
		expect(failure.map((item) => [item.json.n, item.pairedItem, delivery(item).status, delivery(item).reason, delivery(item).target, delivery(item).event])).toEqual([
			[1, { item: 0 }, 'failed', 'invalid_request', `${target.url}/in`, 'flow.paid'],
			[2, { item: 1 }, 'failed', 'invalid_request', `${target.url}/in`, 'flow.paid'],
		]);
		expect(delivery(failure[0]).message).toContain('"Secret" is empty');
		expect(target.calls).toHaveLength(0);
	});

	it('sends a sample for the chosen event when run by hand with no input, and reports the answer against the rule', async () => {
		target = await startTarget((_call, res) => answer(res, 200, { code: '1' }));
		const { success } = await run({
			mode: 'manual',
			parameters: { url: target.url, event: 'backlog.approving', keywordMatch: 'jsonPathEquals', keywordPath: 'code', keywordValue: '1' },
			items: [{ json: {} }],
		});
		expect(JSON.parse(target.calls[0].body.toString())).toMatchObject({ action: 'backlog.approving', actionName: '待审批' });
		expect(success[0].json.testResult).toEqual({ passed: true, successRule: 'HTTP 200, 201, 204 and code = "1" (a 204 passes without a body)', answer: 'HTTP 200 {"code":"1"}' });
		expect(delivery(success[0]).event).toBe('backlog.approving');
	});

	it('sends an empty item as it is outside a manual run', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		await run({ mode: 'trigger', parameters: { url: target.url, event: 'backlog.approving' }, items: [{ json: {} }] });
		expect(target.calls[0].body.toString()).toBe('{}');
	});

	it('stops before sending anything when a parameter without an expression is invalid', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const attempt = run({ parameters: { url: target.url, successStatus: 'custom', customSuccessStatuses: '200-2xx' }, items: items({ a: 1 }) });
		await expect(attempt).rejects.toThrow(NodeOperationError);
		await expect(attempt).rejects.toThrow('Invalid "Custom Success Statuses" in node "Send Outbound Message": "200-2xx" is not a status code or range');
		expect(target.calls).toHaveLength(0);
	});

	it('sends every item to Failure instead of stopping when the node continues on error', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success, failure } = await run({
			continueOnFail: true,
			parameters: { url: target.url, keywordMatch: 'regex', keywordPattern: '(' },
			items: items({ a: 1 }, { a: 2 }),
		});
		expect(success).toEqual([]);
		expect(failure.map((item) => [item.pairedItem, delivery(item).reason])).toEqual([
			[{ item: 0 }, 'invalid_request'],
			[{ item: 1 }, 'invalid_request'],
		]);
		expect(delivery(failure[0]).message).toMatch(/^Invalid "Regex" in node "Send Outbound Message": The regular expression \( is not valid/);
		expect(target.calls).toHaveLength(0);
	});

	it('fails only the item whose expression gives an invalid setting', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success, failure } = await run({
			parameters: { url: target.url, successStatus: 'custom', customSuccessStatuses: '={{ $json.accept }}' },
			expressions: { '={{ $json.accept }}': (item) => item.json.accept },
			items: items({ accept: '2xx' }, { accept: 'nope' }),
		});
		expect(success).toHaveLength(1);
		expect(delivery(failure[0])).toMatchObject({ reason: 'invalid_request', message: expect.stringContaining('"nope" is not a status code') });
	});

	it("names the target and the event in the record of an item failed by a setting, as the docs describe (target null only for a URL that cannot be called)", async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { failure } = await run({
			parameters: { url: `${target.url}/orders?token=t`, event: 'flow.paid', retries: '={{ $json.retries }}' },
			expressions: { '={{ $json.retries }}': (item) => item.json.retries },
			items: items({ retries: 11 }, { retries: 12, request: { url: 'https://signed.example/in?sign=x', body: '{}' } }),
		});
		expect(failure.map((item) => [delivery(item).reason, delivery(item).target, delivery(item).event])).toEqual([
			['invalid_request', `${target.url}/orders`, 'flow.paid'],
			['invalid_request', 'https://signed.example/in', 'flow.paid'],
		]);
		expect(target.calls).toHaveLength(0);
	});

	it('reads each parameter without an expression once per run, however many items there are', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const { success, parameterReads } = await run({ parameters: { url: target.url, retries: 2 }, items: items(...Array.from({ length: 50 }, (_, n) => ({ n }))) });
		expect(success).toHaveLength(50);
		expect(parameterReads.filter((read) => !read.endsWith('#0'))).toEqual([]);
		expect(new Set(parameterReads).size).toBe(parameterReads.length);
	});

	it('keeps input order within each output while delivering concurrently', async () => {
		target = await startTarget(async (call, res) => {
			const { n } = JSON.parse(call.body.toString()) as { n: number };
			await new Promise((resolve) => setTimeout(resolve, (40 - n) % 5));
			answer(res, n % 3 === 0 ? 400 : 200);
		});
		const { success, failure } = await run({ parameters: { url: target.url, options: { concurrency: 8 } }, items: items(...Array.from({ length: 40 }, (_, n) => ({ n }))) });
		expect(target.peakInFlight).toBeLessThanOrEqual(8);
		expect(success.map((item) => item.json.n)).toEqual(Array.from({ length: 40 }, (_, n) => n).filter((n) => n % 3 !== 0));
		expect(failure.map((item) => item.json.n)).toEqual(Array.from({ length: 40 }, (_, n) => n).filter((n) => n % 3 === 0));
	});

	it('passes binary data through', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const binary = { data: { data: 'aGk=', mimeType: 'text/plain' } };
		const { success } = await run({ parameters: { url: target.url }, items: [{ json: { a: 1 }, binary }] });
		expect(success[0].binary).toBe(binary);
	});

	describe('Bodiless Responses, with the keyword rule code = 1 against a real target', () => {
		const keywordRule = { keywordMatch: 'jsonPathEquals', keywordPath: 'code', keywordValue: '1' };

		async function deliverTo(status: number, extra: INodeParameters = {}) {
			target = await startTarget((_call, res) => {
				res.writeHead(status);
				res.end();
			});
			return await run({ parameters: { url: target.url, ...keywordRule, ...extra }, items: items({ orderId: 'A-1' }) });
		}

		it('delivers an accepted HTTP 204 No Content by default: it passes on its status', async () => {
			const { success, failure } = await deliverTo(204);
			expect(failure).toEqual([]);
			expect(delivery(success[0])).toMatchObject({ status: 'succeeded', reason: null });
			expect(delivery(success[0]).attempts[0].response).toMatchObject({ status: 204, body: '' });
		});

		it('fails an empty HTTP 200 by default: the keyword rule judges it', async () => {
			const { failure } = await deliverTo(200);
			expect(delivery(failure[0])).toMatchObject({ status: 'failed', reason: 'keyword_mismatch' });
		});

		it('delivers an empty HTTP 200 with "Pass Any Empty Body on Its Status"', async () => {
			const { success } = await deliverTo(200, { bodilessResponses: 'anyEmptyBody' });
			expect(delivery(success[0]).status).toBe('succeeded');
		});

		it('fails an HTTP 204 as keyword_mismatch with "Judge by the Keyword Match"', async () => {
			const { failure } = await deliverTo(204, { bodilessResponses: 'keywordRule' });
			expect(delivery(failure[0])).toMatchObject({ status: 'failed', reason: 'keyword_mismatch' });
			expect(delivery(failure[0]).message).toContain('(empty body)');
		});
	});
});
