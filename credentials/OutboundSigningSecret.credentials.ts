import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { signatureSchemes } from '../nodes/shared/signing/types';

/**
 * The signing secret shared with the other side: the scheme, the newest secret (it signs) and the
 * previous ones still accepted while a rotation is under way. Used by Sign Request, Send Outbound
 * Message (signs every attempt) and the trigger nodes (verify what arrives). Field names are read
 * by nodes/shared/signing/credentialConfig.ts.
 *
 * There is no remote endpoint to test a shared secret against, so instead of a `test` request the
 * nodes declare `testedBy: 'outboundSigningSecretTest'`: a local check that the secret is well
 * formed for the scheme and signs a sample request that then verifies.
 */

const schemeNames: Record<(typeof signatureSchemes)[number], { name: string; description: string }> = {
	standardWebhooks: {
		name: 'Standard Webhooks',
		description: 'webhook-id, webhook-timestamp and webhook-signature headers (standardwebhooks.com)',
	},
	jiandaoyun: {
		name: 'Jiandaoyun Push (简道云)',
		description: 'X-JDY-Signature: SHA-1 of nonce:body:secret:timestamp, timestamp and nonce in the query',
	},
	hesiSignKey: {
		name: 'Hesi signKey (合思)',
		description: 'The shared key itself travels in a header or a body field',
	},
	github: { name: 'GitHub Style', description: 'X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>' },
	stripe: { name: 'Stripe Style', description: 'Stripe-Signature: t=<timestamp>,v1=<hex HMAC-SHA256 of t.body>' },
	dingtalk: {
		name: 'DingTalk Robot (钉钉)',
		description: 'timestamp (ms) and sign query parameters, HMAC-SHA256 of timestamp\\nsecret',
	},
	feishu: {
		name: 'Feishu / Lark Bot (飞书)',
		description: 'timestamp and sign fields in the JSON body, HMAC-SHA256 keyed by timestamp\\nsecret',
	},
	customHmac: {
		name: 'Custom HMAC',
		description: 'Your own signed-string template, algorithm, encoding and placement',
	},
};

const forScheme = (...scheme: Array<(typeof signatureSchemes)[number]>) => ({ show: { scheme } });

const generateCommand = `node -e "console.log('whsec_'+require('crypto').randomBytes(24).toString('base64'))"`;

// The "-Api" / "API" naming rules are for credentials of a remote API. This is a secret shared with
// the other side of a webhook (like n8n's own Crypto node secrets): there is no API, and the name
// `outboundSigningSecret` is what the nodes of this package refer to.
// Sign Request lists this credential with `testedBy: 'outboundSigningSecretTest'`, but through
// actionNodeType() (nodes/shared/n8nActionNode.ts), which credential-test-required, reading only node
// classes with a literal description, cannot follow; test/unit/nodes/nodeDescriptions.test.ts checks it.
// eslint-disable-next-line n8n-nodes-base/cred-class-name-unsuffixed, @n8n/community-nodes/credential-test-required
export class OutboundSigningSecret implements ICredentialType {
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-name-unsuffixed
	name = 'outboundSigningSecret';

	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
	displayName = 'Outbound Signing Secret';

	icon = { light: 'file:outboundSigningSecret.svg', dark: 'file:outboundSigningSecret.dark.svg' } as const;

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-outbound-messages#sign-request';

