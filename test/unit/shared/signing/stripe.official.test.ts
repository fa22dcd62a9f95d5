import Stripe from 'stripe';

import { signRequest, verifyRequest } from '../../../../nodes/shared/signing';
import { outgoing, receivedFrom } from './requests';

// Cross-check with Stripe's own Node.js library (`stripe` on npm, dev dependency): its
// webhooks.constructEvent is what a Stripe-style receiver runs, and generateTestHeaderString signs
// as Stripe does. What we sign, it accepts; what it signs, we accept; both refuse a one-byte change.
const stripe = new Stripe('sk_test_cross_check');
const secret = 'whsec_5uGm1hI0lUDwIvw2B6f6rqqNa2hHbGW4';
const otherSecret = 'whsec_rotatedSecretForTheCrossCheck';
const payload = '{"id":"evt_1","object":"event","type":"approval.passed","data":{"单号":"B24000123","amount":"10.00"}}';
const config = { scheme: 'stripe' } as const;

/** The body's UTF-8 bytes with one bit of the last byte flipped. */
function flipLastByte(text: string): Buffer {
	const bytes = Buffer.from(text, 'utf8');
	bytes[bytes.length - 1] ^= 1;
	return bytes;
}

describe('Stripe style signature against the official stripe library', () => {
	it('produces a Stripe-Signature header the library verifies', () => {
		const signed = signRequest(outgoing(payload), { config, secrets: [secret] });
		expect(stripe.webhooks.constructEvent(signed.body, signed.headers['Stripe-Signature'], secret)).toMatchObject({ id: 'evt_1' });
	});

	it('produces a header the library verifies with either secret when every active secret signs', () => {
		const signed = signRequest(outgoing(payload), { config, secrets: [otherSecret, secret], signWithAll: true });
		for (const key of [secret, otherSecret]) {
			expect(stripe.webhooks.constructEvent(signed.body, signed.headers['Stripe-Signature'], key)).toMatchObject({ id: 'evt_1' });
		}
	});

	it('accepts what the library signs', () => {
		const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
		const request = receivedFrom({ ...outgoing(payload), headers: { 'Stripe-Signature': header } });
		expect(verifyRequest(request, { config, secrets: [secret] })).toMatchObject({ valid: true });
	});

	it('rejects, like the library, a body changed by one byte after we signed it', () => {
		const signed = signRequest(outgoing(payload), { config, secrets: [secret] });
		const tampered = flipLastByte(signed.body);
		expect(() => stripe.webhooks.constructEvent(tampered, signed.headers['Stripe-Signature'], secret)).toThrow(
			Stripe.errors.StripeSignatureVerificationError,
		);
		expect(verifyRequest(receivedFrom(signed, tampered), { config, secrets: [secret] })).toMatchObject({
			valid: false,
			reason: 'signature_mismatch',
		});
	});

	it('rejects, like the library, a body changed by one byte after the library signed it', () => {
		const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
		const tampered = flipLastByte(payload);
		expect(() => stripe.webhooks.constructEvent(tampered, header, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
		const request = receivedFrom({ ...outgoing(payload), headers: { 'Stripe-Signature': header } }, tampered);
		expect(verifyRequest(request, { config, secrets: [secret] })).toMatchObject({ valid: false, reason: 'signature_mismatch' });
	});

	it('rejects, like the library, a header whose timestamp is older than the tolerance', () => {
		const old = Math.floor(Date.now() / 1000) - 400;
		const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: old });
		expect(() => stripe.webhooks.constructEvent(payload, header, secret, 300)).toThrow(/Timestamp outside the tolerance zone/);
		const request = receivedFrom({ ...outgoing(payload), headers: { 'Stripe-Signature': header } });
		expect(verifyRequest(request, { config, secrets: [secret], toleranceSeconds: 300 })).toMatchObject({ valid: false });
	});
});
