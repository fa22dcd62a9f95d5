/** Push-address templates (seed 002 推送地址管理): PC / app / adaptive links per target, and the preview. */
import {
	AddressTemplateError,
	checkAddressTemplate,
	previewAddresses,
	renderAddresses,
	type AddressTemplate,
	type RenderOptions,
} from '../../../../../nodes/shared/todo/rules/addressTemplates';
import { todoEvent } from './todoEvents';

// 2026-01-03 00:30:05.123 in Asia/Shanghai.
const now = Date.UTC(2026, 0, 2, 16, 30, 5, 123);
const options: RenderOptions = { now, timeZone: 'Asia/Shanghai', oaBaseUrl: 'http://oa.example.com/' };
const event = todoEvent('todo', {
	flowId: '1001',
	pcUrl: '/spa/workflow/static4form/index.html#/main/workflow/req?requestid=1001',
	appUrl: 'http://10.0.0.5:8080/mobile/req.html?requestid=1001&from=oa',
});

function template(change: Partial<AddressTemplate>): AddressTemplate {
	return { enabled: true, redirect: false, parameters: [], ...change };
}

function failureOf(run: () => unknown): AddressTemplateError {
	try {
		run();
	} catch (error) {
		if (error instanceof AddressTemplateError) return error;
		throw error;
	}
	throw new Error('expected an AddressTemplateError');
}

describe('renderAddresses', () => {
	it('leaves the OA links as they are without templates, the adaptive one from the PC link', () => {
		expect(renderAddresses(event, {}, options)).toEqual({ pcUrl: event.pcUrl, appUrl: event.appUrl, adaptiveUrl: event.pcUrl });
	});

	it('ignores a disabled template (启用 is off by default)', () => {
		expect(renderAddresses(event, { pc: template({ enabled: false, redirect: true }) }, options).pcUrl).toBe(event.pcUrl);
	});

	it('renders PC, app and adaptive from their own templates', () => {
		const rendered = renderAddresses(
			event,
			{
				pc: template({ parameters: [{ name: 'src', value: { kind: 'fixed', value: 'pc' } }] }),
				adaptive: template({ prefix: 'https://portal.example.com', parameters: [{ name: 'src', value: { kind: 'fixed', value: 'h5' } }] }),
			},
			options,
		);
		expect(rendered).toEqual({
			pcUrl: '/spa/workflow/static4form/index.html?src=pc#/main/workflow/req?requestid=1001',
			appUrl: event.appUrl,
			adaptiveUrl: 'https://portal.example.com/spa/workflow/static4form/index.html?src=h5#/main/workflow/req?requestid=1001',
		});
	});

	it('without redirect moves the link under an absolute prefix and adds to an existing query', () => {
		const app = template({ prefix: 'https://gw.example.com/oa/', parameters: [{ name: 'flow', value: { kind: 'system', parameter: 'flowId' } }] });
		expect(renderAddresses(event, { app }, options).appUrl).toBe('https://gw.example.com/oa/mobile/req.html?requestid=1001&from=oa&flow=1001');
	});

	it('joins a relative prefix to the OA base URL, and keeps it relative without one', () => {
		const pc = template({ prefix: '/ecology' });
		expect(renderAddresses(event, { pc }, options).pcUrl).toBe('http://oa.example.com/ecology/spa/workflow/static4form/index.html#/main/workflow/req?requestid=1001');
		expect(renderAddresses(event, { pc }, { ...options, oaBaseUrl: undefined }).pcUrl).toBe('/ecology/spa/workflow/static4form/index.html#/main/workflow/req?requestid=1001');
	});

	it('with redirect wraps the original link, URL-encoded once and made absolute, in the endpoint\'s query', () => {
		const pc = template({ redirect: true, prefix: 'https://sso.example.com/login', parameters: [{ name: 'service', value: { kind: 'system', parameter: 'encodedUrl' } }] });
		const url = renderAddresses(event, { pc }, options).pcUrl;
		expect(url).toBe('https://sso.example.com/login?service=http%3A%2F%2Foa.example.com%2Fspa%2Fworkflow%2Fstatic4form%2Findex.html%23%2Fmain%2Fworkflow%2Freq%3Frequestid%3D1001');
		expect(new URL(url).searchParams.get('service')).toBe(`http://oa.example.com${event.pcUrl}`);
	});

	it('encodes names and values so each comes back exactly from the query', () => {
		const value = 'a&b=c d#e/f?g+h 待办';
		const pc = template({ redirect: true, prefix: '/sso', parameters: [{ name: 'x y', value: { kind: 'fixed', value } }] });
		const url = new URL(renderAddresses(event, { pc }, options).pcUrl);
		expect(url.origin + url.pathname).toBe('http://oa.example.com/sso');
		expect([...url.searchParams]).toEqual([['x y', value]]);
	});

	it('fills the system variables in the time zone given', () => {
		const parameters = (['date', 'time', 'datetime', 'msTimestamp', 'sTimestamp'] as const).map((variable) => ({ name: variable, value: { kind: 'variable', variable } as const }));
		const url = new URL(renderAddresses(event, { pc: template({ redirect: true, prefix: 'https://t.example.com/open', parameters }) }, options).pcUrl);
		expect(Object.fromEntries(url.searchParams)).toEqual({
			date: '2026-01-03',
			time: '00:30:05',
			datetime: '2026-01-03 00:30:05',
			msTimestamp: '1767371405123',
			sTimestamp: '1767371405',
		});
	});

	it('takes the tenant key from the event, else from the options, and fails without one', () => {
		const pc = template({ parameters: [{ name: 'tenant', value: { kind: 'system', parameter: 'tenantKey' } }] });
		expect(renderAddresses({ ...event, tenantKey: 't4dvwhryc8' }, { pc }, { ...options, tenantKey: 'other' }).pcUrl).toContain('?tenant=t4dvwhryc8#');
		expect(renderAddresses(event, { pc }, { ...options, tenantKey: 'other' }).pcUrl).toContain('?tenant=other#');
		expect(failureOf(() => renderAddresses(event, { pc: { ...pc, name: 'SSO' } }, options)).message).toBe(
			'The PC address template SSO: parameter tenant is the tenant key, but neither the event nor the target settings give one; set the tenant key of the OA',
		);
	});

	it('refuses to render a redirect without a prefix', () => {
		expect(failureOf(() => renderAddresses(event, { app: template({ redirect: true }) }, options)).message).toBe(
			'The app address template: Redirect is on, so the address prefix is required (the redirect endpoint, e.g. https://sso.example.com/login)',
		);
	});
});

