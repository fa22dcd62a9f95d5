/**
 * Bad requests for the triggers, generated with fast-check from a seed, and a sender that keeps each
 * answer (status, body) or the way it failed. Where the trigger has a signature, the requests of
 * every kind but "bad signature" and "header injection" carry a valid one, so they reach the checks
 * behind it (body reading, JSON, the event's shape) instead of all stopping at the signature.
 */
import http from 'node:http';
import zlib from 'node:zlib';

import fc from 'fast-check';

import type { FuzzTarget } from './fuzzTargets';

export const fuzzKinds = ['brokenJson', 'wrongTypes', 'hugeBody', 'wrongContentType', 'headerInjection', 'badSignature', 'wrongMethod', 'corruptGzip'] as const;
export type FuzzKind = (typeof fuzzKinds)[number];

export interface FuzzRequest {
	kind: FuzzKind;
	method: string;
	pathAndQuery: string;
	headers: Record<string, string>;
	body: Buffer;
}

export interface FuzzAnswer {
	status: number;
	body: string;
	error?: string;
	ms: number;
}

/** n8n's body limit in this run (N8N_PAYLOAD_SIZE_MAX, MiB): huge bodies are just over it. */
export const payloadLimitMiB = 1;

const wrongValue = fc.oneof(
	fc.integer(),
	fc.double({ noNaN: false }),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 4 }),
	fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
);

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
	const [head, ...rest] = dotted.split('.');
	if (rest.length === 0) {
		target[head] = value;
		return;
	}
	const inner = typeof target[head] === 'object' && target[head] !== null && !Array.isArray(target[head]) ? (target[head] as Record<string, unknown>) : {};
	target[head] = inner;
	setPath(inner, rest.join('.'), value);
}

const validJson = (target: FuzzTarget): string => target.good().body;

function signed(target: FuzzTarget, kind: FuzzKind, body: string | Buffer, extra: Record<string, string> = {}, method = 'POST'): FuzzRequest {
	const request = target.sign(Buffer.isBuffer(body) ? body.toString('latin1') : body);
	return { kind, method, pathAndQuery: request.pathAndQuery, headers: { ...request.headers, ...extra }, body: Buffer.isBuffer(body) ? body : Buffer.from(body) };
}

