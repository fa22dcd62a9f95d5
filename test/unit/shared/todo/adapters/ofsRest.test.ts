import { type HttpClient, createHttpClient } from '../../../../../nodes/shared/delivery/httpClient';
import { ofsRestAdapter } from '../../../../../nodes/shared/todo/adapters/ofsRest';
import type { TargetSettings, TodoOperation } from '../../../../../nodes/shared/todo/types';
import { type OfsFake, startOfsFake } from '../../../../fakes/todo/ofs';
import { only, push, sampleEvent } from './pushThrough';

describe('e-cology OFS REST adapter against the OFS fake', () => {
	let fake: OfsFake;
	let client: HttpClient;
	const target = (options: Record<string, unknown> = {}): TargetSettings => ({ sysCode: 'n8n', baseUrl: fake.url, options });

	const todoBody = (isremark: string) =>
		JSON.stringify({
			syscode: 'n8n',
			flowid: 'REQ-1001',
			requestname: '差旅报销 张三 2026-05-01',
			workflowname: '差旅报销',
			nodename: '部门经理审批',
			pcurl: 'https://oa.example.com/flow/REQ-1001',
			appurl: 'https://m.oa.example.com/flow/REQ-1001',
			isremark,
			viewtype: '0',
			creator: 'zhangsan',
			createdatetime: '2026-05-01 18:00:00',
			receiver: 'lisi',
			receivedatetime: '2026-05-01 18:05:30',
			receivets: '1777629930000',
		});

	beforeEach(async () => {
		fake = await startOfsFake();
		client = createHttpClient({ connectionsPerOrigin: 2 });
	});

	afterEach(async () => {
		await client.close();
		await fake.close();
	});

	it.each<[TodoOperation, string, string]>([
		['todo', 'ReceiveRequestInfoByJson', todoBody('0')],
		['done', 'ReceiveRequestInfoByJson', todoBody('2')],
		['finished', 'ReceiveRequestInfoByJson', todoBody('4')],
		['cc', 'ReceiveRequestInfoByJson', todoBody('8')],
		['delete_user', 'deleteUserRequestInfoByJson', '{"syscode":"n8n","flowid":"REQ-1001","userid":"lisi"}'],
		['delete_flow', 'deleteRequestInfoByJson', '{"syscode":"n8n","flowid":"REQ-1001"}'],
	])('sends %s to /rest/ofs/%s with the exact OFS body and succeeds on operResult "1"', async (operation, endpoint, body) => {
		const outcome = only(await push(client, ofsRestAdapter, sampleEvent(operation), target()));
		expect(outcome.route).toBe('success');
		expect(fake.requests).toHaveLength(1);
		const [request] = fake.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe(`/rest/ofs/${endpoint}`);
		expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(request.text).toBe(body);
	});

	it.each<[TodoOperation, string]>([
		['done', 'ProcessDoneRequestByJson'],
		['finished', 'ProcessOverRequestByJson'],
	])('sends %s to %s with the six fields e-cology reads there when told to use the dedicated endpoints', async (operation, endpoint) => {
		const outcome = only(await push(client, ofsRestAdapter, sampleEvent(operation), target({ doneEndpoint: 'process' })));
		expect(outcome.route).toBe('success');
		expect(fake.requests[0].url).toBe(`/rest/ofs/${endpoint}`);
		expect(fake.requests[0].text).toBe('{"syscode":"n8n","flowid":"REQ-1001","requestname":"差旅报销 张三 2026-05-01","workflowname":"差旅报销","nodename":"部门经理审批","receiver":"lisi"}');
	});

	it('formats the times in the time zone it is given', async () => {
		await push(client, ofsRestAdapter, sampleEvent('todo'), target({ timeZone: 'UTC' }));
		expect(JSON.parse(fake.requests[0].text)).toMatchObject({ createdatetime: '2026-05-01 10:00:00', receivedatetime: '2026-05-01 10:05:30' });
	});

	it('marks a viewed to-do with viewtype 1', async () => {
		await push(client, ofsRestAdapter, sampleEvent('todo', { viewed: true }), target());
		expect(JSON.parse(fake.requests[0].text).viewtype).toBe('1');
	});

	it('fails with the target message on operResult "0"', async () => {
		fake.failWith('operResult0', '接收人lisi不存在');
		const outcome = only(await push(client, ofsRestAdapter, sampleEvent('todo'), target()));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.reason).toBe('keyword_mismatch');
		expect(outcome.record.message).toBe('e-cology refused the to-do (operResult "0"): 接收人lisi不存在');
	});

	it('fails when a push is older than the one on record (receivets), with the OFS message', async () => {
		expect(only(await push(client, ofsRestAdapter, sampleEvent('todo', { ts: 2000 }), target())).route).toBe('success');
		const outcome = only(await push(client, ofsRestAdapter, sampleEvent('done', { ts: 1000 }), target()));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.message).toContain('receivets is older');
	});

	it('fails on HTTP 500 as a status failure', async () => {
		fake.failWith('http500');
		const outcome = only(await push(client, ofsRestAdapter, sampleEvent('todo'), target()));
		expect(outcome.record.reason).toBe('status_not_accepted');
		expect(outcome.record.message).toBe('e-cology answered HTTP 500: Internal Server Error');
	});

	it('fails when the answer is not JSON (a login page), quoting it', async () => {
		fake.failWith('notJson');
		const outcome = only(await push(client, ofsRestAdapter, sampleEvent('todo'), target()));
		expect(outcome.record.reason).toBe('keyword_mismatch');
		expect(outcome.record.message).toContain('did not answer with a JSON object');
		expect(outcome.record.message).toContain('<html>login</html>');
	});

	it('refuses an unknown time zone before sending anything', () => {
		expect(() => ofsRestAdapter.plan(sampleEvent('todo'), target({ timeZone: 'Mars/Olympus' }), { now: 0 })).toThrow('"Mars/Olympus" is not a time zone');
	});
});
