import { type HttpClient, createHttpClient } from '../../../../../nodes/shared/delivery/httpClient';
import { AccessTokenCache } from '../../../../../nodes/shared/todo/accessToken';
import { e10Adapter } from '../../../../../nodes/shared/todo/adapters/e10';
import type { TargetSettings, TodoOperation } from '../../../../../nodes/shared/todo/types';
import { type E10Fake, startE10Fake } from '../../../../fakes/todo/e10';
import { only, pushWithToken, sampleEvent } from './pushThrough';

const credential = { corpId: 'corp-1', appKey: 'key-1', appSecret: 'secret-1' };
const pushPath = '/api/ofs/todo/receiveRequestInfo';

describe('E10 adapter against the E10 fake', () => {
	let fake: E10Fake;
	let client: HttpClient;
	let cache: AccessTokenCache;
	const target = (): TargetSettings => ({ sysCode: 'n8n', baseUrl: fake.url, options: { ...credential, state: 'n8n01', openApiUrl: fake.url } });

	beforeEach(async () => {
		fake = await startE10Fake({ ...credential, pushPath });
		client = createHttpClient({ connectionsPerOrigin: 2 });
		cache = new AccessTokenCache();
	});

	afterEach(async () => {
		await client.close();
		await fake.close();
	});

	it('fetches the token in two steps (authorization code, then token) exactly as E10 OAuth2 takes them', async () => {
		only(await pushWithToken(client, cache, e10Adapter, sampleEvent('todo'), target()));
		const [authorize, token] = fake.requests;
		expect(authorize.method).toBe('GET');
		expect(authorize.url).toBe('/oauth2/authorize?corpid=corp-1&response_type=code&state=n8n01');
		expect(token.method).toBe('POST');
		expect(token.url).toBe('/oauth2/access_token');
		expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(token.text).toBe('app_key=key-1&app_secret=secret-1&grant_type=authorization_code&code=code-1');
	});

	it.each<[TodoOperation, string, string]>([
		['todo', '0', 'lisi'],
		['done', '2', 'lisi'],
		['finished', '4', 'lisi'],
		['cc', '8', 'lisi'],
		['delete_user', '-1', 'lisi'],
		['delete_flow', '-1', ''],
	])('sends %s with isRemark %s and the camelCase body, token in access_token', async (operation, isRemark, receiver) => {
		const outcome = only(await pushWithToken(client, cache, e10Adapter, sampleEvent(operation, { tenantKey: 't1', taskId: 'task-9' }), target()));
		expect(outcome.route).toBe('success');
		const push = fake.requests[2];
		expect(push.method).toBe('POST');
		expect(push.url).toBe(`${pushPath}?access_token=${fake.issuedTokens[0]}`);
		expect(push.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(push.text).toBe(
			JSON.stringify({
				sysCode: 'n8n',
				flowId: 'REQ-1001',
				requestName: '差旅报销 张三 2026-05-01',
				workFlowName: '差旅报销',
				nodeName: '部门经理审批',
				pcUrl: 'https://oa.example.com/flow/REQ-1001',
				appUrl: 'https://m.oa.example.com/flow/REQ-1001',
				isRemark,
				viewType: '0',
				creator: 'zhangsan',
				createDateTime: '2026-05-01 18:00:00',
				receiver,
				receiveDateTime: '2026-05-01 18:05:30',
				receivets: '1777629930000',
				tenantKey: 't1',
				taskId: 'task-9',
			}),
		);
		// The token is masked in the delivery record.
		expect(outcome.record.attempts[0].request.url).not.toContain(fake.issuedTokens[0]);
	});

	it('sends a to-do whose business status is 待认领 as one to claim (isRemark 10)', async () => {
		await pushWithToken(client, cache, e10Adapter, sampleEvent('todo', { businessStatus: '待认领' }), target());
		expect(JSON.parse(fake.requests[2].text).isRemark).toBe('10');
	});

	it('reuses the cached token for the next pushes', async () => {
		await pushWithToken(client, cache, e10Adapter, sampleEvent('todo'), target());
		await pushWithToken(client, cache, e10Adapter, sampleEvent('done'), target());
		expect(fake.requests.map((request) => request.path)).toEqual(['/oauth2/authorize', '/oauth2/access_token', pushPath, pushPath]);
	});

	it('fetches a new token and sends once more when E10 refuses an expired one', async () => {
		await pushWithToken(client, cache, e10Adapter, sampleEvent('todo'), target());
		fake.expireTokens();
		const outcome = only(await pushWithToken(client, cache, e10Adapter, sampleEvent('done'), target()));
		expect(outcome.route).toBe('success');
		expect(fake.requests.map((request) => request.path)).toEqual(['/oauth2/authorize', '/oauth2/access_token', pushPath, pushPath, '/oauth2/authorize', '/oauth2/access_token', pushPath]);
		expect(fake.requests[6].query.access_token).toBe(fake.issuedTokens[1]);
	});

	it('fails with E10 msg when it answers code 500 / status false', async () => {
		fake.failWith('refuse', '流程数据不完整');
		const outcome = only(await pushWithToken(client, cache, e10Adapter, sampleEvent('todo'), target()));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.message).toBe('E10 refused the to-do (code 500, status false): 流程数据不完整');
	});

	it('fails on HTTP 500', async () => {
		fake.failWith('http500');
		const outcome = only(await pushWithToken(client, cache, e10Adapter, sampleEvent('todo'), target()));
		expect(outcome.record.reason).toBe('status_not_accepted');
	});

	it('reports a wrong app secret with E10 errmsg and never sends the to-do', async () => {
		const wrong: TargetSettings = { ...target(), options: { ...target().options, appSecret: 'nope' } };
		await expect(pushWithToken(client, cache, e10Adapter, sampleEvent('todo'), wrong)).rejects.toThrow('E10 refused (errcode 100200): app_key or app_secret invalid');
		expect(fake.requests.map((request) => request.path)).toEqual(['/oauth2/authorize', '/oauth2/access_token']);
	});
});
