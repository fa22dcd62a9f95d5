import { textPrefix } from '../delivery/attemptRecord';
import type { DeliveryOutcome } from '../delivery/deliverMessage';
import type { HttpExchange, SendOptions } from '../delivery/httpClient';
import type { DeliveryRequest } from '../delivery/types';
import type { AdapterRequest, TokenSpec } from './types';

/**
 * Access tokens of to-do targets (DingTalk, WeCom, E10), fetched through the run's HTTP client and
 * kept per process: DingTalk and WeCom both cap how often a token may be fetched and say to cache it
 * for its `expires_in`. A cached token is renewed shortly before it expires; one fetch is in flight
 * per cache key however many items ask; an answer saying the token was refused drops it, and the
 * item is sent once more with a fresh one (`withAccessToken`). Only the token is kept, never the
 * secrets that fetched it; queue-mode workers each fetch their own, which the targets allow.
 */

/** The shape of `HttpClient.send` (nodes/shared/delivery/httpClient.ts), as deliverMessage takes it. */
export type TokenSend = (request: DeliveryRequest, options: SendOptions) => Promise<HttpExchange>;

/** Why a token could not be had: the item fails with this message (secrets never in it). */
export class AccessTokenError extends Error {}

/** Renew this long before expiry (or at half the lifetime, for short-lived tokens). */
export const refreshMarginMs = 5 * 60 * 1000;

const tokenBodyLimitBytes = 64 * 1024;

interface CachedToken {
	token: string;
	refreshAt: number;
}

async function exchange(send: TokenSend, request: DeliveryRequest, timeoutMs: number, step: string): Promise<{ status: number; body: string }> {
	const result = await send(request, { timeoutMs, bodyLimitBytes: tokenBodyLimitBytes });
	if (!result.ok) throw new AccessTokenError(`The access token could not be fetched (${step}): ${result.message}`);
	const { status, body, bodyBytes } = result.response;
	return { status, body: textPrefix(body, tokenBodyLimitBytes, bodyBytes > body.length) };
}

function asTokenError(error: unknown, step: string): AccessTokenError {
	if (error instanceof AccessTokenError) return error;
	return new AccessTokenError(`The access token could not be fetched (${step}): ${(error as Error).message}`);
}

/** Runs a spec's exchanges (one, or E10's two) and reads the token. */
export async function fetchAccessToken(spec: TokenSpec, send: TokenSend, timeoutMs: number): Promise<{ token: string; expiresInSeconds: number }> {
	let response = await exchange(send, spec.request, timeoutMs, spec.authorizationCode ? 'authorization code' : 'token');
	if (spec.authorizationCode) {
		let code: string;
		try {
			code = spec.authorizationCode.readCode(response);
		} catch (error) {
			throw asTokenError(error, 'authorization code');
		}
		response = await exchange(send, spec.authorizationCode.tokenRequest(code), timeoutMs, 'token');
	}
	try {
		const read = spec.read(response);
		if (read.token === '') throw new Error('the answer carries an empty token');
		return read;
	} catch (error) {
		throw asTokenError(error, 'token');
	}
}

export class AccessTokenCache {
	private readonly tokens = new Map<string, CachedToken>();

	private readonly fetches = new Map<string, Promise<string>>();

	constructor(private readonly now: () => number = Date.now) {}

	/** The cached token of `spec.cacheKey`, or a new one (shared with any fetch of the same key in flight). */
	async get(spec: TokenSpec, send: TokenSend, timeoutMs: number): Promise<string> {
		const cached = this.tokens.get(spec.cacheKey);
		if (cached && this.now() < cached.refreshAt) return cached.token;
		const running = this.fetches.get(spec.cacheKey);
		if (running) return await running;
		const fetching = (async () => {
			const fetchedAt = this.now();
			const { token, expiresInSeconds } = await fetchAccessToken(spec, send, timeoutMs);
			const lifetimeMs = Math.max(0, expiresInSeconds) * 1000;
			this.tokens.set(spec.cacheKey, { token, refreshAt: fetchedAt + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs / 2) });
			return token;
		})();
		this.fetches.set(spec.cacheKey, fetching);
		try {
			return await fetching;
		} finally {
			this.fetches.delete(spec.cacheKey);
		}
	}

	/** Drops the token a target refused, unless another item has already replaced it. */
	invalidate(cacheKey: string, rejectedToken: string): void {
		if (this.tokens.get(cacheKey)?.token === rejectedToken) this.tokens.delete(cacheKey);
	}

	clear(): void {
		this.tokens.clear();
	}
}

/** The process's token cache (CONVENTIONS: a per-process cache in front of the target is fine). */
export const sharedAccessTokens = new AccessTokenCache();

/** Whether a delivery failed because the target refused the token (its last answer, by the adapter's rule). */
export function tokenWasRejected(planned: Pick<AdapterRequest, 'tokenRejected'>, outcome: DeliveryOutcome): boolean {
	if (outcome.route === 'success' || !planned.tokenRejected) return false;
	const response = outcome.record.attempts[outcome.record.attempts.length - 1]?.response;
	return response ? planned.tokenRejected({ status: response.status, body: response.body }) : false;
}

/**
 * Sends with a token: `attempt` plans and delivers with the token it is given and says whether
 * the target refused that token; if it did, the token is dropped, a fresh one fetched, and
 * `attempt` runs once more (only once: a second refusal is the target's answer).
 */
export async function withAccessToken<T>(
	context: { cache: AccessTokenCache; spec: TokenSpec | undefined; send: TokenSend; timeoutMs: number },
	attempt: (token: string | undefined) => Promise<{ value: T; tokenRejected: boolean }>,
): Promise<T> {
	const { cache, spec, send, timeoutMs } = context;
	if (!spec) return (await attempt(undefined)).value;
	const token = await cache.get(spec, send, timeoutMs);
	const first = await attempt(token);
	if (!first.tokenRejected) return first.value;
	cache.invalidate(spec.cacheKey, token);
	return (await attempt(await cache.get(spec, send, timeoutMs))).value;
}
