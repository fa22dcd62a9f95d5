import { NodeHelpers } from 'n8n-workflow';

import { OutboundSigningSecret } from '../../../credentials/OutboundSigningSecret.credentials';
import { checkSigningCredential } from '../../../nodes/shared/signing/credentialCheck';
import { signatureSchemes } from '../../../nodes/shared/signing/types';

/** The credential's data as n8n stores it for a scheme: its defaults plus what the user typed. */
function credentialData(values: Record<string, string>) {
	return NodeHelpers.getNodeParameters(new OutboundSigningSecret().properties, values, true, false, null, null) as Record<string, unknown>;
}

describe('Outbound Signing Secret credential', () => {
	it.each(signatureSchemes.filter((scheme) => scheme !== 'standardWebhooks'))(
		'with its defaults and a secret, %s signs a request that verifies',
		(scheme) => {
			expect(checkSigningCredential(credentialData({ scheme, secret: 'a-shared-secret' }))).toContain(`well formed for ${scheme}`);
		},
	);

	it('with its defaults and a generated whsec_ secret, Standard Webhooks v1 signs a request that verifies', () => {
		const secret = 'whsec_' + Buffer.alloc(24, 9).toString('base64');
		expect(checkSigningCredential(credentialData({ secret }))).toContain('standardWebhooks v1');
	});

	it('offers every scheme of the engine and defaults to Standard Webhooks', () => {
		const scheme = new OutboundSigningSecret().properties.find((property) => property.name === 'scheme');
		expect(scheme?.default).toBe('standardWebhooks');
		expect(scheme?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual([...signatureSchemes]);
	});

	it('hides secrets in the UI', () => {
		const secretFields = new OutboundSigningSecret().properties.filter((property) => ['secret', 'previousSecrets'].includes(property.name));
		expect(secretFields.map((property) => property.typeOptions?.password)).toEqual([true, true]);
	});
});
