/**
 * The delivery record at volume (issue 15, "Memory at volume"): off the Failure output it keeps a
 * response excerpt and, for the item's own body, its length and SHA-256 instead of the text; on
 * Failure it keeps both bodies whole (up to 64 KiB). Real HTTP against a target on 127.0.0.1.
 */
import { createHash } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import { SendOutboundMessage } from '../../../nodes/SendOutboundMessage/SendOutboundMessage.node';
import type { DeliveryRecord } from '../../../nodes/shared/delivery';
import { type FakeContextOptions, fakeExecuteContext } from '../fakeExecuteContext';
import { type LocalTarget, startTarget } from '../shared/delivery/localTarget';

const node = new SendOutboundMessage();

async function run(options: Omit<FakeContextOptions, 'node'>) {
	const fake = fakeExecuteContext({ node: { name: 'Send Outbound Message', type: 'n8n-nodes-outbound-messages.sendOutboundMessage' }, ...options });
	const [success, retry, failure] = await node.execute.call(fake.context);
	return { success, retry, failure };
}

const delivery = (item: INodeExecutionData) => item.json.delivery as unknown as DeliveryRecord;
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** A 1 KiB JSON body, as Format Fields or Sign Request leave it in `request.body`, with multi-byte text in it. */
const oneKiBBody = JSON.stringify({ flowId: 'F-1', title: '报销单审批', note: 'x'.repeat(1024 - 52) });
/** A 100 KiB answer whose first 600 bytes are not cut inside a character (ASCII). */
const answer100KiB = Buffer.from(JSON.stringify({ code: '1', data: 'y'.repeat(100 * 1024 - 24) }));

let target: LocalTarget | undefined;

afterEach(async () => {
	await target?.close();
	target = undefined;
});

function answering(status: number, body: Buffer) {
	return startTarget((_call, res) => {
		res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
		res.end(body);
	});
}

describe('Send Outbound Message delivery record size', () => {
	it('keeps a record of at most 2 KiB for a 1 KiB body and a 100 KiB answer, with the hash of the bytes the target received', async () => {
		expect(Buffer.byteLength(oneKiBBody)).toBe(1024);
		target = await answering(200, answer100KiB);
		const { success } = await run({ parameters: { url: target.url }, items: [{ json: { flowId: 'F-1', request: { body: oneKiBBody } } }] });

		const record = delivery(success[0]);
		expect(bytesOf(record)).toBeLessThanOrEqual(2048);
		const [{ request, response }] = record.attempts;
		expect(record.bodyFrom).toBe('request');
		expect(request).toMatchObject({ body: null, truncated: true, bodyBytes: 1024 });
		expect(request.bodySha256).toBe(sha256(target.calls[0].body));
		expect(target.calls[0].body.toString('utf8')).toBe(oneKiBBody);
		expect(response).toMatchObject({ status: 200, truncated: true, bodyBytes: answer100KiB.length });
		expect(response?.body).toBe(answer100KiB.subarray(0, 512).toString('utf8'));
	});

	it('keeps the whole record on the Failure output: the request body sent and up to 64 KiB of the answer', async () => {
		target = await answering(400, answer100KiB);
		const { success, failure } = await run({ parameters: { url: target.url }, items: [{ json: { flowId: 'F-1', request: { body: oneKiBBody } } }] });

		expect(success).toEqual([]);
		const [{ request, response }] = delivery(failure[0]).attempts;
		expect(request).toMatchObject({ body: oneKiBBody, truncated: false, bodyBytes: 1024, bodySha256: sha256(target.calls[0].body) });
		expect(response).toMatchObject({ status: 400, truncated: true, bodyBytes: answer100KiB.length });
		expect(response?.body).toBe(answer100KiB.subarray(0, 64 * 1024).toString('utf8'));
	});

	it('keeps as much of the answer as Response Excerpt Size says, cut at a whole character', async () => {
		target = await answering(200, Buffer.from('{"message":"已收到"}'));
		const { success } = await run({ parameters: { url: target.url, options: { responseExcerptSize: 16 } }, items: [{ json: { n: 1 } }] });

		// '{"message":"已' is 15 bytes; the next character would make 18.
		expect(delivery(success[0]).attempts[0].response).toMatchObject({ body: '{"message":"已', truncated: true, bodyBytes: 23 });
	});

	it('keeps the whole item out of the record when the body is the item itself, and a Custom Body in it', async () => {
		target = await answering(200, Buffer.from('{"code":"1"}'));
		const { success: whole } = await run({ parameters: { url: target.url }, items: [{ json: { orderId: 'A-1' } }] });
		const { success: custom } = await run({
			parameters: { url: target.url, bodySource: 'custom', customBody: '{"fixed":true}' },
			items: [{ json: { orderId: 'A-1' } }],
		});

		expect(delivery(whole[0]).attempts[0].request).toMatchObject({ body: null, truncated: true, bodySha256: sha256(target.calls[0].body) });
		// A Custom Body is not on the item, so the record is where it can be read back.
		expect(delivery(custom[0]).attempts[0].request).toMatchObject({ body: '{"fixed":true}', truncated: false, bodySha256: sha256('{"fixed":true}') });
	});

	it('sends an item out by Retry with a short record and its own request still on it, so a re-push sends the same bytes', async () => {
		target = await startTarget((_call, res) => {
			res.writeHead(503, { 'content-type': 'text/plain' });
			res.end('busy '.repeat(1000));
		});
		const input = { flowId: 'F-1', request: { body: oneKiBBody } };
		const { retry } = await run({
			parameters: { url: target.url, handOffLongRetries: true, handOffSchedule: 'custom', customHandOffSchedule: '1m' },
			items: [{ json: input }],
		});

		expect(retry).toHaveLength(1);
		expect(retry[0].json.request).toEqual(input.request);
		const record = delivery(retry[0]);
		expect(bytesOf(record)).toBeLessThanOrEqual(2048);
		expect(record.attempts[0].response).toMatchObject({ status: 503, body: 'busy '.repeat(1000).slice(0, 512), truncated: true, bodyBytes: 5000 });
		expect(record.attempts[0].request.bodySha256).toBe(sha256(oneKiBBody));
	});
});
