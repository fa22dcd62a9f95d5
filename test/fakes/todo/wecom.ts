import { type FakeServer, json, parseJson, startFakeServer } from './fakeServer';

/**
 * WeCom (企业微信) fake: `GET /cgi-bin/gettoken?corpid&corpsecret` → `{errcode: 0, errmsg: "ok",
 * access_token, expires_in: 7200}` (40013 invalid corpid, 40001 invalid secret) and
 * `POST /cgi-bin/message/send?access_token=` → `{errcode: 0, errmsg: "ok", invaliduser: "", msgid}`.
 * A token it did not issue gets errcode 40014, one `expireTokens()` revoked 42001 (HTTP 200, as WeCom
 * answers). `failWith(errcode, errmsg)` answers that error, e.g. 81013 "user & party & tag all invalid".
 */

export interface WecomFake extends FakeServer {
	issuedTokens: string[];
	expireTokens(): void;
	failWith(errcode: number | undefined, errmsg?: string): void;
}

export async function startWecomFake(options: { corpId: string; corpSecret: string }): Promise<WecomFake> {
	let failure: { errcode: number; errmsg: string } | undefined;
	const valid = new Set<string>();
	const expired = new Set<string>();
	const issuedTokens: string[] = [];
	let counter = 0;

	const fake = await startFakeServer((request) => {
		if (request.method === 'GET' && request.path === '/cgi-bin/gettoken') {
			if (request.query.corpid !== options.corpId) return json(200, { errcode: 40013, errmsg: 'invalid corpid' });
			if (request.query.corpsecret !== options.corpSecret) return json(200, { errcode: 40001, errmsg: 'invalid credential' });
			const token = `wc-token-${++counter}`;
			valid.add(token);
			issuedTokens.push(token);
			return json(200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
		}
		if (request.method === 'POST' && request.path === '/cgi-bin/message/send') {
			const token = request.query.access_token ?? '';
			if (expired.has(token)) return json(200, { errcode: 42001, errmsg: 'access_token expired' });
			if (!valid.has(token)) return json(200, { errcode: 40014, errmsg: 'invalid access_token' });
			if (failure) return json(200, failure);
			const body = parseJson(request.text);
			if (!body || typeof body.touser !== 'string' || typeof body.msgtype !== 'string' || typeof body.agentid !== 'number') {
				return json(200, { errcode: 41001, errmsg: 'touser, msgtype and agentid are required' });
			}
			return json(200, { errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `msg-${++counter}` });
		}
		return { status: 404, body: 'Not Found' };
	});
	return Object.assign(fake, {
		issuedTokens,
		expireTokens() {
			for (const token of valid) expired.add(token);
			valid.clear();
		},
		failWith(errcode: number | undefined, errmsg = '') {
			failure = errcode === undefined ? undefined : { errcode, errmsg };
		},
	});
}
