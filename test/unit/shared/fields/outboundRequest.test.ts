import { buildOutboundRequest } from '../../../../nodes/shared/fields/outboundRequest';

describe('outbound request', () => {
	it('serialises the body once, as JSON, with a JSON content type', () => {
		expect(buildOutboundRequest({ amount: { currency: 'CNY', amount: '10.00' } }, { url: 'https://example.com/hook' })).toEqual({
			url: 'https://example.com/hook',
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"amount":{"currency":"CNY","amount":"10.00"}}',
		});
	});

	it('names no URL when none is given, so Send Outbound Message uses its own', () => {
		expect(buildOutboundRequest({}, { url: ' ' })).toEqual({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	});

	it('upper-cases the method', () => {
		expect(buildOutboundRequest({}, { url: 'https://example.com', method: 'put' }).method).toBe('PUT');
	});

	it('names no method when the method is empty, so the signing or sending node decides', () => {
		expect(buildOutboundRequest({ a: 1 }, { url: '', method: '' })).toEqual({ headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
	});
});
