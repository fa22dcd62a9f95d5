import { signRequest, verifyRequest } from '../../../../nodes/shared/signing';
import { signingFromCredential } from '../../../../nodes/shared/signing/credentialConfig';
import { schemes } from '../../../../nodes/shared/signing/schemes';
import { signatureSchemes } from '../../../../nodes/shared/signing/types';

describe('the table of signature schemes', () => {
	it('has one entry for every scheme the credential offers, and no other', () => {
		expect(Object.keys(schemes).sort()).toEqual([...signatureSchemes].sort());
	});

	it('fills in each scheme’s defaults when the credential leaves its options empty', () => {
		const configs = Object.fromEntries(
			signatureSchemes
				.filter((scheme) => scheme !== 'customHmac')
				.map((scheme) => [scheme, signingFromCredential({ scheme, secret: 'k' }).config]),
		);
		expect(configs).toEqual({
			standardWebhooks: { scheme: 'standardWebhooks', variant: 'v1' },
			jiandaoyun: { scheme: 'jiandaoyun' },
			hesiSignKey: { scheme: 'hesiSignKey', location: 'header', name: 'signKey' },
			github: { scheme: 'github' },
			stripe: { scheme: 'stripe' },
			dingtalk: { scheme: 'dingtalk' },
			feishu: { scheme: 'feishu' },
		});
	});

	it('refuses to sign or verify with a scheme it does not have, naming it', () => {
		const config = { scheme: 'toString' } as unknown as Parameters<typeof signRequest>[1]['config'];
		const request = { method: 'POST', url: 'https://example.com/', headers: {}, body: '{}' };
		expect(() => signRequest(request, { config, secrets: ['k'] })).toThrow('Unknown signature scheme "toString"');
		expect(() => verifyRequest({ ...request, body: Buffer.from('{}') }, { config, secrets: ['k'] })).toThrow('Unknown signature scheme "toString"');
	});
});
