import { sign, verify } from '../../../../nodes/shared/signing/stripe';
import { outgoing, receivedFrom } from './requests';

// Golden vector: Stripe documents the scheme (docs.stripe.com/webhooks, "Verify signatures
// manually": signed_payload = t + "." + body, HMAC-SHA256 with the endpoint secret, hex) but no
// secret/payload/signature triple. The expected value comes from that procedure as stripe-python's
// WebhookSignature._compute_signature implements it, run in CPython:
// test/unit/shared/signing/vendorDemos/vendor_demos.py (none of our code).
const vector = {
	secret: 'whsec_test_secret',
	timestamp: 1492774577,
	payload: '{"id":"evt_test","object":"event"}',
	v1: '691252e266ce41cb94d709c84e9580d4172b117a510bbc81723f657d2cd5d215',
};
const config = { scheme: 'stripe' } as const;
const at = vector.timestamp * 1000;

function request(header: string, body = vector.payload) {
	return { method: 'POST', url: '/stripe', headers: { 'stripe-signature': header }, body: Buffer.from(body) };
}

describe('Stripe style signature', () => {
	it('signs the vector to t=…,v1=… with the reference value', () => {
		const signed = sign(outgoing(vector.payload), { config, secrets: [vector.secret], now: at });
		expect(signed.headers['Stripe-Signature']).toBe(`t=${vector.timestamp},v1=${vector.v1}`);
	});

	it('verifies a header with a v0 entry and several v1 entries, one of them right', () => {
		const header = `t=${vector.timestamp},v1=${'0'.repeat(64)},v1=${vector.v1},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39`;
		expect(verify(request(header), { config, secrets: [vector.secret], now: at })).toEqual({ valid: true, timestamp: vector.timestamp });
	});

	it('writes one v1 entry per secret when signing with all', () => {
		const signed = sign(outgoing(vector.payload), { config, secrets: ['new', vector.secret], signWithAll: true, now: at });
		expect(signed.headers['Stripe-Signature']).toMatch(new RegExp(`^t=${vector.timestamp},v1=[0-9a-f]{64},v1=${vector.v1}$`));
	});

	it('rejects a timestamp changed after signing', () => {
		expect(verify(request(`t=${vector.timestamp + 1},v1=${vector.v1}`), { config, secrets: [vector.secret], now: at })).toMatchObject({
			reason: 'signature_mismatch',
		});
	});

	it('says the t= part is missing', () => {
		expect(verify(request(`v1=${vector.v1}`), { config, secrets: [vector.secret], now: at })).toMatchObject({
			reason: 'malformed_signature',
			message: expect.stringContaining('the t= part is missing'),
		});
	});

	it('rejects an event older than the tolerance', () => {
		expect(verify(request(`t=${vector.timestamp},v1=${vector.v1}`), { config, secrets: [vector.secret], now: at + 600_000, toleranceSeconds: 300 })).toMatchObject({
			reason: 'timestamp_out_of_tolerance',
			message: expect.stringContaining('expired by 300 s'),
		});
	});

	it('round-trips through the receiving side', () => {
		const signed = sign(outgoing('{"a":1}'), { config, secrets: ['sk'] });
		expect(verify(receivedFrom(signed), { config, secrets: ['sk'] }).valid).toBe(true);
	});
});
