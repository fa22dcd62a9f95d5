import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TodoDingtalkApi } from '../../../credentials/TodoDingtalkApi.credentials';
import { TodoE10Api } from '../../../credentials/TodoE10Api.credentials';
import { TodoLandrayApi } from '../../../credentials/TodoLandrayApi.credentials';
import { TodoWecomApi } from '../../../credentials/TodoWecomApi.credentials';
import { adapterOptions, readTarget, targetCredentials, targetPieces, targetProperties } from '../../../nodes/UnifiedTodoPush/targets';
import { todoAdapters } from '../../../nodes/shared/todo/adapters';
import { evaluateSuccess } from '../../../nodes/shared/delivery/evaluateSuccess';
import type { SuccessRule } from '../../../nodes/shared/delivery/evaluateSuccess';

/** Reads the defaults of the pieces' parameters, overridden by `values`, as the node would. */
function parameters(values: Record<string, unknown> = {}) {
	const defaults = Object.fromEntries(targetProperties.map((property) => [property.name, property.default]));
	return (name: string) => (name in values ? values[name] : defaults[name]);
}

describe('Unified Todo Push target pieces', () => {
	it('offers every adapter, and only adapters that exist', () => {
		expect(adapterOptions.map((option) => option.value).sort()).toEqual(Object.keys(todoAdapters).sort());
		expect(Object.keys(targetPieces).sort()).toEqual(Object.keys(todoAdapters).sort());
	});

	it('shows each parameter for its own adapters only', () => {
		for (const property of targetProperties) expect(property.displayOptions?.show?.adapter).toBeDefined();
		const names = targetProperties.map((property) => property.name);
		expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
	});

	it('names credentials that exist and are registered in package.json', () => {
		const known = [new TodoE10Api(), new TodoLandrayApi(), new TodoDingtalkApi(), new TodoWecomApi()].map((credential) => credential.name);
		expect(targetCredentials.map((credential) => credential.name).sort()).toEqual([...known].sort());
		const registered = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { n8n: { credentials: string[] } }).n8n.credentials;
		for (const file of ['TodoE10Api', 'TodoLandrayApi', 'TodoDingtalkApi', 'TodoWecomApi']) expect(registered).toContain(`dist/credentials/${file}.credentials.js`);
	});

	it('reads the credential fields into the options the adapters read', () => {
		expect(readTarget('dingtalk', parameters(), { clientId: 'k', appSecret: 's', apiBaseUrl: 'http://127.0.0.1:1' })).toEqual({
			appKey: 'k',
			appSecret: 's',
			apiBaseUrl: 'http://127.0.0.1:1',
			operatorId: '',
			priority: '20',
		});
		expect(readTarget('e10', parameters(), { corpId: 'c', clientId: 'k', appSecret: 's', state: 'x', openApiUrl: '' })).toMatchObject({
			corpId: 'c',
			appKey: 'k',
			appSecret: 's',
			state: 'x',
			openApiUrl: 'https://api.eteams.cn',
			pushPath: '/api/ofs/todo/receiveRequestInfo',
			codePath: '/oauth2/authorize',
			exchangePath: '/oauth2/access_token',
		});
		expect(readTarget('landraySoap', parameters({ landrayAppName: 'OA' }), { username: 'u', password: 'p' })).toMatchObject({ appName: 'OA', ekpUserKey: 'loginName', username: 'u', password: 'p', level: '3' });
		expect(readTarget('ofsRest', parameters(), undefined)).toEqual({ doneEndpoint: 'receive', timeZone: 'Asia/Shanghai' });
	});

	it('names the empty field by its label', () => {
		expect(() => readTarget('wecom', parameters(), { corpId: 'c', corpSecret: '', agentId: '1' })).toThrow('"App Secret" is empty: fill it in the WeCom To-Do API credential');
		expect(() => readTarget('landraySoap', parameters(), undefined)).toThrow('"App Name" is empty');
		expect(() => readTarget('esb', parameters(), undefined)).toThrow('"Action Flow URL" is empty');
	});

	it("reads the custom requests and Send Outbound Message's success rule", () => {
		const options = readTarget(
			'custom',
			parameters({
				customRequests: { request: [{ operation: 'todo', method: 'PUT', url: '/t/{{flowId}}', headers: '{"X-A": "1"}', body: '{}' }] },
				successStatus: 'any2xx',
				keywordMatch: 'jsonPathEquals',
				keywordPath: 'code',
				keywordValue: '0',
			}),
			undefined,
		);
		expect(options.requests).toEqual({ todo: { method: 'PUT', url: '/t/{{flowId}}', headers: { 'X-A': '1' }, body: '{}' } });
		const rule = options.success as SuccessRule;
		expect(evaluateSuccess({ status: 201, body: '{"code":0}' }, rule).accepted).toBe(true);
		expect(evaluateSuccess({ status: 200, body: '{"code":1}' }, rule).accepted).toBe(false);
	});

	it('names the custom field that cannot be read', () => {
		expect(() => readTarget('custom', parameters({ customRequests: { request: [{ operation: 'todo', url: '/x', headers: '{nope' }] } }), undefined)).toThrow(/^"Headers \(JSON\)" of the "To-Do \(待办\)": /);
		expect(() => readTarget('custom', parameters({ keywordMatch: 'regex', keywordPattern: '(' }), undefined)).toThrow(/^"[^"]+": The regular expression \( is not valid/);
	});
});
