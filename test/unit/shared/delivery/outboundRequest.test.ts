import { bodyFromOf, buildOutboundRequest, createRequestBuilder, type RequestSettings } from '../../../../nodes/shared/delivery/outboundRequest';
import { InvalidRequestError, encodeBody } from '../../../../nodes/shared/delivery/requestBody';

const settings = (overrides: Partial<RequestSettings> = {}): RequestSettings => ({
	url: 'https://example.com/hook',
	method: 'POST',
	headers: [],
	queryParameters: [],
	bodySource: 'request',
	contentType: 'json',
	...overrides,
});

describe('buildOutboundRequest', () => {
	it("sends the item's request body string byte for byte", () => {
		const body = '{ "b":1,  "a":"é" }';
		const request = buildOutboundRequest({ request: { body, headers: { 'webhook-signature': 'v1,x' } } }, settings());
		expect(request.body).toBe(body);
		expect(request.headers).toEqual({ 'webhook-signature': 'v1,x', 'content-type': 'application/json' });
	});

	it("uses the item's request URL and method over the node's", () => {
		const request = buildOutboundRequest({ request: { url: 'https://signed.example/x?timestamp=1&nonce=a', method: 'put', body: '' } }, settings());
		expect(request.url).toBe('https://signed.example/x?timestamp=1&nonce=a');
		expect(request.method).toBe('PUT');
	});

	it('sends a user name and password written in the URL as Basic authorization, as curl does, unless a header sets Authorization', () => {
		const request = buildOutboundRequest({ a: 1 }, settings({ url: 'https://hook%40user:p%3Ass%20w@example.com/in' }));
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from('hook@user:p:ss w').toString('base64')}`);
		const onlyUser = createRequestBuilder(settings({ url: 'https://token@example.com/in' }))({ a: 1 });
		expect(onlyUser.headers.authorization).toBe(`Basic ${Buffer.from('token:').toString('base64')}`);
		const withHeader = buildOutboundRequest({ a: 1 }, settings({ url: 'https://u:p@example.com/in', headers: [{ name: 'Authorization', value: 'Bearer t' }] }));
		expect(withHeader.headers).toEqual({ Authorization: 'Bearer t', 'content-type': 'application/json' });
		expect(buildOutboundRequest({ a: 1 }, settings()).headers).toEqual({ 'content-type': 'application/json' });
	});

	it('refuses before any attempt a header HTTP cannot carry, naming it and how to fix it, without showing a secret value', () => {
		const withHeader = (name: string, value: string) => () => buildOutboundRequest({ a: 1 }, settings({ headers: [{ name, value }] }));
		expect(withHeader('X-Tenant', '合思')).toThrow(InvalidRequestError);
		expect(withHeader('X-Tenant', '合思')).toThrow(
			'The header "X-Tenant" cannot be sent: its value holds "合", and HTTP header values carry only Latin-1 text without line breaks or control characters. Encode the value (e.g. {{ encodeURIComponent($json.tenant) }}) or send it in the body',
		);
		expect(withHeader('X-Note', 'a\r\nX-Injected: 1')).toThrow('The header "X-Note" cannot be sent: its value holds a line break, and HTTP header values');
		expect(withHeader('Authorization', 'Bearer 密钥')).toThrow('The header "Authorization" cannot be sent: its value holds a character beyond Latin-1, and HTTP header values');
		expect(withHeader('X Tenant', 't1')).toThrow('The header name "X Tenant" cannot be sent: a name holds only letters, digits and ! # $ % & \' * + - . ^ _ ` | ~ (no spaces or colons)');
		expect(() => buildOutboundRequest({ request: { headers: { 'X-Who': '张三' }, body: '{}' } }, settings())).toThrow('The header "X-Who" cannot be sent');
		expect(withHeader('X-Ok', 'café\tö')()).toMatchObject({ headers: { 'X-Ok': 'café\tö' } });
	});

	it("keeps the item's header when the node sets the same one", () => {
		const request = buildOutboundRequest(
			{ request: { headers: { 'Content-Type': 'text/plain' }, body: 'x' } },
			settings({ headers: [{ name: 'content-type', value: 'application/json' }, { name: 'X-Tenant', value: 't1' }] }),
		);
		expect(request.headers).toEqual({ 'Content-Type': 'text/plain', 'X-Tenant': 't1' });
	});

	it('sends the whole item as JSON when the item has no request, without a delivery record', () => {
		const request = buildOutboundRequest({ orderId: 'A-1', delivery: { status: 'retrying' } }, settings());
		expect(request.body).toBe('{"orderId":"A-1"}');
	});

	it('sends the whole item even when it has a request, if chosen', () => {
		const request = buildOutboundRequest({ request: { body: 'x' }, n: 1 }, settings({ bodySource: 'wholeItem' }));
		expect(request.body).toBe('{"request":{"body":"x"},"n":1}');
		expect(request.url).toBe('https://example.com/hook');
	});

	it('sends a custom body as text or serialises an object', () => {
		expect(buildOutboundRequest({}, settings({ bodySource: 'custom', customBody: '<a/>', contentType: 'xml' }))).toMatchObject({
			body: '<a/>',
			headers: { 'content-type': 'application/xml' },
		});
		expect(buildOutboundRequest({}, settings({ bodySource: 'custom', customBody: { a: [1, 2] }, contentType: 'form' }))).toMatchObject({
			body: 'a=%5B1%2C2%5D',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
	});

	it('uses the raw content type given', () => {
		const request = buildOutboundRequest({}, settings({ bodySource: 'custom', customBody: 'hi', contentType: 'raw', rawContentType: 'text/csv' }));
		expect(request.headers['content-type']).toBe('text/csv');
	});

	it('appends query parameters without touching the existing query', () => {
		const request = buildOutboundRequest(
			{},
			settings({ url: 'https://example.com/h?sign=a%2Bb#frag', queryParameters: [{ name: 'tenant id', value: 'a&b' }] }),
		);
		expect(request.url).toBe('https://example.com/h?sign=a%2Bb&tenant%20id=a%26b');
	});

	it('sends no body with GET', () => {
		expect(buildOutboundRequest({ a: 1 }, settings({ method: 'GET' }))).toEqual({
			method: 'GET',
			url: 'https://example.com/hook',
			headers: {},
			body: undefined,
		});
	});

	it('fails without a URL, saying where to set one', () => {
		expect(() => buildOutboundRequest({}, settings({ url: '' }))).toThrow(new InvalidRequestError('No URL to send to: set "URL" on the node, or give the item a request.url (Sign Request does)'));
	});

	it('fails an invalid URL and a non-HTTP URL', () => {
		expect(() => buildOutboundRequest({}, settings({ url: 'example.com/x' }))).toThrow(/is not valid/);
		expect(() => buildOutboundRequest({}, settings({ url: 'ftp://example.com/x' }))).toThrow(/only http and https/);
	});

	it('fails a mistyped scheme, naming the URL field and the scheme', () => {
		expect(() => buildOutboundRequest({}, settings({ url: 'htp://127.0.0.1:5721/ok' }))).toThrow(
			new InvalidRequestError(
				'The URL "htp://127.0.0.1:5721/ok" has the scheme "htp", which cannot be called: only http and https targets can, e.g. https://example.com/webhook. Correct the "URL" field of the node.',
			),
		);
	});

	it("says when the bad URL is the item's request.url, not the node's field", () => {
		expect(() => buildOutboundRequest({ request: { url: 'htp://example.com/x', body: 'b' } }, settings())).toThrow(
			/has the scheme "htp".*It is the item's request\.url \(from Sign Request or Format Fields\): correct the URL there\.$/,
		);
	});

	it('fails a body that cannot be serialised', () => {
		const circular: Record<string, unknown> = {};
		circular.self = circular;
		expect(() => buildOutboundRequest({}, settings({ bodySource: 'custom', customBody: circular }))).toThrow(InvalidRequestError);
		expect(() => buildOutboundRequest({}, settings({ bodySource: 'custom', customBody: { n: BigInt(1) } }))).toThrow(/cannot be serialised as JSON/);
	});

	it('fails an object body for XML', () => {
		expect(() => encodeBody({ a: 1 }, 'xml')).toThrow('An XML body must be text, but the body is an object: build the text with an expression, or choose JSON');
	});

	it('masks secrets of a URL it refuses in the message, which is kept in the record', () => {
		expect(() => buildOutboundRequest({}, settings({ url: 'htp://hook:pw-1@127.0.0.1:5721/ok?access_token=tok-1&page=2' }))).toThrow(
			'The URL "htp://hook:***@127.0.0.1:5721/ok?access_token=***&page=2" has the scheme "htp"',
		);
		expect(() => buildOutboundRequest({}, settings({ url: 'https://exa mple.com/ok?sign=s-1' }))).toThrow('The URL "https://exa mple.com/ok?sign=***" is not valid');
	});

	it('refuses a Custom Body that is not valid JSON under the JSON content type, saying where it breaks', () => {
		const broken = settings({ bodySource: 'custom', customBody: '{"orderId": "A-1", amount: 10,' });
		expect(() => buildOutboundRequest({}, broken)).toThrow(
			new InvalidRequestError(
				"The Body is not valid JSON, yet it would be sent as application/json: at position 19 (line 1, column 20) expected a property name in double quotes, found 'a'. " +
					'Correct the Body, or set Content Type to Raw (or a Content-Type header) to send text that is not JSON.',
			),
		);
	});

	it('refuses an empty Custom Body under the JSON content type', () => {
		expect(() => buildOutboundRequest({}, settings({ bodySource: 'custom', customBody: '' }))).toThrow(/not valid JSON.*found the end of the text/);
	});

	it('refuses broken JSON when a header names a JSON media type, and a raw content type that is JSON', () => {
		const header = settings({ bodySource: 'custom', customBody: '{a}', contentType: 'raw', headers: [{ name: 'Content-Type', value: 'application/vnd.api+json' }] });
		expect(() => buildOutboundRequest({}, header)).toThrow(/sent as application\/vnd\.api\+json: at position 1/);
		const raw = settings({ bodySource: 'custom', customBody: '{a}', contentType: 'raw', rawContentType: 'application/json; charset=utf-8' });
		expect(() => buildOutboundRequest({}, raw)).toThrow(InvalidRequestError);
	});

	it('sends a Custom Body that is not JSON when the content type says it is not JSON', () => {
		const text = '{"orderId": "A-1", amount: 10,';
		expect(buildOutboundRequest({}, settings({ bodySource: 'custom', customBody: text, contentType: 'raw' })).body).toBe(text);
		const header = settings({ bodySource: 'custom', customBody: text, headers: [{ name: 'content-type', value: 'text/plain' }] });
		expect(buildOutboundRequest({}, header)).toMatchObject({ body: text, headers: { 'content-type': 'text/plain' } });
	});

	it('sends a Custom Body of valid JSON text exactly as written', () => {
		const text = '{ "orderId" : "A-1",\n  "amount": 10 }';
		expect(buildOutboundRequest({}, settings({ bodySource: 'custom', customBody: text })).body).toBe(text);
	});

	it("sends an item's request body as it is, even when it is not JSON: it may be signed", () => {
		const request = buildOutboundRequest({ request: { body: 'a=1', headers: { 'content-type': 'application/json' } } }, settings());
		expect(request.body).toBe('a=1');
	});

	it('fails request headers that are not an object', () => {
		expect(() => buildOutboundRequest({ request: { headers: 'x' } }, settings())).toThrow(/request.headers must be an object/);
	});
});

describe('createRequestBuilder', () => {
	it('builds the same requests as buildOutboundRequest, item after item', () => {
		const withQuery = settings({ queryParameters: [{ name: 't', value: '1' }] });
		const build = createRequestBuilder(withQuery);
		for (const json of [{ n: 1 }, { n: 2 }, { request: { url: 'https://other.example/x', body: 'b' } }]) {
			expect(build(json)).toEqual(buildOutboundRequest(json, withQuery));
		}
	});

	it('fails every item with an invalid URL, not only the first', () => {
		const build = createRequestBuilder(settings({ url: 'nope' }));
		expect(() => build({ n: 1 })).toThrow(InvalidRequestError);
		expect(() => build({ n: 2 })).toThrow('The URL "nope" is not valid: use a full URL such as https://example.com/webhook. Correct the "URL" field of the node.');
	});
});

describe('bodyFromOf', () => {
	it("names the item's request when the body source is request and the item has one", () => {
		expect(bodyFromOf({ request: { body: '{}' } }, settings())).toBe('request');
	});

	it('names the whole item when the item has no request, or when the whole item is chosen', () => {
		expect(bodyFromOf({ body: { a: 1 } }, settings())).toBe('wholeItem');
		expect(bodyFromOf({ request: { body: '{}' } }, settings({ bodySource: 'wholeItem' }))).toBe('wholeItem');
	});

	it('names the custom body, and nothing for a method without a body', () => {
		expect(bodyFromOf({}, settings({ bodySource: 'custom' }))).toBe('custom');
		expect(bodyFromOf({}, settings({ method: 'GET' }))).toBeNull();
		expect(bodyFromOf({ request: { method: 'head' } }, settings())).toBeNull();
	});
});
