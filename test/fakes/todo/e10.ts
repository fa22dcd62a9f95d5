import { type FakeServer, json, parseJson, startFakeServer } from './fakeServer';

/**
 * Weaver E10 fake: the open platform's OAuth2 (`GET /oauth2/authorize?corpid&response_type=code&state`
 * → `{errcode: "0", code}`, `POST /oauth2/access_token` form app_key, app_secret,
 * grant_type=authorization_code, code → `{errcode: "0", accessToken, expires_in}`; a code works once)
 * and the to-do endpoint at `pushPath` taking `?access_token=` and a camelCase JSON body, answered
 * `{code: 200, msg, status: true}`. A token it did not issue, or one `expireTokens()` revoked, gets
 * HTTP 401 `{code: 401, msg, status: false}`. `failWith('refuse', msg)` answers `{code: 500, msg, status: false}`.
 */

export interface E10Fake extends FakeServer {
	failWith(failure: 'refuse' | 'http500' | undefined, message?: string): void;
	expireTokens(): void;
	issuedTokens: string[];
}

export async function startE10Fake(options: { corpId: string; appKey: string; appSecret: string; pushPath: string }): Promise<E10Fake> {
	let failure: 'refuse' | 'http500' | undefined;
	let failureMessage = '';
	const codes = new Set<string>();
	const valid = new Set<string>();
	const issuedTokens: string[] = [];
	let counter = 0;

	const fake = await startFakeServer((request) => {
		if (request.method === 'GET' && request.path === '/oauth2/authorize') {
			if (request.query.corpid !== options.corpId || request.query.response_type !== 'code') return json(200, { errcode: '100400', errmsg: 'corpid invalid' });
			const code = `code-${++counter}`;
			codes.add(code);
			return json(200, { errcode: '0', errmsg: 'success', code, state: request.query.state ?? '' });
		}
		if (request.method === 'POST' && request.path === '/oauth2/access_token') {
			const form = new URLSearchParams(request.text);
			if (form.get('app_key') !== options.appKey || form.get('app_secret') !== options.appSecret) return json(200, { errcode: '100200', errmsg: 'app_key or app_secret invalid' });
			const code = form.get('code') ?? '';
			if (form.get('grant_type') !== 'authorization_code' || !codes.delete(code)) return json(200, { errcode: '100300', errmsg: 'code invalid' });
			const token = `e10-token-${++counter}`;
			valid.add(token);
			issuedTokens.push(token);
			return json(200, { errcode: '0', errmsg: 'success', accessToken: token, expires_in: 7200, refresh_token: `refresh-${counter}` });
		}
		if (request.method === 'POST' && request.path === options.pushPath) {
			if (!valid.has(request.query.access_token ?? '')) return json(401, { code: 401, msg: 'access_token is invalid or expired', status: false });
			if (failure === 'http500') return { status: 500, body: 'Internal Server Error' };
			if (failure === 'refuse') return json(200, { code: 500, msg: failureMessage, status: false });
			const body = parseJson(request.text);
			if (!body?.sysCode || !body.flowId || body.isRemark === undefined) return json(200, { code: 400, msg: 'sysCode, flowId and isRemark are required', status: false });
			return json(200, { code: 200, msg: 'success', status: true });
		}
		return { status: 404, body: 'Not Found' };
	});
	return Object.assign(fake, {
		issuedTokens,
		failWith(next: 'refuse' | 'http500' | undefined, message = '') {
			failure = next;
			failureMessage = message;
		},
		expireTokens() {
			valid.clear();
		},
	});
}
