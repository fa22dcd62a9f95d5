/**
 * Junk traffic in a real n8n (issue 11, items 10 and 11): bodies that cannot be read (corrupt gzip or
 * deflate, invalid chunked encoding, a sender that disconnects mid-body) and a small deterministic
 * fuzz, sent over raw sockets to a trigger's production URL (Jiandaoyun Push Trigger, `{error,
 * message}` answers) and to an OFS endpoint of the Unified Todo Trigger (OFS answers). None may
 * start an execution of any status (n8n stored an error execution for each before), none may get a
 * 5xx, and n8n's log (the harness writes it to <userFolder>/n8n.log) must show no stack for them.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';

import { connectN8n } from '../harness/n8n';
import { executionCount, standardWebhooksPost, waitForTrigger } from './senders';

const n8n = connectN8n();
jest.setTimeout(180_000);

/** The Standard Webhooks secret of test/e2e/credentials/trigger-standard-webhooks.json (the OFS trigger checks it). */
const standardSecret = 'whsec_tEUisnvkS/qJj2p/dInQYCiM4jEDFF25';

const targets = [
	{ workflowId: 'e2eTrigJdy1', path: 'e2e-trig-jdy', ofs: false },
	{ workflowId: 'e2eTrigOfs1', path: 'e2e-trig-ofs/rest/ofs/ReceiveRequestInfoByJson', ofs: true },
];

interface RawReply {
	/** The HTTP status, or undefined when the connection closed without an answer. */
	status?: number;
	body: string;
}

/** Sends raw bytes to n8n over a fresh socket and reads until n8n closes it (or `closeAfterMs`). */
async function sendRaw(bytes: Buffer, options: { closeAfterMs?: number } = {}): Promise<RawReply> {
	return await new Promise((resolve) => {
		const socket = net.connect(n8n.info.port, '127.0.0.1');
		const chunks: Buffer[] = [];
		let timer: NodeJS.Timeout | undefined;
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('error', () => undefined);
		socket.on('close', () => {
			clearTimeout(timer);
			const text = Buffer.concat(chunks).toString('utf8');
			const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
			const split = text.indexOf('\r\n\r\n');
			resolve({ status: match ? Number(match[1]) : undefined, body: split < 0 ? '' : text.slice(split + 4) });
		});
		socket.write(bytes);
		timer = setTimeout(() => socket.destroy(), options.closeAfterMs ?? 10_000);
	});
}

