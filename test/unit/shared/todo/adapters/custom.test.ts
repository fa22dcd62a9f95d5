import { type HttpClient, createHttpClient } from '../../../../../nodes/shared/delivery/httpClient';
import { compileKeywordRule } from '../../../../../nodes/shared/delivery/keywordRule';
import { statusRangesFromCodes } from '../../../../../nodes/shared/delivery/statusRanges';
import { adapterSupports } from '../../../../../nodes/shared/todo/adapters';
import { customAdapter } from '../../../../../nodes/shared/todo/adapters/custom';
import type { TargetSettings, TodoOperation } from '../../../../../nodes/shared/todo/types';
import { type Answer, type FakeServer, json, startFakeServer } from '../../../../fakes/todo/fakeServer';
import { only, push, sampleEvent } from './pushThrough';

describe('custom adapter against a local target', () => {
	let fake: FakeServer;
	let client: HttpClient;
	let answer: Answer;
	const requests = {
		todo: { method: 'POST', url: '/todo/{{flowId}}?user={{receiver}}', headers: { 'Content-Type': 'application/json', 'X-Flow': '{{title}}' }, body: '{"id":"{{flowId}}","title":"{{title}}","at":"{{receivedAtText}}","viewed":{{viewed}}}' },
		done: { method: 'put', url: '{{pcUrl}}', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id={{flowId}}&title={{title}}' },
		delete_flow: { method: 'DELETE', url: '/todo/{{flowId}}' },
	};
	const target = (options: Record<string, unknown> = {}): TargetSettings => ({ sysCode: 'n8n', baseUrl: fake.url, options: { requests, ...options } });

	beforeEach(async () => {
		answer = json(200, { code: '0' });
		fake = await startFakeServer(() => answer);
		client = createHttpClient({ connectionsPerOrigin: 2 });
	});

	afterEach(async () => {
		await client.close();
		await fake.close();
	});

	it('fills the JSON body template with JSON-escaped values, the URL with URL-encoded ones', async () => {
		const title = 'He said "hi", \\ then }{"x":1';
		const outcome = only(await push(client, customAdapter, sampleEvent('todo', { title, flowId: 'A/B 1', receiver: 'li si&x=1' }), target()));
		expect(outcome.route).toBe('success');
		const [request] = fake.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/todo/A%2FB%201?user=li%20si%26x%3D1');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers['x-flow']).toBe(title);
		expect(JSON.parse(request.text)).toEqual({ id: 'A/B 1', title, at: '2026-05-01 18:05:30', viewed: 0 });
	});

	it('percent-encodes non-ASCII header values, which HTTP headers cannot carry', async () => {
		await push(client, customAdapter, sampleEvent('todo'), target());
		expect(fake.requests[0].headers['x-flow']).toBe(`${encodeURIComponent('差旅报销')} ${encodeURIComponent('张三')} 2026-05-01`);
	});

	it('removes line breaks from header values (no header injection)', async () => {
		await push(client, customAdapter, sampleEvent('todo', { title: 'a\r\nX-Injected: 1' }), target());
		expect(fake.requests[0].headers['x-injected']).toBeUndefined();
		expect(fake.requests[0].headers['x-flow']).toBe('a X-Injected: 1');
	});

	it('URL-encodes values in a form body and takes an absolute URL from a placeholder', async () => {
		const outcome = only(await push(client, customAdapter, sampleEvent('done', { pcUrl: `${fake.url}/flows/1`, title: 'a&b=c' }), target()));
		expect(outcome.route).toBe('success');
		expect(fake.requests[0].method).toBe('PUT');
		expect(fake.requests[0].url).toBe('/flows/1');
		expect(fake.requests[0].text).toBe('id=REQ-1001&title=a%26b%3Dc');
	});

	it('sends a request without a body', async () => {
		await push(client, customAdapter, sampleEvent('delete_flow'), target());
		expect(fake.requests[0].method).toBe('DELETE');
		expect(fake.requests[0].url).toBe('/todo/REQ-1001');
		expect(fake.requests[0].text).toBe('');
	});

	it.each<[TodoOperation, boolean]>([
		['todo', true],
		['done', true],
		['delete_flow', true],
		['finished', false],
		['cc', false],
		['delete_user', false],
	])('supports %s only when a request is set for it (%s)', (operation, supported) => {
		expect(adapterSupports(customAdapter, operation, target())).toBe(supported);
	});

	it('fails on the keyword rule with its message, as Send Outbound Message does', async () => {
		answer = json(200, { code: '1', msg: 'user unknown' });
		const success = { acceptedStatuses: statusRangesFromCodes([200]), keyword: compileKeywordRule({ kind: 'jsonPathEquals', path: 'code', value: '0' }) };
		const outcome = only(await push(client, customAdapter, sampleEvent('todo'), target({ success })));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.reason).toBe('keyword_mismatch');
		expect(outcome.record.message).toContain('code');
	});

	it('fails on a status outside the accepted ones', async () => {
		answer = { status: 502, body: 'Bad Gateway' };
		const outcome = only(await push(client, customAdapter, sampleEvent('todo'), target()));
		expect(outcome.record.reason).toBe('status_not_accepted');
	});

	it('names an unknown placeholder and the known ones', () => {
		const bad = { todo: { method: 'POST', url: '/x', body: '{"a":"{{flowid}}"}' } };
		expect(() => customAdapter.plan(sampleEvent('todo'), target({ requests: bad }), { now: 0 })).toThrow(/The body template uses \{\{flowid\}\}, which is not an event field; use one of \{\{operation\}\}/);
	});
});
