import { type HttpClient, createHttpClient } from '../../../../nodes/shared/delivery/httpClient';
import { AccessTokenCache, AccessTokenError, refreshMarginMs, withAccessToken } from '../../../../nodes/shared/todo/accessToken';
import type { TokenSpec } from '../../../../nodes/shared/todo/types';
import { type FakeServer, json, startFakeServer } from '../../../fakes/todo/fakeServer';
import { closedPortUrl } from '../delivery/localTarget';

describe('access-token cache against a local token endpoint', () => {
	let fake: FakeServer;
	let client: HttpClient;
	let issued: number;
	let expiresIn: number;
	/** Resolves the pending token answers when set (to hold fetches in flight). */
	let gate: Promise<void> | undefined;
	const clock = { now: 1_000_000 };

	const spec = (cacheKey = 'k1'): TokenSpec => ({
		cacheKey,
		request: { method: 'POST', url: `${fake.url}/token`, headers: { 'content-type': 'application/json' }, body: '{"key":"a"}' },
		read: (response) => {
			const body = JSON.parse(response.body) as { token?: string; expires?: number; error?: string };
			if (!body.token) throw new Error(`the target said: ${body.error}`);
			return { token: body.token, expiresInSeconds: body.expires ?? 0 };
		},
	});

	beforeEach(async () => {
		issued = 0;
		expiresIn = 7200;
		gate = undefined;
		fake = await startFakeServer(async (request) => {
			if (request.path === '/bad') return json(200, { error: 'app secret wrong' });
			await gate;
			return json(200, { token: `t${++issued}`, expires: expiresIn });
		});
		client = createHttpClient({ connectionsPerOrigin: 4 });
	});

	afterEach(async () => {
		await client.close();
		await fake.close();
	});

	it('keeps a token until shortly before it expires, then fetches a new one', async () => {
		const cache = new AccessTokenCache(() => clock.now);
		expect(await cache.get(spec(), client.send, 2000)).toBe('t1');
		clock.now += 7200_000 - refreshMarginMs - 1;
		expect(await cache.get(spec(), client.send, 2000)).toBe('t1');
		clock.now += 1;
		expect(await cache.get(spec(), client.send, 2000)).toBe('t2');
		expect(fake.requests).toHaveLength(2);
		expect(fake.requests[0].text).toBe('{"key":"a"}');
	});

	it('renews a short-lived token at half its lifetime', async () => {
		expiresIn = 60;
		const cache = new AccessTokenCache(() => clock.now);
		await cache.get(spec(), client.send, 2000);
		clock.now += 29_999;
		expect(await cache.get(spec(), client.send, 2000)).toBe('t1');
		clock.now += 1;
		expect(await cache.get(spec(), client.send, 2000)).toBe('t2');
	});

	it('has one fetch in flight per key however many ask at once', async () => {
		let open: () => void = () => {};
		gate = new Promise((resolve) => (open = resolve));
		const cache = new AccessTokenCache(() => clock.now);
		const asks = [cache.get(spec(), client.send, 2000), cache.get(spec(), client.send, 2000), cache.get(spec(), client.send, 2000), cache.get(spec('k2'), client.send, 2000)];
		// Let the requests reach the fake before it answers.
		while (fake.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
		open();
		const tokens = await Promise.all(asks);
		expect(fake.requests).toHaveLength(2);
		expect(tokens.slice(0, 3)).toEqual([tokens[0], tokens[0], tokens[0]]);
		expect(tokens[3]).not.toBe(tokens[0]);
	});

	it('drops a refused token only if it is still the cached one', async () => {
		const cache = new AccessTokenCache(() => clock.now);
		await cache.get(spec(), client.send, 2000);
		cache.invalidate('k1', 'some-older-token');
		expect(await cache.get(spec(), client.send, 2000)).toBe('t1');
		cache.invalidate('k1', 't1');
		expect(await cache.get(spec(), client.send, 2000)).toBe('t2');
	});

	it('sends once more with a fresh token after a refusal, and only once', async () => {
		const cache = new AccessTokenCache(() => clock.now);
		const used: Array<string | undefined> = [];
		const result = await withAccessToken({ cache, spec: spec(), send: client.send, timeoutMs: 2000 }, async (token) => {
			used.push(token);
			return { value: `sent with ${token}`, tokenRejected: true };
		});
		expect(used).toEqual(['t1', 't2']);
		expect(result).toBe('sent with t2');
	});

	it('sends without a token when the target needs none', async () => {
		const cache = new AccessTokenCache(() => clock.now);
		const result = await withAccessToken({ cache, spec: undefined, send: client.send, timeoutMs: 2000 }, async (token) => ({ value: token, tokenRejected: false }));
		expect(result).toBeUndefined();
		expect(fake.requests).toHaveLength(0);
	});

	it("fails with the target's own reason when it refuses to issue a token, and caches nothing", async () => {
		const cache = new AccessTokenCache(() => clock.now);
		const bad: TokenSpec = { ...spec(), request: { ...spec().request, url: `${fake.url}/bad` } };
		await expect(cache.get(bad, client.send, 2000)).rejects.toThrow(new AccessTokenError('The access token could not be fetched (token): the target said: app secret wrong'));
		await expect(cache.get(bad, client.send, 2000)).rejects.toThrow(AccessTokenError);
		expect(fake.requests).toHaveLength(2);
	});

	it('fails saying why when the token endpoint cannot be reached', async () => {
		const cache = new AccessTokenCache(() => clock.now);
		const unreachable: TokenSpec = { ...spec(), request: { ...spec().request, url: `${await closedPortUrl()}/token` } };
		await expect(cache.get(unreachable, client.send, 2000)).rejects.toThrow(/^The access token could not be fetched \(token\): .*refused the connection/);
	});
});
