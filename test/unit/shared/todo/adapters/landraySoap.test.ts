import { type HttpClient, createHttpClient } from '../../../../../nodes/shared/delivery/httpClient';
import { landraySoapAdapter } from '../../../../../nodes/shared/todo/adapters/landraySoap';
import type { TargetSettings, TodoOperation } from '../../../../../nodes/shared/todo/types';
import { type LandrayFake, startLandrayFake } from '../../../../fakes/todo/landray';
import { only, push, sampleEvent } from './pushThrough';

describe('Landray EKP SOAP adapter against the Landray fake', () => {
	let fake: LandrayFake;
	let client: HttpClient;
	const target = (options: Record<string, unknown> = {}): TargetSettings => ({ sysCode: 'n8n', baseUrl: fake.url, options: { appName: 'OA', ...options } });

	async function start(auth?: { user: string; password: string }) {
		fake = await startLandrayFake(auth);
	}

	beforeEach(() => {
		client = createHttpClient({ connectionsPerOrigin: 2 });
	});

	afterEach(async () => {
		await client.close();
		await fake.close();
	});

	it('posts sendTodo as this exact SOAP 1.1 envelope', async () => {
		await start();
		const outcome = only(await push(client, landraySoapAdapter, sampleEvent('todo'), target()));
		expect(outcome.route).toBe('success');
		const [request] = fake.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/sys/webservice/sysNotifyTodoWebService');
		expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
		expect(request.headers.soapaction).toBe('""');
		expect(request.text).toBe(
			'<?xml version="1.0" encoding="UTF-8"?>' +
				'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:web="http://webservice.notify.sys.kmss.landray.com/">' +
				'<soapenv:Header></soapenv:Header><soapenv:Body><web:sendTodo><arg0>' +
				'<appName>OA</appName><modelName>差旅报销</modelName><modelId>REQ-1001</modelId><subject>差旅报销 张三 2026-05-01</subject>' +
				'<link>https://oa.example.com/flow/REQ-1001</link><type>1</type><key>REQ-1001</key><targets>{&quot;LoginName&quot;:&quot;lisi&quot;}</targets>' +
				'<createTime>2026-05-01 18:05:30</createTime><docCreator>{&quot;LoginName&quot;:&quot;zhangsan&quot;}</docCreator><level>3</level>' +
				'<extendContent>部门经理审批</extendContent></arg0></web:sendTodo></soapenv:Body></soapenv:Envelope>',
		);
	});

	it.each<[TodoOperation, string, Record<string, string>]>([
		['cc', 'sendTodo', { type: '2', targets: '{"LoginName":"lisi"}' }],
		['done', 'setTodoDone', { appName: 'OA', modelName: '差旅报销', modelId: 'REQ-1001', optType: '2', key: 'REQ-1001', targets: '{"LoginName":"lisi"}' }],
		['finished', 'setTodoDone', { appName: 'OA', modelName: '差旅报销', modelId: 'REQ-1001', optType: '1', key: 'REQ-1001' }],
		['delete_user', 'deleteTodo', { appName: 'OA', modelName: '差旅报销', modelId: 'REQ-1001', optType: '2', key: 'REQ-1001', targets: '{"LoginName":"lisi"}' }],
		['delete_flow', 'deleteTodo', { appName: 'OA', modelName: '差旅报销', modelId: 'REQ-1001', optType: '1', key: 'REQ-1001' }],
	])('sends %s as %s with the arg0 context the fake parses', async (operation, soapOperation, arg0) => {
		await start();
		const outcome = only(await push(client, landraySoapAdapter, sampleEvent(operation), target()));
		expect(outcome.route).toBe('success');
		expect(fake.calls).toHaveLength(1);
		expect(fake.calls[0].operation).toBe(soapOperation);
		if (operation === 'cc') expect(fake.calls[0].arg0).toMatchObject(arg0);
		else expect(fake.calls[0].arg0).toEqual(arg0);
	});

	it.each([
		['loginName', 'LoginName'],
		['id', 'Id'],
		['personNo', 'PersonNo'],
		['keyword', 'Keyword'],
		['ldapDn', 'LdapDN'],
	])('names people by ekpUserKey %s as {"%s": …}', async (ekpUserKey, key) => {
		await start();
		await push(client, landraySoapAdapter, sampleEvent('todo'), target({ ekpUserKey }));
		expect(JSON.parse(fake.calls[0].arg0.targets)).toEqual({ [key]: 'lisi' });
		expect(JSON.parse(fake.calls[0].arg0.docCreator)).toEqual({ [key]: 'zhangsan' });
	});

	it('sends the SOAP header user and password, which the fake checks', async () => {
		await start({ user: 'n8n', password: 'p&ss<word>' });
		const outcome = only(await push(client, landraySoapAdapter, sampleEvent('todo'), target({ username: 'n8n', password: 'p&ss<word>' })));
		expect(outcome.route).toBe('success');
		expect(fake.calls[0].header).toEqual({ user: 'n8n', password: 'p&ss<word>' });
		expect(fake.requests[0].text).toContain('<soapenv:Header><tns:RequestSOAPHeader xmlns:tns="http://sys.webservice.client"><tns:user>n8n</tns:user><tns:password>p&amp;ss&lt;word&gt;</tns:password>');
		// The password is masked in the record.
		expect(outcome.record.attempts[0].request.body).not.toContain('p&amp;ss&lt;word&gt;');
	});

	it('maps a wrong password (SOAP fault) to failure with the faultstring', async () => {
		await start({ user: 'n8n', password: 'right' });
		const outcome = only(await push(client, landraySoapAdapter, sampleEvent('todo'), target({ username: 'n8n', password: 'bad-password-1' })));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.message).toBe('Landray EKP answered a SOAP fault: Authentication failed: user or password is wrong');
	});

	it('keeps hostile text as text: <, &, ]]> and quotes reach Landray unchanged and the envelope stays well-formed', async () => {
		await start();
		const hostile = 'A <b>&amp; ]]> <![CDATA[x]]> "q" \'s\' </arg0><evil/>';
		const outcome = only(await push(client, landraySoapAdapter, sampleEvent('todo', { title: hostile, receiver: 'li"si</targets>', nodeName: '\u0001node' }), target()));
		expect(outcome.route).toBe('success');
		expect(fake.calls[0].arg0.subject).toBe(hostile);
		expect(JSON.parse(fake.calls[0].arg0.targets)).toEqual({ LoginName: 'li"si</targets>' });
		expect(fake.calls[0].arg0.extendContent).toBe('node');
		expect(fake.requests[0].text).not.toContain(']]>');
		expect(fake.requests[0].text).not.toContain('<evil/>');
	});

	it.each([
		['notSent', '0', 'not sent'],
		['failed', '1', 'failed'],
	] as const)('fails on returnState %s with the Landray message', async (failure, state, meaning) => {
		await start();
		fake.failWith(failure, '找不到接收人 <lisi>');
		const outcome = only(await push(client, landraySoapAdapter, sampleEvent('todo'), target()));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.reason).toBe('keyword_mismatch');
		expect(outcome.record.message).toBe(`Landray EKP did not take the to-do (returnState ${state}, ${meaning}): 找不到接收人 <lisi>`);
	});

	it('fails on a SOAP fault with its faultstring', async () => {
		await start();
		fake.failWith('fault', 'java.lang.NullPointerException');
		const outcome = only(await push(client, landraySoapAdapter, sampleEvent('done'), target()));
		expect(outcome.route).toBe('failure');
		expect(outcome.record.message).toBe('Landray EKP answered a SOAP fault: java.lang.NullPointerException');
	});

	it('prefixes relative links with the OA address', async () => {
		await start();
		await push(client, landraySoapAdapter, sampleEvent('todo', { pcUrl: '/workflow/request/ViewRequest.jsp?requestid=1001' }), target({ oaAddress: 'https://oa.example.com/' }));
		expect(fake.calls[0].arg0.link).toBe('https://oa.example.com/workflow/request/ViewRequest.jsp?requestid=1001');
	});

	it('says what is missing when no app name is set', async () => {
		await start();
		expect(() => landraySoapAdapter.plan(sampleEvent('todo'), { sysCode: 'n8n', baseUrl: fake.url, options: {} }, { now: 0 })).toThrow('No Landray app name is set');
	});
});
