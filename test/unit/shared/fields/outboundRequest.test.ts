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

	it('upper-cases the method', () => {
		expect(buildOutboundRequest({}, { url: 'https://example.com', method: 'put' }).method).toBe('PUT');
	});
});