function head(urlPath: string, headers: Record<string, string | number>): string {
	const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
	return [`POST /webhook/${urlPath} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', ...lines, '', ''].join('\r\n');
}

function post(urlPath: string, headers: Record<string, string | number>, body: Buffer): Buffer {
	return Buffer.concat([Buffer.from(head(urlPath, { ...headers, 'Content-Length': body.length })), body]);
}

/** The body of an answer n8n wrote with chunked transfer encoding (or as is). */
function dechunk(body: string): string {
	if (!/^[0-9a-f]+\r\n/i.test(body)) return body;
	let rest = body;
	let out = '';
	for (;;) {
		const lineEnd = rest.indexOf('\r\n');
		const size = parseInt(rest.slice(0, lineEnd), 16);
		if (!size) return out;
		out += rest.slice(lineEnd + 2, lineEnd + 2 + size);
		rest = rest.slice(lineEnd + 2 + size + 2);
	}
}

function logSize(): number {
	return fs.statSync(path.join(n8n.info.userFolder, 'n8n.log')).size;
}

/** n8n's log since `from`, once it has had a moment to write it. */
async function logSince(from: number): Promise<string> {
	await new Promise((resolve) => setTimeout(resolve, 500));
	const file = path.join(n8n.info.userFolder, 'n8n.log');
	const all = fs.readFileSync(file);
	return all.subarray(from).toString('utf8');
}

function expectNoStack(log: string): void {
	expect(log).not.toMatch(/^\s+at /m);
	expect(log).not.toContain('Could not read the request body');
	expect(log).not.toContain('Workflow could not be started');
}

async function counts(): Promise<number[]> {
	return await Promise.all(targets.map(async (target) => await executionCount(n8n, target.workflowId)));
}

/** After junk: give n8n time to store any (wrong) execution, then check none appeared. */
async function expectNoNewExecutions(before: number[]): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 800));
	expect(await counts()).toEqual(before);
}

/** mulberry32: a small seeded generator, so the fuzz sends the same requests on every run. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

beforeAll(async () => {
	await waitForTrigger(n8n, 'e2e-trig-jdy');
	await waitForTrigger(n8n, 'e2e-trig-ofs');
	// Executions of earlier test files may still be running (n8n's API lists them once they end):
	// wait until the counts hold still for two seconds, so none of them is counted as ours.
	let last = JSON.stringify(await counts());
	for (let stableSince = Date.now(), started = Date.now(); Date.now() - stableSince < 2000 && Date.now() - started < 60_000; ) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		const now = JSON.stringify(await counts());
		if (now !== last) {
			last = now;
			stableSince = Date.now();
		}
	}
});

describe('bodies that cannot be read, in a real n8n', () => {
	const junk = Buffer.from('this is not compressed at all');

	it.each(targets)('answers corrupt gzip and deflate on $path with 400 in the sender’s shape, no execution, no stack', async (target) => {
		const before = await counts();
		const from = logSize();
		for (const encoding of ['gzip', 'deflate']) {
			const reply = await sendRaw(post(target.path, { 'Content-Type': 'application/json', 'Content-Encoding': encoding }, junk));
			expect(reply.status).toBe(400);
			const answer = JSON.parse(dechunk(reply.body)) as Record<string, string>;
			const message = `The request body could not be read: ${encoding}: incorrect header check`;
			if (target.ofs) expect(answer).toEqual({ syscode: '', dataType: 'OfsTodoData', operType: 'AutoNew', operResult: '0', message });
			else expect(answer).toEqual({ error: 'unreadable_body', message });
		}
		const cut = zlib.gzipSync('{"op":"data_create","data":{"_id":"1"}}');
		const reply = await sendRaw(post(target.path, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, cut.subarray(0, cut.length - 10)));
		expect(reply.status).toBe(400);
		expect(dechunk(reply.body)).toContain('gzip: unexpected end of file');
		await expectNoNewExecutions(before);
		expectNoStack(await logSince(from));
	});

	it.each(targets)('starts nothing for invalid chunked encoding or a sender that disconnects mid-body on $path', async (target) => {
		const before = await counts();
		const from = logSize();
		const chunked = Buffer.from(
			head(target.path, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }) + '5\r\n{"op"\r\nZZ\r\nnot a chunk\r\n',
		);
		const invalid = await sendRaw(chunked);
		// Node's HTTP parser drops the connection (answering 400 itself when it still can).
		expect(invalid.status === undefined || invalid.status === 400).toBe(true);

		const partial = Buffer.from(head(target.path, { 'Content-Type': 'application/json', 'Content-Length': 4000 }) + '{"op":"data_create","data":');
		const cut = await sendRaw(partial, { closeAfterMs: 300 });
		expect(cut.status).toBeUndefined();

		const gzipCut = Buffer.concat([
			Buffer.from(head(target.path, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': 4000 })),
			zlib.gzipSync('{"op":"data_create"}').subarray(0, 12),
		]);
		expect((await sendRaw(gzipCut, { closeAfterMs: 300 })).status).toBeUndefined();
		await expectNoNewExecutions(before);
		expectNoStack(await logSince(from));
	});

	it.each(targets)('answers a gzip bomb on $path (64 KiB inflating to 64 MiB, over n8n\'s 16 MiB) with 413 in the sender\'s shape, no execution, no stack', async (target) => {
		const before = await counts();
		const from = logSize();
		const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
		const reply = await sendRaw(post(target.path, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, bomb));
		expect(reply.status).toBe(413);
		const answer = JSON.parse(dechunk(reply.body)) as Record<string, string>;
		if (target.ofs) expect(answer).toMatchObject({ operResult: '0', message: expect.stringContaining('N8N_PAYLOAD_SIZE_MAX') });
		else expect(answer).toMatchObject({ error: 'payload_too_large' });
		await expectNoNewExecutions(before);
		expectNoStack(await logSince(from));
	});

	it('answers signed JSON that reads oddly (100,000 nested arrays or objects, duplicate keys, 1e400, __proto__ keys) with 400 in the OFS shape, no execution, no stack', async () => {
		const target = targets[1];
		const before = await counts();
		const from = logSize();
		const bodies = [
			'['.repeat(100_000) + ']'.repeat(100_000),
			'{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
			'{"syscode":"EC9","flowid":"dup","receiver":"lisi","receivets":"1","isremark":"0","isremark":"9"}',
			'{"syscode":"EC9","flowid":1e400,"receiver":"lisi","receivets":"1","isremark":"0"}',
			'{"__proto__":{"isremark":"0"},"constructor":{"prototype":{"syscode":"EC9"}},"flowid":"p"}',
		];
		for (const body of bodies) {
			// Signed (the workflow's trigger checks Standard Webhooks), so the body itself is what is judged.
			const signed = standardWebhooksPost(target.path, body, { secret: standardSecret });
			const reply = await sendRaw(post(target.path, signed.headers, Buffer.from(body)));
			expect({ body: body.slice(0, 40), status: reply.status }).toEqual({ body: body.slice(0, 40), status: 400 });
			expect(JSON.parse(dechunk(reply.body))).toMatchObject({ operResult: '0' });
		}
		await expectNoNewExecutions(before);
		expectNoStack(await logSince(from));
	});

	it('answers every request of a seeded fuzz run below 500 and starts no execution', async () => {
		const random = seeded(20240725);
		const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
		const bytes = (max: number) => Buffer.from(Array.from({ length: Math.floor(random() * max) }, () => Math.floor(random() * 256)));
		const json = Buffer.from(JSON.stringify({ op: 'data_create', data: { _id: 'x', to: [{ username: 'lisi' }] }, syscode: 'EC9', flowid: '1', isremark: '0' }));
		const bodies: Array<() => Buffer> = [
			() => bytes(300),
			() => json.subarray(0, Math.floor(random() * json.length)),
			() => zlib.gzipSync(json).subarray(0, Math.floor(random() * 40)),
			() => zlib.deflateSync(json).subarray(0, Math.floor(random() * 40)),
			() => zlib.gzipSync(bytes(200)),
			() => Buffer.concat([zlib.gzipSync(json).subarray(0, 10), bytes(50)]),
			() => zlib.brotliCompressSync(json),
		];
		const encodings = ['gzip', 'deflate', 'br', 'identity', 'x-unknown', 'gzip, deflate', undefined];
		const contentTypes = ['application/json', 'application/json; charset=utf-16', 'text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined];

		const before = await counts();
		const from = logSize();
		// The requests are drawn up front (the same 300 on every run), then sent four at a time.
		const requests = Array.from({ length: 300 }, (_, i) => {
			const target = pick(targets);
			const body = pick(bodies)();
			const headers: Record<string, string> = {};
			const encoding = pick(encodings);
			const contentType = pick(contentTypes);
			if (encoding) headers['Content-Encoding'] = encoding;
			if (contentType) headers['Content-Type'] = contentType;
			return { bytes: post(target.path, headers, body), label: `request ${i} (${encoding ?? 'no'} encoding, ${contentType ?? 'no'} content type, ${body.length} bytes)` };
		});
		const failures: string[] = [];
		let next = 0;
		await Promise.all(
			Array.from({ length: 4 }, async () => {
				while (next < requests.length) {
					const request = requests[next++];
					const reply = await sendRaw(request.bytes);
					if (reply.status === undefined || reply.status >= 500) failures.push(`${request.label} got ${reply.status}: ${reply.body.slice(0, 200)}`);
				}
			}),
		);
		expect(failures).toEqual([]);
		await expectNoNewExecutions(before);
		expectNoStack(await logSince(from));
	});
});
