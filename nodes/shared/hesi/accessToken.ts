import { createHash } from 'node:crypto';

import { type DeliveryDependencies, deliverMessage } from '../delivery';

/**
 * Hesi's open API access token: `POST {base}/api/openapi/v1/auth/getAccessToken` with
 * `{"appKey","appSecurity"}` answers `{"value":{"accessToken","corporationId","expireTime"?}}`.
 * Fetched through the delivery engine (one attempt, its judge reading the body) and kept per process
 * and per credential until shortly before it expires, so a batch of callbacks asks for it once. A
 * per-process cache is enough: a process without it fetches its own token (queue-mode workers do).
 */

export interface HesiApiCredential {
	baseUrl: string;
	appKey: string;
	appSecurity: string;
}

export interface AccessToken {
	accessToken: string;
	corporationId: string | null;
	/** Epoch ms after which the token is not used any more. */
	usableUntil: number;
}

// A path, not a secret (the rule reads "AccessToken" in it).
// eslint-disable-next-line @n8n/community-nodes/no-hardcoded-secrets
export const authEndpointPath = '/api/openapi/v1/auth/getAccessToken';

/** Refresh this long before Hesi's expiry, so a token is not sent in its last seconds. */
export const expiryMarginMs = 60_000;
/** How long a token without `expireTime` is kept (a 401 replaces it sooner). */
export const assumedLifetimeMs = 30 * 60_000;

/** Why a token could not be had: `transient` (connection, timeout, 5xx: worth waiting for) or `refused`. */
export class AccessTokenError extends Error {
	constructor(
		message: string,
		readonly kind: 'transient' | 'refused',
	) {
		super(message);
		this.name = 'AccessTokenError';
	}
}

/** The base URL without a trailing slash; throws for anything but http(s). */
export function hesiBase(baseUrl: string): string {
	const trimmed = baseUrl.trim().replace(/\/+$/, '');
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		throw new Error(`"${baseUrl}" is not a URL: use Hesi's address, e.g. https://app.ekuaibao.com`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`"${baseUrl}" is not an http(s) URL: use Hesi's address, e.g. https://app.ekuaibao.com`);
	return trimmed;
}

/**
 * `expireTime` as Hesi may give it: epoch ms, epoch seconds, or seconds from now. Missing or
 * unreadable: `assumedLifetimeMs` from now.
 */
export function usableUntil(expireTime: unknown, nowMs: number): number {
	const value = typeof expireTime === 'string' && expireTime.trim() !== '' ? Number(expireTime) : expireTime;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return nowMs + assumedLifetimeMs;
	const expiresAt = value > 1e12 ? value : value > 1e9 ? value * 1000 : nowMs + value * 1000;
	return Math.max(nowMs, expiresAt - expiryMarginMs);
}

function readToken(body: string, nowMs: number): AccessToken | undefined {
	try {
		const value = (JSON.parse(body) as { value?: Record<string, unknown> }).value;
		if (!value || typeof value.accessToken !== 'string' || value.accessToken === '') return undefined;
		return {
			accessToken: value.accessToken,
			corporationId: typeof value.corporationId === 'string' ? value.corporationId : null,
			usableUntil: usableUntil(value.expireTime, nowMs),
		};
	} catch {
		return undefined;
	}
}

/** One token request; never cached here. */
export async function fetchAccessToken(credential: HesiApiCredential, dependencies: DeliveryDependencies, timeoutMs: number): Promise<AccessToken> {
	const now = dependencies.now ?? Date.now;
	const outcome = await deliverMessage(
		{
			request: {
				method: 'POST',
				url: `${hesiBase(credential.baseUrl)}${authEndpointPath}`,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ appKey: credential.appKey, appSecurity: credential.appSecurity }),
			},
			messageId: 'hesi-access-token',
			event: null,
			timeoutMs,
			success: { acceptedStatuses: [] },
			judge: ({ status, body }) =>
				status >= 200 && status <= 299 && readToken(body, 0)
					? { accepted: true }
					: { accepted: false, reason: 'status_not_accepted', message: `HTTP ${status}` },
			retry: { maxRetries: 0, backoff: { kind: 'fixed', intervalMs: 0 }, retryOn: [], retryAfterCapMs: 0 },
		},
		// The token must not reach a record: this outcome is read here and dropped.
		{ ...dependencies, redactSecrets: undefined, signAttempt: undefined },
	);
	const attempt = outcome.record.attempts[outcome.record.attempts.length - 1];
	const response = attempt?.response;
	const token = outcome.route === 'success' && response ? readToken(response.body, now()) : undefined;
	if (token) return token;
	const where = `Hesi's token endpoint (${authEndpointPath})`;
	if (!response) throw new AccessTokenError(`${where} could not be reached: ${attempt?.error?.message ?? 'no answer'}`, 'transient');
	if (response.status >= 500 || response.status === 429) throw new AccessTokenError(`${where} answered HTTP ${response.status}`, 'transient');
	const said = /"(?:message|msg|errorMessage)"\s*:\s*"([^"]{1,200})"/.exec(response.body)?.[1];
	throw new AccessTokenError(
		`${where} gave no access token (HTTP ${response.status}${said ? `: "${said}"` : ''}): check App Key and App Security`,
		'refused',
	);
}

const cache = new Map<string, AccessToken>();
const inFlight = new Map<string, Promise<AccessToken>>();

/** The cache key: the secret only as a hash, so the key held in memory reveals nothing. */
export function credentialKey(credential: HesiApiCredential): string {
	const secret = createHash('sha256').update(credential.appSecurity).digest('hex');
	return `${hesiBase(credential.baseUrl)}\n${credential.appKey}\n${secret}`;
}

/**
 * A usable token from this process's cache, else a new one (one request for all callers waiting on
 * the same credential). `stale`: the token a 401 just turned down, dropped unless already replaced.
 */
export async function accessTokenFor(
	credential: HesiApiCredential,
	dependencies: DeliveryDependencies,
	timeoutMs: number,
	stale?: string,
): Promise<AccessToken> {
	const key = credentialKey(credential);
	const now = (dependencies.now ?? Date.now)();
	const cached = cache.get(key);
	if (cached && cached.accessToken !== stale && cached.usableUntil > now) return cached;
	if (cached) cache.delete(key);
	let pending = inFlight.get(key);
	if (!pending) {
		pending = fetchAccessToken(credential, dependencies, timeoutMs).finally(() => inFlight.delete(key));
		inFlight.set(key, pending);
	}
	const token = await pending;
	cache.set(key, token);
	return token;
}

/** Empties the per-process cache (tests; a credential change is noticed by its key anyway). */
export function forgetAccessTokens(): void {
	cache.clear();
}