describe('checkAddressTemplate', () => {
	it('lists every problem: a prefix that is neither absolute nor relative, parameters without a name', () => {
		expect(checkAddressTemplate(template({ name: 'Portal', prefix: 'www.example.com', parameters: [{ name: ' ', value: { kind: 'fixed', value: '1' } }] }), 'adaptive')).toEqual([
			'The adaptive address template Portal: the address prefix www.example.com is neither absolute (http://…, https://…) nor relative to the OA (/…)',
			'The adaptive address template Portal: parameter 1 has no name',
		]);
	});

	it('finds nothing wrong with a good template', () => {
		expect(checkAddressTemplate(template({ redirect: true, prefix: 'http://www.baidu.com' }), 'pc')).toEqual([]);
	});
});

describe('previewAddresses (推送地址预览)', () => {
	it('renders the three links for a flow id and a receiver', () => {
		const pc = template({ redirect: true, prefix: '/login/sso', parameters: [{ name: 'url', value: { kind: 'system', parameter: 'encodedUrl' } }] });
		const preview = previewAddresses({ flowId: ' 2048 ', receiver: 'lisi' }, { pc }, options);
		expect(new URL(preview.pcUrl).searchParams.get('url')).toBe('http://oa.example.com/spa/workflow/static4form/index.html#/main/workflow/req?requestid=2048');
		expect(preview.appUrl).toBe('/spa/workflow/static4mobileform/index.html#/req?requestid=2048');
		expect(preview.adaptiveUrl).toBe('/spa/workflow/static4form/index.html#/main/workflow/req?requestid=2048');
	});

	it('previews the OA links given instead of the e-cology defaults', () => {
		expect(previewAddresses({ flowId: '7', receiver: 'lisi', pcUrl: 'http://oa/x?id=7', appUrl: 'http://oa/m?id=7' }, {}, options)).toEqual({ pcUrl: 'http://oa/x?id=7', appUrl: 'http://oa/m?id=7', adaptiveUrl: 'http://oa/x?id=7' });
	});

	it.each([
		['a flow id that is not digits', { flowId: '12a', receiver: 'lisi' }, 'The flow ID to preview must be digits only, not "12a"'],
		['no receiver', { flowId: '12', receiver: ' ' }, "The receiver to preview is required: give the OA user id of the flow's receiver"],
	])('refuses %s', (_name, input, message) => {
		expect(failureOf(() => previewAddresses(input, {}, options)).message).toBe(message);
	});
});
