import { type HttpClient, createHttpClient } from '../../../../../nodes/shared/delivery/httpClient';
import { AccessTokenCache } from '../../../../../nodes/shared/todo/accessToken';
import { dingtalkAdapter } from '../../../../../nodes/shared/todo/adapters/dingtalk';
import type { TargetSettings, TodoRecord } from '../../../../../nodes/shared/todo/types';
import { type DingtalkFake, startDingtalkFake } from '../../../../fakes/todo/dingtalk';
import { only, pushWithToken, sampleEvent } from './pushThrough';

const credential = { appKey: 'ding-app', appSecret: 'ding-secret' };

describe('DingTalk to-do adapter against the DingTalk fake', () => {
	let fake: DingtalkFake;
	let client: HttpClient;
	let cache: AccessTokenCache;
	const target = (options: Record<string, unknown> = {}): TargetSettings => ({ sysCode: 'n8n', baseUrl: '', options: { ...credential, apiBaseUrl: fake.url, ...options } });
	const event = (operation: Parameters<typeof sampleEvent>[0]) => sampleEvent(operation, { receiver: 'union-lisi' });

	beforeEach(async () => {
		fake = await startDingtalkFake(credential);
		client = createHttpClient({ connectionsPerOrigin: 2 });
		cache = new AccessTokenCache();
	});

	afterEach(async () => {
		await client.close();
		await fake.close();
	});

	async function created(): Promise<TodoRecord> {
		const pushed = await pushWithToken(client, cache, dingtalkAdapter, event('todo'), target());
		return { todoPushed: true, donePushed: false, ts: 1, targetIds: pushed.kept };
	}

	it('fetches the token with POST /v1.0/oauth2/accessToken {appKey, appSecret}', async () => {
		await pushWithToken(client, cache, dingtalkAdapter, event('todo'), target());
		expect(fake.requests[0].method).toBe('POST');
		expect(fake.requests[0].url).toBe('/v1.0/oauth2/accessToken');
		expect(fake.requests[0].text).toBe('{"appKey":"ding-app","appSecret":"ding-secret"}');
	});

	it('creates a to-do under the receiver unionId and keeps the task id', async () => {
		const pushed = await pushWithToken(client, cache, dingtalkAdapter, event('todo'), target({ operatorId: 'union-admin' }));
		expect(only(pushed).route).toBe('success');
		expect(pushed.kept).toEqual({ dingtalkTaskId: fake.tasks[0].id });
		const create = fake.requests[1];
		expect(create.method).toBe('POST');
		expect(create.url).toBe('/v1.0/todo/users/union-lisi/tasks?operatorId=union-admin');
		expect(create.headers['x-acs-dingtalk-access-token']).toBe(fake.issuedTokens[0]);
		expect(create.headers['content-type']).toBe('application/json');
		expect(create.text).toBe(
			JSON.stringify({
				sourceId: 'REQ-1001:lisi',
				subject: '差旅报销 张三 2026-05-01',
				executorIds: ['union-lisi'],
				detailUrl: { appUrl: 'https://m.oa.example.com/flow/REQ-1001', pcUrl: 'https://oa.example.com/flow/REQ-1001' },
				isOnlyShowExecutor: true,
				priority: 20,
				todoType: 'TODO',
			}),
		);
	});

	it('creates a CC as a READ to-do', async () => {
		await pushWithToken(client, cache, dingtalkAdapter, event('cc'), target());
		expect(JSON.parse(fake.requests[1].text).todoType).toBe('READ');
	});

	it.each(['done', 'finished'] as const)('completes the recorded task on %s with PUT {done: true}', async (operation) => {
		const record = await created();
		const outcome = only(await pushWithToken(client, cache, dingtalkAdapter, event(operation), target(), record));
		expect(outcome.route).toBe('success');
		const update = fake.requests[2];
		expect(update.method).toBe('PUT');
		expect(update.url).toBe(`/v1.0/todo/users/union-lisi/tasks/${fake.tasks[0].id}`);
		expect(update.text).toBe('{"done":true}');
		expect(fake.tasks[0].done).toBe(true);
	});

	it('deletes the recorded task on delete_user with DELETE', async () => {
		const record = await created();
		const outcome = only(await pushWithToken(client, cache, dingtalkAdapter, event('delete_user'), target(), record));
		expect(outcome.route).toBe('success');
		expect(fake.requests[2].method).toBe('DELETE');
		expect(fake.requests[2].url).toBe(`/v1.0/todo/users/union-lisi/tasks/${fake.tasks[0].id}`);
		expect(fake.requests[2].text).toBe('');
		expect(fake.tasks[0].deleted).toBe(true);
	});

	it('offers no whole-flow delete (DingTalk tasks are per receiver)', () => {
		expect(dingtalkAdapter.operations).not.toContain('delete_flow');
	});

	it('refuses to complete a to-do it has no task id for, saying why', () => {
		expect(() => dingtalkAdapter.plan(event('done'), target(), { token: 't', now: 0 })).toThrow('No DingTalk task is on record for flow REQ-1001 and receiver lisi');
	});

	it('fails with DingTalk code and message on HTTP 400 (task not exist)', async () => {
		const record = await created();
		fake.failWith('paramError', 'task not exist');
		const outcome = only(await pushWithToken(client, cache, dingtalkAdapter, event('done'), target(), record));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.message).toBe('DingTalk answered HTTP 400 (todo.taskUpdate.paramError: task not exist)');
	});

	it('fails on HTTP 500 with the system error', async () => {
		fake.failWith('systemError', 'todo.taskUpdate.systemError');
		const outcome = only(await pushWithToken(client, cache, dingtalkAdapter, event('todo'), target()));
		expect(outcome.record.reason).toBe('status_not_accepted');
		expect(outcome.record.message).toContain('HTTP 500');
	});

	it('reuses its token, and fetches a new one once when DingTalk answers 401 InvalidAuthentication', async () => {
		const record = await created();
		fake.expireTokens();
		const outcome = only(await pushWithToken(client, cache, dingtalkAdapter, event('done'), target(), record));
		expect(outcome.route).toBe('success');
		expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v1.0/oauth2/accessToken',
			'POST /v1.0/todo/users/union-lisi/tasks',
			`PUT /v1.0/todo/users/union-lisi/tasks/${fake.tasks[0].id}`,
			'POST /v1.0/oauth2/accessToken',
			`PUT /v1.0/todo/users/union-lisi/tasks/${fake.tasks[0].id}`,
		]);
		expect(fake.requests[4].headers['x-acs-dingtalk-access-token']).toBe(fake.issuedTokens[1]);
	});

	it('reports a wrong app secret with DingTalk message', async () => {
		await expect(pushWithToken(client, cache, dingtalkAdapter, event('todo'), target({ appSecret: 'nope' }))).rejects.toThrow('DingTalk answered HTTP 400: 无效的clientId或者clientSecret');
	});
});
