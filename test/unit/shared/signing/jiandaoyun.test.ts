import { jiandaoyunSignature, sign, verify } from '../../../../nodes/shared/signing/jiandaoyun';
import { outgoing, receivedFrom } from './requests';

// Golden vector: Jiandaoyun publishes its algorithm and a Python demo (get_signature: sha1 of
// ':'.join([nonce, payload, secret, timestamp]), hex) but no fixed input/output pair. The expected
// value was produced by running that demo, as published, on these inputs:
// test/unit/shared/signing/vendorDemos/vendor_demos.py (CPython hashlib; none of our code).
const demo = {
	nonce: 'a8c3f1',
	payload: '{"op":"data_create","data":{"_id":"5f1e","名称":"报销单"}}',
	secret: 'jdy-demo-secret',
	timestamp: '1700000000',
	signature: 'cf4cb1e8286ea0a5944adb2ccdae5759672424c1',
};
const config = { scheme: 'jiandaoyun' } as const;
const at = Number(demo.timestamp) * 1000;

function demoRequest(signature = demo.signature) {
	return {
		method: 'POST',
		url: `/webhook/jdy?timestamp=${demo.timestamp}&nonce=${demo.nonce}`,
		headers: { 'x-jdy-signature': signature, 'x-jdy-deliverid': '65a0c1d2e3' },
		body: Buffer.from(demo.payload, 'utf8'),
	};
}

describe('Jiandaoyun push signature', () => {
	it('matches the value of Jiandaoyun\'s demo algorithm', () => {
		expect(jiandaoyunSignature(demo.nonce, demo.payload, demo.secret, demo.timestamp)).toBe(demo.signature);
	});

	it('signs with nonce and timestamp in the query and the signature and deliver id in headers', () => {
		const signed = sign(outgoing(demo.payload, 'https://example.com/push'), {
			config,
			secrets: [demo.secret],
			now: at,
			nonce: demo.nonce,
			messageId: 'deliver-1',
		});
		expect(signed.url).toBe(`https://example.com/push?timestamp=${demo.timestamp}&nonce=${demo.nonce}`);
		expect(signed.headers).toMatchObject({ 'X-JDY-Signature': demo.signature, 'X-JDY-DeliverId': 'deliver-1' });
	});

	it('verifies the demo request and returns its deliver id for de-duplication', () => {
		expect(verify(demoRequest(), { config, secrets: [demo.secret], now: at })).toEqual({
			valid: true,
			deliveryId: '65a0c1d2e3',
			timestamp: Number(demo.timestamp),
		});
	});

	it('accepts an upper-case hex signature', () => {
		expect(verify(demoRequest(demo.signature.toUpperCase()), { config, secrets: [demo.secret], now: at }).valid).toBe(true);
	});

	it('rejects a push older than the replay window', () => {
		expect(verify(demoRequest(), { config, secrets: [demo.secret], now: at + 301_000 })).toMatchObject({
			reason: 'timestamp_out_of_tolerance',
		});
	});

	it('rejects a push signed with another secret', () => {
		expect(verify(demoRequest(), { config, secrets: ['other'], now: at })).toEqual({
			valid: false,
			reason: 'signature_mismatch',
			message: 'No signature in header X-JDY-Signature matched',
		});
	});

	it('names the missing nonce', () => {
		const request = { ...demoRequest(), url: `/webhook/jdy?timestamp=${demo.timestamp}` };
		expect(verify(request, { config, secrets: [demo.secret], now: at })).toMatchObject({
			reason: 'missing_signature',
			message: 'Missing query parameter nonce',
		});
	});

	it('keeps other query parameters and replaces its own when re-signing', () => {
		const first = sign(outgoing(demo.payload, 'https://example.com/push?a=1#frag'), { config, secrets: [demo.secret], now: at });
		const again = sign(first, { config, secrets: [demo.secret], now: at + 5000, nonce: 'n2' });
		expect(again.url).toBe(`https://example.com/push?a=1&timestamp=${Number(demo.timestamp) + 5}&nonce=n2#frag`);
		expect(again.headers['X-JDY-DeliverId']).toBe(first.headers['X-JDY-DeliverId']);
	});

	it('makes up a fresh URL-safe nonce for each push', () => {
		const nonces = [1, 2].map((n) => new URL(sign(outgoing(demo.payload), { config, secrets: [demo.secret], now: at, messageId: `d-${n}` }).url).searchParams.get('nonce'));
		expect(nonces[0]).toMatch(/^[0-9a-f]{20}$/);
		expect(nonces[1]).not.toBe(nonces[0]);
	});

	it('round-trips through the receiving side', () => {
		const signed = sign(outgoing(demo.payload), { config, secrets: [demo.secret], now: at });
		expect(verify(receivedFrom(signed), { config, secrets: [demo.secret], now: at }).valid).toBe(true);
	});
});
