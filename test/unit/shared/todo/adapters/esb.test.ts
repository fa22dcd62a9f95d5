import { type HttpClient, createHttpClient } from '../../../../../nodes/shared/delivery/httpClient';
import { esbAdapter } from '../../../../../nodes/shared/todo/adapters/esb';
import type { TargetSettings, TodoOperation } from '../../../../../nodes/shared/todo/types';
import { type OfsFake, startOfsFake } from '../../../../fakes/todo/ofs';
import { only, push, sampleEvent } from './pushThrough';

describe('ESB adapter against an action flow on the OFS fake', () => {
	let fake: OfsFake;
	let client: HttpClient;
	const target = (actionFlowUrl: string): TargetSettings => ({ sysCode: 'n8n', baseUrl: fake.url, options: { actionFlowUrl } });

	beforeEach(async () => {
		fake = await startOfsFake();
		client = createHttpClient({ connectionsPerOrigin: 2 });
	});

	afterEach(async () => {
		await client.close();
		await fake.close();
	});

	it.each<[TodoOperation, Record<string, string>]>([
		['todo', { isremark: '0' }],
		['done', { isremark: '2' }],
		['finished', { isremark: '4' }],
		['cc', { isremark: '8' }],
	])('posts %s to the action flow with the OFS fields', async (operation, fields) => {
		const outcome = only(await push(client, esbAdapter, sampleEvent(operation), target('/esb/todoFlow')));
		expect(outcome.route).toBe('success');
		expect(fake.requests[0].method).toBe('POST');
		expect(fake.requests[0].url).toBe('/esb/todoFlow');
		const body = JSON.parse(fake.requests[0].text);
		expect(Object.keys(body)).toEqual(['syscode', 'flowid', 'requestname', 'workflowname', 'nodename', 'pcurl', 'appurl', 'isremark', 'viewtype', 'creator', 'createdatetime', 'receiver', 'receivedatetime', 'receivets']);
		expect(body).toMatchObject({ syscode: 'n8n', flowid: 'REQ-1001', receiver: 'lisi', ...fields });
	});

	it('posts the deletes with only their ids, to an absolute action-flow URL', async () => {
		const flow = `${fake.url}/esb/todoFlow`;
		await push(client, esbAdapter, sampleEvent('delete_user'), target(flow));
		await push(client, esbAdapter, sampleEvent('delete_flow'), target(flow));
		expect(fake.requests.map((request) => request.text)).toEqual(['{"syscode":"n8n","flowid":"REQ-1001","userid":"lisi"}', '{"syscode":"n8n","flowid":"REQ-1001"}']);
	});

	it('fails with the flow message when it answers operResult "0"', async () => {
		fake.failWith('operResult0', '动作流执行失败');
		const outcome = only(await push(client, esbAdapter, sampleEvent('todo'), target('/esb/todoFlow')));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.message).toBe('The ESB action flow refused the to-do (operResult "0"): 动作流执行失败');
	});

	it('fails on HTTP 500', async () => {
		fake.failWith('http500');
		const outcome = only(await push(client, esbAdapter, sampleEvent('todo'), target('/esb/todoFlow')));
		expect(outcome.record.reason).toBe('status_not_accepted');
	});

	it('says what is missing when no action flow URL is set', () => {
		expect(() => esbAdapter.plan(sampleEvent('todo'), target(''), { now: 0 })).toThrow('No ESB action flow URL is set');
	});
});
