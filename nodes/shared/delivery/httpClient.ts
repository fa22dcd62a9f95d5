import type { IncomingHttpHeaders } from 'node:http';

import { type Dispatcher, Pool } from 'undici';

import { maskUrl } from './secretMasking';
import { type TransportFailureReason, classifyTransportError } from './transportError';
import type { DeliveryRequest, ResponseHeaders } from './types';

/**
 * HTTP for one node run: one undici Pool per origin, created on first use and closed by `close()`,
 * so connections are kept alive across the items of a run and never outlive it (queue mode runs
 * each execution in whichever worker picks it up). Each pool may open as many connections as the
 * run lets items be in flight, so no request waits for a socket behind another.
 */

export interface HttpClientOptions {
	/** Upper bound of simultaneous connections to one origin: the run's concurrency. */
	connectionsPerOrigin: number;
	/** Accept self-signed and otherwise unverifiable TLS certificates. Off by default: insecure. */
	ignoreTlsErrors?: boolean;
}

export interface SendOptions {
	/**
	 * The longest wait for each step of the exchange: the connection, the response headers, and
	 * the whole body after them (undici's own timers watch the first two and every pause in the
	 * body; a body that keeps trickling in is cut when a piece arrives past the deadline).
	 */
	timeoutMs: number;
	/**
	 * Body bytes kept; up to `drainLimitBytes` more are read and dropped so the connection can be
	 * reused, and beyond that the connection is closed: an endless body cannot hold an item forever.
	 */
	bodyLimitBytes: number;
}

export interface ReceivedResponse {
	status: number;
	headers: ResponseHeaders;
	/** At most `bodyLimitBytes` of the body. */
	body: Buffer;
	/** Bytes the body had in all (more than `body.length` when the limit cut it). */
	bodyBytes: number;
}

export type HttpExchange =
	| { ok: true; durationMs: number; response: ReceivedResponse }
	| {
			ok: false;
			durationMs: number;
			reason: TransportFailureReason;
			message: string;
			code?: string;
			/** Set when the status line and headers arrived before the failure (a reset mid-body). */
			response?: ReceivedResponse;
	  };

export type { TransportFailureReason } from './transportError';
export { classifyTransportError } from './transportError';

export interface HttpClient {
	/** Never rejects: transport problems come back as `ok: false` with a reason. */
	send(request: DeliveryRequest, options: SendOptions): Promise<HttpExchange>;
	close(): Promise<void>;
}

/** Bytes of a response body read and dropped past the kept part before the connection is closed instead. */
export const drainLimitBytes = 1024 * 1024;

/**
 * One exchange as undici delivers it: status, headers, and the first `bodyLimitBytes` of the body,
 * reading the rest and dropping it so the connection can be reused (up to `drainLimitBytes`, then
 * closing it), the whole body within `timeoutMs` of the headers; it settles `send`'s promise
 * itself when the response ends or fails. A dispatch handler rather than `pool.request()`: no
 * response stream, async resource, body mixin or second promise per exchange, which at thousands of
 * items a run is a large part of the client's time and garbage (measured with bench/delivery).
 */
class Exchange implements Dispatcher.DispatchHandler {
	private readonly startedAt = performance.now();

	/** When the response headers arrived: the body must be complete `timeoutMs` after. */
	private headersAt = 0;

	/** Set once `settle` was called: undici reports the abort that may follow. */
	private settled = false;

	private status = 0;

	private headers: ResponseHeaders | undefined;

	/** The kept body, when it came in one piece (the usual small answer); else `chunks`. */
	private first: Buffer | undefined;

	private chunks: Buffer[] | undefined;

	private kept = 0;

	/** Body bytes received in all. */
	private total = 0;

	constructor(
		private readonly url: URL,
		private readonly options: SendOptions,
		private readonly settle: (exchange: HttpExchange) => void,
	) {}

	/** Present so undici treats this as a handler of its current (controller) interface. */
	onRequestStart(): void {}

	onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
		// 1xx interim answers (102, 103) are followed by the real one.
		if (statusCode < 200) return;
		this.status = statusCode;
		this.headers = headers as ResponseHeaders;
		this.headersAt = performance.now();
	}

	onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
		if (this.settled) return;
		this.total += chunk.length;
		if (performance.now() - this.headersAt > this.options.timeoutMs) {
			const response = this.received();
			this.finish({
				ok: false,
				durationMs: this.elapsed(),
				reason: 'timeout',
				message: `${this.url.host} was still sending its response body ${this.options.timeoutMs} ms after its headers`,
				code: 'BODY_DEADLINE',
				response,
			});
			controller.abort(new Error('Response body deadline passed'));
			return;
		}
		const room = this.options.bodyLimitBytes - this.kept;
		if (room <= 0) {
			// The kept part is complete: an answer this long is not worth its connection.
			if (this.total - this.kept > drainLimitBytes) {
				const response = this.received() as ReceivedResponse;
				this.finish({ ok: true, durationMs: this.elapsed(), response });
				controller.abort(new Error('Response body too long to drain'));
			}
			return;
		}
		const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
		this.kept += part.length;
		if (this.first === undefined && this.chunks === undefined) this.first = part;
		else {
			this.chunks ??= [this.first as Buffer];
			this.first = undefined;
			this.chunks.push(part);
		}
	}

	onResponseEnd(): void {
		if (this.settled) return;
		const response = this.received();
		if (response) this.finish({ ok: true, durationMs: this.elapsed(), response });
		else this.onResponseError(undefined, new Error('The response ended without a status line'));
	}

	onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
		if (this.settled) return;
		const response = this.received();
		const failure = classifyTransportError(error, { timeoutMs: this.options.timeoutMs, url: this.url, headersReceived: response !== undefined });
		this.finish({ ok: false, durationMs: this.elapsed(), ...failure, response });
	}

	private finish(exchange: HttpExchange): void {
		this.settled = true;
		this.settle(exchange);
	}

	/** Whole milliseconds: enough for a push log, and small integers cost no heap object per attempt. */
	private elapsed(): number {
		return Math.round(performance.now() - this.startedAt);
	}

	/** The response so far; undefined until its status line and headers arrived. */
	private received(): ReceivedResponse | undefined {
		if (this.headers === undefined) return undefined;
		const body = this.first ?? (this.chunks ? Buffer.concat(this.chunks) : Buffer.alloc(0));
		return { status: this.status, headers: this.headers, body, bodyBytes: this.total };
	}
}

interface ParsedUrl {
	text: string;
	url: URL;
	origin: string;
	/** Path and query, as the request line carries them. */
	path: string;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
	const pools = new Map<string, Pool>();
	const connections = Math.max(1, Math.floor(options.connectionsPerOrigin));
	// Most runs send every item to one URL: parse it once (URL getters such as `origin` build a new
	// string on every call, so the parts are kept too).
	let lastUrl: ParsedUrl | undefined;

	function parseUrl(text: string): ParsedUrl {
		if (lastUrl?.text === text) return lastUrl;
		const url = new URL(text);
		lastUrl = { text, url, origin: url.origin, path: `${url.pathname}${url.search}` };
		return lastUrl;
	}

	function poolFor(origin: string, connectTimeoutMs: number): Pool {
		let pool = pools.get(origin);
		if (!pool) {
			pool = new Pool(origin, {
				connections,
				pipelining: 1,
				connectTimeout: connectTimeoutMs,
				connect: options.ignoreTlsErrors ? { rejectUnauthorized: false } : undefined,
			});
			pools.set(origin, pool);
		}
		return pool;
	}

	// Not async: the exchange settles the promise itself, with no further hop per item.
	function send(request: DeliveryRequest, sendOptions: SendOptions): Promise<HttpExchange> {
		let target: ParsedUrl;
		try {
			target = parseUrl(request.url);
		} catch {
			return Promise.resolve({ ok: false, durationMs: 0, reason: 'invalid_request', message: `"${maskUrl(request.url)}" is not a valid URL` });
		}
		return new Promise((settle) => {
			// dispatch never throws: a request undici refuses (a bad header value) comes to onResponseError.
			poolFor(target.origin, sendOptions.timeoutMs).dispatch(
				{
					path: target.path,
					method: request.method as Dispatcher.HttpMethod,
					headers: request.headers,
					body: request.body === undefined || request.body === '' ? undefined : request.body,
					headersTimeout: sendOptions.timeoutMs,
					bodyTimeout: sendOptions.timeoutMs,
				},
				new Exchange(target.url, sendOptions, settle),
			);
		});
	}

	async function close(): Promise<void> {
		const open = [...pools.values()];
		pools.clear();
		await Promise.all(open.map(async (pool) => await pool.close()));
	}

	return { send, close };
}