/** One arbitrary per kind of bad request; each builds a complete request for `target`. */
export function badRequest(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
	const brokenJson = fc
		.oneof(
			fc.nat().map((cut) => {
				const text = validJson(target);
				return text.slice(0, 1 + (cut % (text.length - 1)));
			}),
			fc.string({ minLength: 1 }).filter((s) => !isJsonObject(s)),
			fc.constantFrom('{', '{"action":', '{"a":1,}', "{'single':'quotes'}", '{"a":1}}', 'NaN', '\u0000\u0001', '{"a":"\\u12"}', '[1,2'),
		)
		.map((body) => signed(target, 'brokenJson', body));
	const wrongTypes = fc
		.oneof(
			fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean(), fc.array(fc.integer())).map((v) => JSON.stringify(v)),
			fc.tuple(...target.keyFields.map(() => wrongValue)).map((values) => {
				const event = JSON.parse(validJson(target)) as Record<string, unknown>;
				target.keyFields.forEach((field, n) => setPath(event, field, values[n]));
				return JSON.stringify(event);
			}),
		)
		.map((body) => signed(target, 'wrongTypes', body));
	const hugeBody = fc
		.tuple(fc.integer({ min: 1, max: 256 * 1024 }), fc.constantFrom('a', ' ', '{', '中'))
		.map(([extra, fill]) => {
			const size = payloadLimitMiB * 1024 * 1024 + extra;
			return signed(target, 'hugeBody', `{"pad":"${fill.repeat(Math.ceil(size / Buffer.byteLength(fill)))}"}`);
		});
	const wrongContentType = fc
		.tuple(
			fc.constantFrom('application/x-www-form-urlencoded', 'text/xml', 'multipart/form-data; boundary=XyZ', 'text/plain', 'application/octet-stream', 'image/png'),
			fc.oneof(
				fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 10 }), { minKeys: 1, maxKeys: 4 }).map((d) => new URLSearchParams(d).toString()),
				fc.string({ maxLength: 20 }).map((s) => `<?xml version="1.0"?><event><action>${s}</action></event>`),
				fc.string({ maxLength: 20 }).map((s) => `--XyZ\r\nContent-Disposition: form-data; name="action"\r\n\r\n${s}\r\n--XyZ--\r\n`),
				fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(bytes)]).toString('latin1')),
			),
		)
		.map(([contentType, body]) => signed(target, 'wrongContentType', body, { 'content-type': contentType }));
	const injected = fc.constantFrom('\tX-Injected: 1', '%0d%0aX-Injected:%201', ', x-forwarded-for: 127.0.0.1', ';signKey=', ' HTTP/1.1 200 OK');
	const headerInjection = fc
		.tuple(fc.constantFrom(...signatureHeaders(target)), injected, fc.stringMatching(/^[A-Za-z0-9+/=_-]{1,24}$/))
		.map(([header, injection, noise]) => {
			const request = target.sign(validJson(target));
			// Never the valid value again: the noise (at least one character) comes first.
			const value = `${noise}${injection}${request.headers[header] ?? ''}`;
			return { kind: 'headerInjection' as const, method: 'POST', pathAndQuery: request.pathAndQuery, headers: { ...request.headers, [header]: value, 'x-original-url': '/healthz' }, body: Buffer.from(request.body) };
		});
	const badSignature = fc
		.tuple(fc.constantFrom(...signatureHeaders(target)), fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9+/=,._-]{1,80}$/)))
		.map(([header, value]) => {
			const request = target.sign(validJson(target));
			const headers = { ...request.headers };
			if (value === '') delete headers[header];
			else headers[header] = value;
			return { kind: 'badSignature' as const, method: 'POST', pathAndQuery: request.pathAndQuery, headers, body: Buffer.from(request.body) };
		});
	const wrongMethod = fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS').map((method) => signed(target, 'wrongMethod', validJson(target), {}, method));
	const corruptGzip = fc
		.tuple(fc.nat(), fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.constantFrom('gzip', 'deflate'))
		.map(([cut, noise, encoding]) => {
			const packed = encoding === 'gzip' ? zlib.gzipSync(validJson(target)) : zlib.deflateSync(validJson(target));
			// Cut short, or random bytes after the real header, or random bytes alone.
			const variants = [packed.subarray(0, 1 + (cut % (packed.length - 1))), Buffer.concat([packed.subarray(0, 10), Buffer.from(noise)]), Buffer.from([0x1f, ...noise])];
			return signed(target, 'corruptGzip', variants[cut % 3], { 'content-encoding': encoding });
		});
	return fc.oneof(brokenJson, wrongTypes, hugeBody, wrongContentType, headerInjection, badSignature, wrongMethod, corruptGzip);
}

function isJsonObject(text: string): boolean {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value);
	} catch {
		return false;
	}
}

/** The headers that carry the signature of this trigger's scheme. */
function signatureHeaders(target: FuzzTarget): string[] {
	const sample = target.sign('{}').headers;
	return Object.keys(sample).filter((name) => name.toLowerCase() !== 'content-type' && !/deliverid/i.test(name));
}

/** Sends one request as raw as Node's client allows and keeps the answer. */
export async function sendRaw(baseUrl: string, request: FuzzRequest): Promise<FuzzAnswer> {
	const url = new URL(`${baseUrl}/webhook/${request.pathAndQuery}`);
	const started = Date.now();
	return await new Promise<FuzzAnswer>((resolve) => {
		let settled = false;
		const done = (answer: Omit<FuzzAnswer, 'ms'>) => {
			if (!settled) (settled = true), resolve({ ...answer, ms: Date.now() - started });
		};
		const req = http.request(
			{ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: request.method, headers: { ...request.headers, 'content-length': String(request.body.length) }, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', (error) => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), error: String(error) }));
			},
		);
		req.on('error', (error) => done({ status: 0, body: '', error: String(error) }));
		req.end(request.body);
	});
}

/** Runs `work` over `items`, `parallel` at a time. */
export async function inParallel<T, R>(items: T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < items.length) {
				const index = next++;
				results[index] = await work(items[index]);
			}
		}),
	);
	return results;
}

/** A reason a user can read: the `message`, `msg` or `error` of a JSON answer, or any text. */
export function reasonOf(body: string): string {
	try {
		const json = JSON.parse(body) as Record<string, unknown>;
		const reason = json.message ?? json.msg ?? json.error ?? json.reason;
		return typeof reason === 'string' ? reason : '';
	} catch {
		return body.trim();
	}
}
