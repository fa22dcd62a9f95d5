import { type Server, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { type HttpClient, createHttpClient, drainLimitBytes } from '../../../../nodes/shared/delivery/httpClient';
import type { DeliveryRequest } from '../../../../nodes/shared/delivery/types';
import { type LocalTarget, answer, closedPortUrl, delay, startTarget } from './localTarget';
import { selfSignedCertificate, selfSignedKey } from './selfSignedCertificate';

const post = (url: string, body = '{}', headers: Record<string, string> = {}): DeliveryRequest => ({
	method: 'POST',
	url,
	headers: { 'content-type': 'application/json', ...headers },
	body,
});

describe('httpClient against a local target', () => {
	let target: LocalTarget | undefined;
	let client: HttpClient;

	beforeEach(() => {
		client = createHttpClient({ connectionsPerOrigin: 4 });
	});

	afterEach(async () => {
		await client.close();
		await target?.close();
		target = undefined;
	});

	it('refuses a URL it cannot parse with its secrets masked in the message', async () => {
		const exchange = await client.send(post('http://hook:pw-9@exa mple.test/in?token=t-9'), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: false, reason: 'invalid_request', message: '"http://hook:***@exa mple.test/in?token=***" is not a valid URL' });
	});

	it('returns status, headers and body', async () => {
		target = await startTarget((_call, res) => answer(res, 201, { code: '1' }, { 'x-trace': 't1' }));
		const exchange = await client.send(post(`${target.url}/in`), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange.ok).toBe(true);
		if (!exchange.ok) return;
		expect(exchange.response.status).toBe(201);
		expect(exchange.response.headers['x-trace']).toBe('t1');
		expect(exchange.response.body.toString()).toBe('{"code":"1"}');
		expect(exchange.response.bodyBytes).toBe(12);
	});

	it('sends exactly the bytes of a string body, headers as given', async () => {
		target = await startTarget((_call, res) => answer(res, 204));
		const body = '{"z":1,  "a":"中文 \\u00e9"}\n';
		await client.send(post(`${target.url}/exact?x=1`, body, { 'X-Custom': 'v' }), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		const [call] = target.calls;
		expect(call.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
		expect(call.url).toBe('/exact?x=1');
		expect(call.headers['x-custom']).toBe('v');
		expect(call.headers['content-length']).toBe(String(Buffer.byteLength(body)));
	});

	it('reads a chunked body that has no Content-Length', async () => {
		target = await startTarget((_call, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.write('part one, ');
			setImmediate(() => res.end('part two'));
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange.ok && exchange.response.headers['transfer-encoding']).toBe('chunked');
		expect(exchange.ok && exchange.response.body.toString()).toBe('part one, part two');
	});

	it('keeps only bodyLimitBytes of a chunked body but counts all of it', async () => {
		target = await startTarget((_call, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			res.write('x'.repeat(50_000));
			res.end('y'.repeat(50_000));
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1000 });
		expect(exchange.ok && exchange.response.body.toString()).toBe('x'.repeat(1000));
		expect(exchange.ok && exchange.response.bodyBytes).toBe(100_000);
	});

	it('keeps a body that arrives in many pieces whole and in order', async () => {
		target = await startTarget((_call, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			const parts = Array.from({ length: 5 }, (_, i) => `part ${i}; `);
			const next = (i: number): void => {
				if (i === parts.length) return void res.end();
				res.write(parts[i]);
				setTimeout(() => next(i + 1), 5);
			};
			next(0);
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange.ok && exchange.response.body.toString()).toBe('part 0; part 1; part 2; part 3; part 4; ');
		expect(exchange.ok && exchange.response.bodyBytes).toBe(40);
	});

	it('answers with the final response after a 103 Early Hints', async () => {
		target = await startTarget((_call, res) => {
			res.writeEarlyHints({ link: '</style.css>; rel=preload; as=style' });
			answer(res, 201, { code: '1' }, { 'x-final': 'yes' });
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: true, response: { status: 201, headers: { 'x-final': 'yes' } } });
		expect(exchange.ok && exchange.response.headers.link).toBeUndefined();
		expect(exchange.ok && exchange.response.body.toString()).toBe('{"code":"1"}');
	});

	it('answers an empty body as zero bytes', async () => {
		target = await startTarget((_call, res) => answer(res, 204));
		const exchange = await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: true, response: { status: 204, bodyBytes: 0 } });
		expect(exchange.ok && exchange.response.body.length).toBe(0);
	});

	it('keeps the part of the body received before a reset', async () => {
		target = await startTarget((_call, res) => {
			res.writeHead(200, { 'content-length': '100' });
			res.write('partial');
			setTimeout(() => res.socket?.destroy(), 20);
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: false, reason: 'connection_error', response: { status: 200, bodyBytes: 7 } });
		expect(!exchange.ok && exchange.response?.body.toString()).toBe('partial');
	});

	it('keeps only bodyLimitBytes of the body but counts all of it', async () => {
		target = await startTarget((_call, res) => answer(res, 200, 'x'.repeat(100_000)));
		const exchange = await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1000 });
		expect(exchange.ok && exchange.response.body.length).toBe(1000);
		expect(exchange.ok && exchange.response.bodyBytes).toBe(100_000);
	});

	it('reuses kept-alive connections for requests one after another', async () => {
		target = await startTarget((_call, res) => answer(res, 200, 'ok'));
		for (let i = 0; i < 20; i++) await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(target.calls).toHaveLength(20);
		// undici may open a second socket while the first is still finishing its response; never one per request.
		expect(target.connections).toBeLessThanOrEqual(2);
	});

	// undici checks these deadlines about every half second, so the targets below stall well beyond that.
	it('reports a target that does not answer in time as a timeout', async () => {
		target = await startTarget(async (_call, res) => {
			await delay(5000);
			answer(res, 200);
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 200, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: false, reason: 'timeout', code: 'UND_ERR_HEADERS_TIMEOUT', message: `${new URL(target.url).host} did not answer within 200 ms` });
	});

	it('reports a body that stalls past the deadline as a timeout, keeping the status', async () => {
		target = await startTarget(async (_call, res) => {
			res.writeHead(200, { 'content-length': '10' });
			res.write('12345');
			await delay(5000);
			res.end('67890');
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 200, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: false, reason: 'timeout', code: 'UND_ERR_BODY_TIMEOUT', response: { status: 200 } });
		expect(!exchange.ok && exchange.message).toMatch(/stopped sending its response body for 200 ms/);
	});

	it('cuts a body that keeps trickling in past the deadline, keeping the status and what arrived', async () => {
		let timer: NodeJS.Timeout | undefined;
		target = await startTarget((_call, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			// A piece every 100 ms: undici's own body timeout (a pause of 400 ms) never fires.
			timer = setInterval(() => res.write('.'), 100);
			res.on('close', () => clearInterval(timer));
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 400, bodyLimitBytes: 1024 });
		clearInterval(timer);
		expect(exchange).toMatchObject({ ok: false, reason: 'timeout', code: 'BODY_DEADLINE', response: { status: 200 } });
		expect(!exchange.ok && exchange.message).toBe(`${new URL(target.url).host} was still sending its response body 400 ms after its headers`);
		expect(!exchange.ok && exchange.response?.body.toString()).toMatch(/^\.+$/);
	});

	it('closes the connection of an endless body once it read drainLimitBytes past the kept part', async () => {
		const piece = Buffer.alloc(64 * 1024, 'a');
		target = await startTarget((_call, res) => {
			res.writeHead(200, { 'content-type': 'text/plain' });
			const pump = () => {
				while (res.write(piece));
			};
			res.on('drain', pump);
			pump();
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 5000, bodyLimitBytes: 1000 });
		expect(exchange.ok).toBe(true);
		if (!exchange.ok) return;
		expect(exchange.response.status).toBe(200);
		expect(exchange.response.body.length).toBe(1000);
		expect(exchange.response.bodyBytes).toBeGreaterThan(1000 + drainLimitBytes);
		expect(exchange.response.bodyBytes).toBeLessThanOrEqual(1000 + drainLimitBytes + piece.length);
		// The next request to the same target still goes through (on a new connection).
		const next = await client.send(post(target.url), { timeoutMs: 5000, bodyLimitBytes: 10 });
		expect(next.ok && next.response.status).toBe(200);
	});

	it('reports a refused connection as connection_error ECONNREFUSED', async () => {
		const url = await closedPortUrl();
		const exchange = await client.send(post(url), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: false, reason: 'connection_error', code: 'ECONNREFUSED' });
		expect(!exchange.ok && exchange.message).toMatch(/refused the connection/);
	});

	it('reports a connection reset after the headers as connection_error with the status received', async () => {
		target = await startTarget((_call, res) => {
			res.writeHead(200, { 'content-length': '100' });
			res.write('partial');
			setImmediate(() => res.socket?.destroy());
		});
		const exchange = await client.send(post(target.url), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: false, reason: 'connection_error', response: { status: 200 } });
		expect(!exchange.ok && exchange.message).toMatch(/closed before the response body was complete/);
	});

	it('reports a header value that cannot be sent as invalid_request', async () => {
		target = await startTarget((_call, res) => answer(res, 200));
		const exchange = await client.send(post(target.url, '{}', { 'x-bad': 'a\r\nb' }), { timeoutMs: 2000, bodyLimitBytes: 1024 });
		expect(exchange).toMatchObject({ ok: false, reason: 'invalid_request' });
		expect(target.calls).toHaveLength(0);
	});

	it('never opens more connections to one origin than allowed', async () => {
		target = await startTarget(async (_call, res) => {
			await delay(20);
			answer(res, 200);
		});
		const url = target.url;
		await Promise.all(Array.from({ length: 20 }, async () => await client.send(post(url), { timeoutMs: 5000, bodyLimitBytes: 64 })));
		expect(target.calls).toHaveLength(20);
		expect(target.connections).toBeLessThanOrEqual(4);
		expect(target.peakInFlight).toBeLessThanOrEqual(4);
	});
});

describe('httpClient against an HTTPS target with a self-signed certificate', () => {
	let server: Server;
	let url: string;

	beforeAll(async () => {
		server = createHttpsServer({ cert: selfSignedCertificate, key: selfSignedKey }, (_req, res) => answer(res, 200, 'secure'));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
	});

	afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

	it('rejects the certificate by default, saying how to accept it', async () => {
		const client = createHttpClient({ connectionsPerOrigin: 1 });
		const exchange = await client.send(post(url), { timeoutMs: 2000, bodyLimitBytes: 64 });
		await client.close();
		expect(exchange).toMatchObject({ ok: false, reason: 'connection_error', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
		expect(!exchange.ok && exchange.message).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ was rejected .* turn on Options → "Ignore SSL Issues \(Insecure\)" in the node$/);
	});

	it('accepts it with Ignore SSL Issues', async () => {
		const client = createHttpClient({ connectionsPerOrigin: 1, ignoreTlsErrors: true });
		const exchange = await client.send(post(url), { timeoutMs: 2000, bodyLimitBytes: 64 });
		server.closeAllConnections();
		await client.close();
		expect(exchange.ok && exchange.response.body.toString()).toBe('secure');
	});
});
