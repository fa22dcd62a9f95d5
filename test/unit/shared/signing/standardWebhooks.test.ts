import { generateKeyPairSync } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

import { signRequest, verifyRequest } from '../../../../nodes/shared/signing';
import { asymmetricKey, sign, symmetricKeyBytes, verify } from '../../../../nodes/shared/signing/standardWebhooks';
import type { OutgoingRequest, ReceivedRequest } from '../../../../nodes/shared/signing/types';

// Golden vector: github.com/standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts,
// test "sign function works" (the same values are in the Go, Python, Ruby … reference tests).
const spec = {
	secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
	messageId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
	timestamp: 1614265330,
	payload: '{"test": 2432232314}',
	signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

// Golden vector for v1a: github.com/standard-webhooks/standard-webhooks, libraries/go/webhook_asymmetric_test.go,
// TestAsymmetricWebhookSign (the key is a base64 32-byte Ed25519 seed, loaded with ed25519.NewKeyFromSeed;
// message id, timestamp and payload are the symmetric example's).
const specAsymmetric = {
	secret: 'VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=',
	signature: 'v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==',
};

const config = { scheme: 'standardWebhooks' } as const;
const asymmetric = { scheme: 'standardWebhooks', variant: 'v1a' } as const;
const atSpecTime = spec.timestamp * 1000;
const otherSecret = 'whsec_' + Buffer.alloc(24, 7).toString('base64');

function outgoing(body = spec.payload): OutgoingRequest {
	return { method: 'POST', url: 'https://example.com/hook', headers: { 'content-type': 'application/json' }, body };
}

function received(signed: OutgoingRequest, body: Buffer = Buffer.from(signed.body, 'utf8')): ReceivedRequest {
	return { method: signed.method, url: '/hook', headers: { ...signed.headers }, body };
}

function specRequest(signature = spec.signature): ReceivedRequest {
	return received({
		...outgoing(),
		headers: { 'webhook-id': spec.messageId, 'webhook-timestamp': String(spec.timestamp), 'webhook-signature': signature },
	});
}

function flipLastByte(text: string): string {
	const bytes = Buffer.from(text, 'utf8');
	bytes[bytes.length - 1] ^= 1;
	return bytes.toString('utf8');
}

describe('Standard Webhooks golden vectors', () => {
	it('signs the spec example to the published signature', () => {
		const signed = sign(outgoing(), { config, secrets: [spec.secret], now: atSpecTime, messageId: spec.messageId });
		expect(signed.headers).toEqual({
			'content-type': 'application/json',
			'webhook-id': spec.messageId,
			'webhook-timestamp': String(spec.timestamp),
			'webhook-signature': spec.signature,
		});
	});

	it('signs the spec example without the whsec_ prefix to the same signature, as the libraries do', () => {
		const signed = sign(outgoing(), {
			config,
			secrets: [spec.secret.slice('whsec_'.length)],
			now: atSpecTime,
			messageId: spec.messageId,
		});
		expect(signed.headers['webhook-signature']).toBe(spec.signature);
	});

	it('verifies the spec example at its own timestamp', () => {
		expect(verify(specRequest(), { config, secrets: [spec.secret], now: atSpecTime })).toEqual({
			valid: true,
			deliveryId: spec.messageId,
			timestamp: spec.timestamp,
		});
	});

	it('signs the v1a example to the published Ed25519 signature', () => {
		const signed = sign(outgoing(), { config: asymmetric, secrets: [specAsymmetric.secret], now: atSpecTime, messageId: spec.messageId });
		expect(signed.headers['webhook-signature']).toBe(specAsymmetric.signature);
	});

	it('verifies the v1a example with only the whpk_ public key', () => {
		const publicKey = asymmetricKey(`whsk_${specAsymmetric.secret}`).publicKey.export({ format: 'der', type: 'spki' });
		const whpk = 'whpk_' + publicKey.subarray(publicKey.length - 32).toString('base64');
		const result = verify(specRequest(specAsymmetric.signature), { config: asymmetric, secrets: [whpk], now: atSpecTime });
		expect(result.valid).toBe(true);
	});
});

describe('Standard Webhooks cross-check with the official standardwebhooks library', () => {
	it('produces what the library verifies', () => {
		const signed = signRequest(outgoing(), { config, secrets: [spec.secret] });
		expect(() => new Webhook(spec.secret).verify(signed.body, signed.headers)).not.toThrow();
	});

	it('produces a signature header the library verifies when every active secret signs', () => {
		const signed = signRequest(outgoing(), { config, secrets: [otherSecret, spec.secret], signWithAll: true });
		expect(signed.headers['webhook-signature'].split(' ')).toHaveLength(2);
		expect(() => new Webhook(spec.secret).verify(signed.body, signed.headers)).not.toThrow();
		expect(() => new Webhook(otherSecret).verify(signed.body, signed.headers)).not.toThrow();
	});

	it('accepts what the library signs', () => {
		const now = new Date();
		const signature = new Webhook(spec.secret).sign(spec.messageId, now, spec.payload);
		const request = received({
			...outgoing(),
			headers: { 'webhook-id': spec.messageId, 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature },
		});
		expect(verifyRequest(request, { config, secrets: [spec.secret] }).valid).toBe(true);
	});

	it('rejects, like the library, a body changed by one byte after we signed it', () => {
		const signed = signRequest(outgoing(), { config, secrets: [spec.secret] });
		const tampered = flipLastByte(signed.body);
		expect(() => new Webhook(spec.secret).verify(tampered, signed.headers)).toThrow('No matching signature found');
		expect(verifyRequest(received(signed, Buffer.from(tampered)), { config, secrets: [spec.secret] })).toMatchObject({
			valid: false,
			reason: 'signature_mismatch',
		});
	});

	it('rejects, like the library, a body changed by one byte after the library signed it', () => {
		const now = new Date();
		const headers = {
			'webhook-id': spec.messageId,
			'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
			'webhook-signature': new Webhook(spec.secret).sign(spec.messageId, now, spec.payload),
		};
		const tampered = flipLastByte(spec.payload);
		expect(() => new Webhook(spec.secret).verify(tampered, headers)).toThrow();
		expect(verifyRequest(received({ ...outgoing(tampered), headers }), { config, secrets: [spec.secret] }).valid).toBe(false);
	});

	it('rejects, like the library, a signature changed by one character', () => {
		const signed = signRequest(outgoing(), { config, secrets: [spec.secret] });
		const signature = signed.headers['webhook-signature'];
		const changed = signature.slice(0, 5) + (signature[5] === 'A' ? 'B' : 'A') + signature.slice(6);
		const headers = { ...signed.headers, 'webhook-signature': changed };
		expect(() => new Webhook(spec.secret).verify(signed.body, headers)).toThrow();
		expect(verifyRequest(received({ ...signed, headers }), { config, secrets: [spec.secret] }).valid).toBe(false);
	});

	it('agrees with the library just inside and just outside the 300 s window, both directions', () => {
		// Two seconds of margin: the library reads its own clock a moment later than `now`.
		const now = Date.now();
		for (const [offsetSeconds, accepted] of [
			[-298, true],
			[-303, false],
			[298, true],
			[303, false],
		] as const) {
			const signed = signRequest(outgoing(), { config, secrets: [spec.secret], now: now + offsetSeconds * 1000 });
			const theirs = () => new Webhook(spec.secret).verify(signed.body, signed.headers);
			if (accepted) expect(theirs).not.toThrow();
			else expect(theirs).toThrow();
			expect(verifyRequest(received(signed), { config, secrets: [spec.secret], now }).valid).toBe(accepted);
		}
	});
});

describe('Standard Webhooks verify', () => {
	it('accepts a signature made with a previous secret still in the list', () => {
		const signed = sign(outgoing(), { config, secrets: [otherSecret], now: atSpecTime });
		expect(verify(received(signed), { config, secrets: [spec.secret, otherSecret], now: atSpecTime }).valid).toBe(true);
	});

	it('accepts a header listing other versions and bad signatures before the good one', () => {
		const header = ['v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', 'v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=', spec.signature].join(' ');
		expect(verify(specRequest(header), { config, secrets: [spec.secret], now: atSpecTime }).valid).toBe(true);
	});

	it('names the missing header', () => {
		const request = specRequest();
		delete request.headers['webhook-timestamp'];
		expect(verify(request, { config, secrets: [spec.secret], now: atSpecTime })).toEqual({
			valid: false,
			reason: 'missing_signature',
			message: 'Missing header webhook-timestamp',
		});
	});

	it('reads headers in any case', () => {
		const request = specRequest();
		request.headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key.toUpperCase(), value]));
		expect(verify(request, { config, secrets: [spec.secret], now: atSpecTime }).valid).toBe(true);
	});

	it('says by how many seconds an old timestamp is outside the window', () => {
		const result = verify(specRequest(), { config, secrets: [spec.secret], now: atSpecTime + 412_000 });
		expect(result).toEqual({
			valid: false,
			reason: 'timestamp_out_of_tolerance',
			message: 'header webhook-timestamp is 412 s old, outside the accepted window of 300 s (expired by 112 s)',
		});
	});

	it('rejects a timestamp that is not a whole number of seconds as malformed', () => {
		const request = specRequest();
		request.headers['webhook-timestamp'] = '1614265330.5';
		expect(verify(request, { config, secrets: [spec.secret], now: atSpecTime })).toMatchObject({ reason: 'malformed_signature' });
	});

	it('rejects a signature header without any "version,signature" entry as malformed', () => {
		expect(verify(specRequest('garbage'), { config, secrets: [spec.secret], now: atSpecTime })).toMatchObject({
			reason: 'malformed_signature',
		});
	});

	it('does not accept a v1 signature when the credential is set to v1a', () => {
		const [, privatePem] = pemPair();
		expect(verify(specRequest(), { config: asymmetric, secrets: [privatePem], now: atSpecTime })).toMatchObject({
			reason: 'signature_mismatch',
		});
	});

	it('reports a configuration without secrets instead of matching nothing', () => {
		expect(verify(specRequest(), { config, secrets: [], now: atSpecTime })).toMatchObject({ reason: 'no_secret_configured' });
	});

	it('keeps the expected signature and the secret out of every failure message', () => {
		const results = [
			verify(specRequest('v1,AAAA'), { config, secrets: [spec.secret], now: atSpecTime }),
			verify(specRequest(), { config, secrets: [otherSecret], now: atSpecTime }),
			verify(specRequest(), { config, secrets: [spec.secret], now: atSpecTime + 10_000_000 }),
		];
		for (const result of results) {
			const text = JSON.stringify(result);
			expect(text).not.toContain(spec.signature.slice(3));
			expect(text).not.toContain(spec.secret.slice(6));
			expect(text).not.toContain(otherSecret.slice(6));
		}
	});
});

