import { generateKeyPairSync } from 'node:crypto';

import { checkSigningCredential } from '../../../../nodes/shared/signing/credentialCheck';
import { signingFromCredential, splitSecrets } from '../../../../nodes/shared/signing/credentialConfig';

describe('signingFromCredential', () => {
	it('defaults to Standard Webhooks v1 with the newest secret first', () => {
		expect(signingFromCredential({ secret: 'whsec_a', previousSecrets: 'whsec_b\nwhsec_c  whsec_d' })).toEqual({
			config: { scheme: 'standardWebhooks', variant: 'v1' },
			secrets: ['whsec_a', 'whsec_b', 'whsec_c', 'whsec_d'],
			signWithAll: false,
		});
	});

	it('drops a previous secret equal to the newest one', () => {
		expect(signingFromCredential({ secret: 'k', previousSecrets: 'k j' }).secrets).toEqual(['k', 'j']);
	});

	it('reads the Hesi key location and name', () => {
		expect(signingFromCredential({ scheme: 'hesiSignKey', secret: 'k', hesiLocation: 'body', hesiFieldName: 'sk' }).config).toEqual({
			scheme: 'hesiSignKey',
			location: 'body',
			name: 'sk',
		});
	});

	it('reads every custom HMAC option', () => {
		const { config } = signingFromCredential({
			scheme: 'customHmac',
			secret: 'k',
			customAlgorithm: 'sha512',
			customEncoding: 'base64',
			customTemplate: '{timestamp}.{body}',
			customPlacement: 'query',
			customName: 'sig',
			customPrefix: 'v1=',
			customTimestampName: 'ts',
			customTimestampUnit: 'ms',
		});
		expect(config).toEqual({
			scheme: 'customHmac',
			algorithm: 'sha512',
			encoding: 'base64',
			template: '{timestamp}.{body}',
			placement: 'query',
			name: 'sig',
			prefix: 'v1=',
			idName: undefined,
			timestampName: 'ts',
			nonceName: undefined,
			timestampUnit: 'ms',
		});
	});

	it('passes on "sign with all secrets"', () => {
		expect(signingFromCredential({ secret: 'k', signWithAllSecrets: true }).signWithAll).toBe(true);
	});

	it('names the empty secret field', () => {
		expect(() => signingFromCredential({ scheme: 'github', secret: '  ' })).toThrow('Outbound Signing Secret: "Secret" is empty; fill it in the credential');
	});

	it('names the missing custom template by its label in the credential', () => {
		expect(() => signingFromCredential({ scheme: 'customHmac', secret: 'k', customName: 'X-Sig' })).toThrow(
			'Outbound Signing Secret: "Signed String Template" is empty; fill it in the credential',
		);
	});

	it('rejects an unknown scheme by naming the field and the choices as the credential shows them', () => {
		expect(() => signingFromCredential({ scheme: 'md5', secret: 'k' })).toThrow(
			'Outbound Signing Secret: "Scheme" is "md5", which is none of its choices (Standard Webhooks, Jiandaoyun Push (简道云),',
		);
		expect(() => signingFromCredential({ scheme: 'customHmac', secret: 'k', customTemplate: '{body}', customName: 'X-Sig', customEncoding: 'b32' })).toThrow(
			'Outbound Signing Secret: "Encoding" is "b32", which is none of its choices (Hex, Base64); pick one in the credential',
		);
	});

	it('names a field that is not text by its label', () => {
		expect(() => signingFromCredential({ scheme: 'github', secret: { nested: true } })).toThrow('Outbound Signing Secret: "Secret" must be text; correct it in the credential');
	});
});

describe('splitSecrets', () => {
	it('keeps PEM keys whole between other secrets', () => {
		const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----';
		expect(splitSecrets(`whsk_a\n${pem}\n whsk_b`)).toEqual(['whsk_a', pem, 'whsk_b']);
	});

	it('returns nothing for blank text', () => {
		expect(splitSecrets(' \n ')).toEqual([]);
	});
});

describe('checkSigningCredential', () => {
	it('summarises a credential with rotation for Stripe', () => {
		expect(checkSigningCredential({ scheme: 'stripe', secret: 'whsec_new', previousSecrets: 'whsec_old' })).toBe(
			'All 2 secrets are well formed for stripe; a sample request signed with each verifies',
		);
	});

	it('accepts a v1a public key as verify-only', () => {
		const { publicKey } = generateKeyPairSync('ed25519');
		const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
		expect(checkSigningCredential({ scheme: 'standardWebhooks', standardWebhooksVariant: 'v1a', secret: pem })).toBe(
			'The secret is well formed for standardWebhooks v1a; public keys: they can verify, not sign',
		);
	});

	it('names a custom HMAC template problem', () => {
		expect(() => checkSigningCredential({ scheme: 'customHmac', secret: 'k', customName: 'X-Sig', customTemplate: '' })).toThrow('"Signed String Template" is empty');
	});

	it('rejects a v1a secret that is not an Ed25519 key', () => {
		expect(() => checkSigningCredential({ scheme: 'standardWebhooks', standardWebhooksVariant: 'v1a', secret: 'whsk_AAAA' })).toThrow(
			'Secret: An Ed25519 private key (whsk_) must decode to 32 bytes',
		);
	});
});