	properties: INodeProperties[] = [
		{
			displayName: 'Scheme',
			name: 'scheme',
			type: 'options',
			default: 'standardWebhooks',
			description: 'How requests are signed and verified; both sides must use the same scheme',
			options: signatureSchemes.map((scheme) => ({ value: scheme, ...schemeNames[scheme] })),
		},
		{
			displayName: 'Variant',
			name: 'standardWebhooksVariant',
			type: 'options',
			default: 'v1',
			displayOptions: forScheme('standardWebhooks'),
			options: [
				{ name: 'V1 (HMAC-SHA256, Shared Secret)', value: 'v1', description: 'The common choice: both sides hold the same whsec_ secret' },
				{
					name: 'V1a (Ed25519, Key Pair)',
					value: 'v1a',
					description: 'The sender holds a private key (whsk_ or PEM), the receiver only the public key (whpk_ or PEM)',
				},
			],
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
			description:
				'The newest secret: it signs, and verifying accepts it. For Standard Webhooks v1a: the Ed25519 private key (whsk_ + base64 of the 32-byte seed, or a PKCS#8 PEM) to sign, or the public key (whpk_ + base64, or an SPKI PEM) to verify only.',
			hint: `Generate one with: ${generateCommand} (whsec_ + base64 of 24 random bytes). Copy the same value to the other side.`,
		},
		{
			displayName: 'Previous Secrets',
			name: 'previousSecrets',
			type: 'string',
			typeOptions: { password: true, rows: 3 },
			default: '',
			placeholder: 'whsec_… whsec_…',
			description:
				'Secrets that are being rotated out, newest first, separated by spaces or new lines. Verifying still accepts them; signing uses them only with "Sign With All Secrets".',
		},
		// A yes/no switch, not a secret: the rule matches "Secret" in its name.
		// eslint-disable-next-line @n8n/community-nodes/credential-password-field
		{
			displayName: 'Sign With All Secrets',
			name: 'signWithAllSecrets',
			type: 'boolean',
			default: false,
			description:
				'Whether to add one signature per secret (Standard Webhooks, Stripe and a custom HMAC header carry several), so receivers that still hold an older secret keep accepting messages during a rotation',
		},
		{
			displayName: 'Key Location',
			name: 'hesiLocation',
			type: 'options',
			default: 'header',
			displayOptions: forScheme('hesiSignKey'),
			options: [
				{ name: 'Header', value: 'header' },
				{ name: 'Body Field', value: 'body', description: 'A top-level field of the JSON body' },
			],
			description: 'Where the request carries the signKey, as set up in Hesi\'s outbound message settings',
		},
		{
			displayName: 'Key Name',
			name: 'hesiFieldName',
			type: 'string',
			default: 'signKey',
			displayOptions: forScheme('hesiSignKey'),
			description: 'Name of the header or body field that carries the key',
		},
		{
			displayName: 'Algorithm',
			name: 'customAlgorithm',
			type: 'options',
			default: 'sha256',
			displayOptions: forScheme('customHmac'),
			options: [
				{ name: 'HMAC-SHA1', value: 'sha1' },
				{ name: 'HMAC-SHA256', value: 'sha256' },
				{ name: 'HMAC-SHA512', value: 'sha512' },
			],
		},
		{
			displayName: 'Encoding',
			name: 'customEncoding',
			type: 'options',
			default: 'hex',
			displayOptions: forScheme('customHmac'),
			options: [
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
			],
		},
		{
			displayName: 'Signed String Template',
			name: 'customTemplate',
			type: 'string',
			default: '{timestamp}.{body}',
			required: true,
			displayOptions: forScheme('customHmac'),
			description:
				'The text that is signed. Placeholders: {ID}, {timestamp}, {nonce}, {body} (the exact body bytes), {method}, {path}. Write \\n in an expression for a line break.',
		},
		{
			displayName: 'Signature Placement',
			name: 'customPlacement',
			type: 'options',
			default: 'header',
			displayOptions: forScheme('customHmac'),
			options: [
				{ name: 'Header', value: 'header' },
				{ name: 'Query Parameter', value: 'query' },
			],
			description: 'Where the signature goes; the ID, timestamp and nonce the template uses go to the same place',
		},
		{
			displayName: 'Signature Header or Parameter Name',
			name: 'customName',
			type: 'string',
			default: 'X-Signature',
			required: true,
			displayOptions: forScheme('customHmac'),
		},
		{
			displayName: 'Signature Prefix',
			name: 'customPrefix',
			type: 'string',
			default: '',
			placeholder: 'sha256=',
			displayOptions: forScheme('customHmac'),
			description: 'Text written before the signature',
		},
		{
			displayName: 'Timestamp Unit',
			name: 'customTimestampUnit',
			type: 'options',
			default: 's',
			displayOptions: forScheme('customHmac'),
			options: [
				{ name: 'Seconds', value: 's' },
				{ name: 'Milliseconds', value: 'ms' },
			],
		},
		{
			displayName: 'ID Name',
			name: 'customIdName',
			type: 'string',
			default: '',
			placeholder: 'X-Webhook-Id',
			displayOptions: forScheme('customHmac'),
			description: 'Header or query parameter for {ID}. Default: X-Webhook-ID (header) or ID (query).',
		},
		{
			displayName: 'Timestamp Name',
			name: 'customTimestampName',
			type: 'string',
			default: '',
			placeholder: 'X-Webhook-Timestamp',
			displayOptions: forScheme('customHmac'),
			description: 'Header or query parameter for {timestamp}. Default: X-Webhook-Timestamp (header) or timestamp (query).',
		},
		{
			displayName: 'Nonce Name',
			name: 'customNonceName',
			type: 'string',
			default: '',
			placeholder: 'X-Webhook-Nonce',
			displayOptions: forScheme('customHmac'),
			description: 'Header or query parameter for {nonce}. Default: X-Webhook-Nonce (header) or nonce (query).',
		},
	];
}