function pemPair(): [string, string] {
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	return [
		publicKey.export({ format: 'pem', type: 'spki' }).toString(),
		privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
	];
}

describe('Standard Webhooks sign', () => {
	it('keeps the webhook-id of a request it signed before, so a retry carries the same id', () => {
		const first = sign(outgoing(), { config, secrets: [spec.secret], now: atSpecTime });
		const retry = sign(first, { config, secrets: [spec.secret], now: atSpecTime + 60_000 });
		expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
		expect(retry.headers['webhook-timestamp']).toBe(String(spec.timestamp + 60));
		expect(Object.keys(retry.headers)).toHaveLength(4);
	});

	it('replaces signature headers written in another case instead of adding a second copy', () => {
		const request = { ...outgoing(), headers: { 'Webhook-Signature': 'v1,old', 'Webhook-Id': 'msg_1' } };
		const signed = sign(request, { config, secrets: [spec.secret], now: atSpecTime });
		expect(Object.keys(signed.headers).sort()).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
		expect(signed.headers['webhook-id']).toBe('msg_1');
	});

	it('generates a msg_ id when none is given', () => {
		const signed = sign(outgoing(), { config, secrets: [spec.secret] });
		expect(signed.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
	});

	it('signs with the newest secret only unless told to sign with all', () => {
		const signed = sign(outgoing(), { config, secrets: [spec.secret, otherSecret], now: atSpecTime, messageId: spec.messageId });
		expect(signed.headers['webhook-signature']).toBe(spec.signature);
	});

	it('refuses a message id containing a full stop, which the spec forbids', () => {
		expect(() => sign(outgoing(), { config, secrets: [spec.secret], messageId: 'a.b' })).toThrow('must not contain "."');
	});

	it('does not change the request it was given', () => {
		const request = outgoing();
		sign(request, { config, secrets: [spec.secret] });
		expect(request.headers).toEqual({ 'content-type': 'application/json' });
	});

	it('signs and verifies v1a with a PEM key pair', () => {
		const [publicPem, privatePem] = pemPair();
		const signed = sign(outgoing(), { config: asymmetric, secrets: [privatePem], now: atSpecTime });
		expect(signed.headers['webhook-signature']).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
		expect(verify(received(signed), { config: asymmetric, secrets: [publicPem], now: atSpecTime }).valid).toBe(true);
	});

	it('refuses to sign v1a with a public key', () => {
		const [publicPem] = pemPair();
		expect(() => sign(outgoing(), { config: asymmetric, secrets: [publicPem] })).toThrow('needs an Ed25519 private key');
	});
});

describe('symmetricKeyBytes', () => {
	it('uses the UTF-8 bytes of a secret that is not base64', () => {
		expect(symmetricKeyBytes('not base64!')).toEqual(Buffer.from('not base64!', 'utf8'));
	});

	it('refuses a whsec_ secret whose rest is not base64, without echoing it', () => {
		expect(() => symmetricKeyBytes('whsec_abc$')).toThrow('The secret after "whsec_" is not valid base64');
		expect(() => symmetricKeyBytes('whsec_abc$')).not.toThrow('abc$');
	});

	it('refuses an empty key', () => {
		expect(() => symmetricKeyBytes('whsec_')).toThrow('empty');
	});
});
