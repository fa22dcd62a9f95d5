import { type HttpClient, createHttpClient } from '../../../../../nodes/shared/delivery/httpClient';
import { AccessTokenCache } from '../../../../../nodes/shared/todo/accessToken';
import { wecomAdapter } from '../../../../../nodes/shared/todo/adapters/wecom';
import type { TargetSettings } from '../../../../../nodes/shared/todo/types';
import { type WecomFake, startWecomFake } from '../../../../fakes/todo/wecom';
import { only, pushWithToken, sampleEvent } from './pushThrough';

const credential = { corpId: 'ww-corp', corpSecret: 'wc-secret', agentId: '1000002' };

describe('WeCom application-message adapter against the WeCom fake', () => {
	let fake: WecomFake;
	let client: HttpClient;
	let cache: AccessTokenCache;
	const target = (options: Record<string, unknown> = {}): TargetSettings => ({ sysCode: 'n8n', baseUrl: '', options: { ...credential, apiBaseUrl: fake.url, ...options } });

	beforeEach(async () => {
		fake = await startWecomFake(credential);
		client = createHttpClient({ connectionsPerOrigin: 2 });
		cache = new AccessTokenCache();
	});

	afterEach(async () => {
		await client.close();
		await fake.close();
	});

	it('fetches the token with GET /cgi-bin/gettoken?corpid&corpsecret and sends a textcard', async () => {
		const outcome = only(await pushWithToken(client, cache, wecomAdapter, sampleEvent('todo', { title: 'A <b> & c' }), target()));
		expect(outcome.route).toBe('success');
		expect(fake.requests[0].method).toBe('GET');
		expect(fake.requests[0].url).toBe('/cgi-bin/gettoken?corpid=ww-corp&corpsecret=wc-secret');
		const send = fake.requests[1];
		expect(send.method).toBe('POST');
		expect(send.url).toBe(`/cgi-bin/message/send?access_token=${fake.issuedTokens[0]}`);
		expect(send.text).toBe(
			JSON.stringify({
				touser: 'lisi',
				agentid: 1000002,
				msgtype: 'textcard',
				textcard: {
					title: '【待办】A <b> & c',
					description: '<div class="gray">2026-05-01 18:05:30</div><div class="normal">差旅报销</div><div class="highlight">部门经理审批</div>',
					url: 'https://m.oa.example.com/flow/REQ-1001',
					btntxt: '详情',
				},
			}),
		);
	});

	it('sends a text message when told to, and for a CC says 待阅', async () => {
		await pushWithToken(client, cache, wecomAdapter, sampleEvent('cc'), target({ messageType: 'text' }));
		expect(JSON.parse(fake.requests[1].text)).toEqual({
			touser: 'lisi',
			agentid: 1000002,
			msgtype: 'text',
			text: { content: '【待阅】差旅报销 张三 2026-05-01\n差旅报销 · 部门经理审批\n2026-05-01 18:05:30\nhttps://m.oa.example.com/flow/REQ-1001' },
		});
	});

	it('HTML-escapes event text inside the textcard description', async () => {
		await pushWithToken(client, cache, wecomAdapter, sampleEvent('todo', { nodeName: '</div><a href="x">' }), target());
		expect(JSON.parse(fake.requests[1].text).textcard.description).toContain('<div class="highlight">&lt;/div&gt;&lt;a href=&quot;x&quot;&gt;</div>');
	});

	it('takes only to-dos and CCs: WeCom has nothing to complete or delete', () => {
		expect([...wecomAdapter.operations]).toEqual(['todo', 'cc']);
	});

	it('fails with WeCom errcode and errmsg', async () => {
		fake.failWith(81013, 'user & party & tag all invalid');
		const outcome = only(await pushWithToken(client, cache, wecomAdapter, sampleEvent('todo'), target()));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.message).toBe('WeCom refused the message (errcode 81013): user & party & tag all invalid');
	});

	it('fetches a new token once when WeCom says the token expired (42001), reusing it otherwise', async () => {
		await pushWithToken(client, cache, wecomAdapter, sampleEvent('todo'), target());
		await pushWithToken(client, cache, wecomAdapter, sampleEvent('cc'), target());
		fake.expireTokens();
		const outcome = only(await pushWithToken(client, cache, wecomAdapter, sampleEvent('todo'), target()));
		expect(outcome.route).toBe('success');
		expect(fake.requests.map((request) => request.path)).toEqual(['/cgi-bin/gettoken', '/cgi-bin/message/send', '/cgi-bin/message/send', '/cgi-bin/message/send', '/cgi-bin/gettoken', '/cgi-bin/message/send']);
		expect(fake.requests[5].query.access_token).toBe(fake.issuedTokens[1]);
	});

	it('reports a wrong secret with WeCom errcode', async () => {
		await expect(pushWithToken(client, cache, wecomAdapter, sampleEvent('todo'), target({ corpSecret: 'nope' }))).rejects.toThrow('WeCom answered HTTP 200 (errcode 40001: invalid credential)');
	});
});
