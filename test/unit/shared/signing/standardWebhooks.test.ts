import { Webhook } from 'standardwebhooks';

import { signRequest, verifyRequest } from '../../../../nodes/shared/signing';
import { asymmetricKey, sign, verify } from '../../../../nodes/shared/signing/standardWebhooks';
import type { OutgoingRequest, ReceivedRequest } from '../../../../nodes/shared/signing/types';

// Golden vector: standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts,
// test "sign function works" (the same values appear in every reference library's tests).
const spec = {
	secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
	messageId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
	timestamp: 1614265330,
	payload: '{"test": 2432232314}',
	signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

// Golden vector for v1a: standard-webhooks/standard-webhooks, libraries/go/webhook_asymmetric_test.go,
// TestAsymmetricWebhookSign (the key is a base64 32-byte Ed25519 seed, read with ed25519.NewKeyFromSeed).
const specAsymmetric = {
	secret: 'VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=',
	signature: 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
};

const config = { scheme: 'standardWebhooks' } as const;
const atSpecTime = spec.timestamp * 1000;

function outgoing(body = spec.payload): OutgoingRequest {
	return { method: 'POST', url: 'https://example.com/hook', headers: { 'content-type': 'application/json' }, body };
}

function received(signed: OutgoingRequest): ReceivedRequest {
	return { method: signed.method, url: '/hook', headers: { ...signed.headers }, body: Buffer.from(signed.body, 'utf8') };
}

describe('Standard Webhooks', () => {
	it('signs the spec example to the published signature', () => {
		const signed = sign(outgoing(), { config, secrets: [spec.secret], now: atSpecTime, messageId: spec.messageId });
		expect(signed.headers).toMatchObject({
			'webhook-id': spec.messageId,
			'webhook-timestamp': String(spec.timestamp),
			'webhook-signature': spec.signature,
		});
	});

	it('signs the v1a example to the published Ed25519 signature', () => {
		const signed = sign(outgoing(), {
			config: { scheme: 'standardWebhooks', variant: 'v1a' },
			secrets: [specAsymmetric.secret],
			now: atSpecTime,
			messageId: spec.messageId,
		});
		expect(signed.headers['webhook-signature']).toBe(specAsymmetric.signature);
	});

	it('verifies the spec example at its own timestamp', () => {
		const request = received({
			...outgoing(),
			headers: { 'webhook-id': spec.messageId, 'webhook-timestamp': String(spec.timestamp), 'webhook-signature': spec.signature },
		});
		expect(verify(request, { config, secrets: [spec.secret], now: atSpecTime })).toEqual({
			valid: true,
			deliveryId: spec.messageId,
			timestamp: spec.timestamp,
		});
	});

	it('produces what the official library verifies', () => {
		const signed = signRequest(outgoing(), { config, secrets: [spec.secret] });
		expect(() => new Webhook(spec.secret).verify(signed.body, signed.headers)).not.toThrow();
	});

	it('accepts what the official library signs', () => {
		const now = new Date();
		const signature = new Webhook(spec.secret).sign(spec.messageId, now, spec.payload);
		const request = received({
			...outgoing(),
			headers: { 'webhook-id': spec.messageId, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature },
		});
		expect(verifyRequest(request, { config, secrets: [spec.secret] }).valid).toBe(true);
	});
});

describe('asymmetricKey', () => {
	it('derives the public key from a private seed', () => {
		expect(asymmetricKey(`whsk_${specAsymmetric.secret}`).publicKey.asymmetricKeyType).toBe('ed25519');
	});
});
