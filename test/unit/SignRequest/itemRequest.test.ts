import { receivedRequestFromItem, requestToSign } from '../../../nodes/SignRequest/actions/itemRequest';

const settings = { url: 'https://r.test/in', method: 'post', headers: [], body: { a: 1 } };

describe('requestToSign', () => {
	it('serialises an object body once as JSON and sets the JSON content type', () => {
		expect(requestToSign({}, settings)).toEqual({
			url: 'https://r.test/in',
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"a":1}',
		});
	});

	it('keeps a content type the node headers set', () => {
		const request = requestToSign({}, { ...settings, headers: [{ name: 'Content-Type', value: 'text/plain' }], body: 'hi' });
		expect(request.headers).toEqual({ 'Content-Type': 'text/plain' });
	});

	it('lets the item request win over node settings, which only fill gaps', () => {
		const json = { request: { url: 'https://item.test', headers: { 'x-a': '1' }, body: 'exact text' } };
		expect(requestToSign(json, { ...settings, headers: [{ name: 'X-A', value: 'node' }, { name: 'X-B', value: '2' }] })).toEqual({
			url: 'https://item.test',
			method: 'POST',
			headers: { 'x-a': '1', 'X-B': '2', 'content-type': 'application/json' },
			body: 'exact text',
		});
	});
});

describe('receivedRequestFromItem', () => {
	it('rebuilds path and query from the Webhook node output, encoding reserved characters', () => {
		const { request } = receivedRequestFromItem(
			{ headers: { a: 'b' }, query: { sign: 'ab+c=', timestamp: '1' }, body: {}, webhookUrl: 'https://n8n.test/webhook/x' },
			Buffer.from('{}'),
		);
		expect(request.url).toBe('/webhook/x?sign=ab%2Bc%3D&timestamp=1');
	});

	it('uses the raw body bytes when given', () => {
		const { request, bodyReserialised } = receivedRequestFromItem({ headers: {}, body: { a: 1 } }, Buffer.from('{ "a" : 1 }'));
		expect(request.body.toString()).toBe('{ "a" : 1 }');
		expect(bodyReserialised).toBe(false);
	});

	it('marks a parsed body that had to be serialised again', () => {
		expect(receivedRequestFromItem({ headers: {}, body: { a: 1 } }).bodyReserialised).toBe(true);
	});

	it('turns an absolute request URL into path and query', () => {
		expect(receivedRequestFromItem({ request: { url: 'https://x.test/p?q=1', headers: {}, body: '' } }).request.url).toBe('/p?q=1');
	});
});
