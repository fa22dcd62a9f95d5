import fc from 'fast-check';

import { signRequest, verifyRequest } from '../../../../nodes/shared/signing';
import type { OutgoingRequest, ReceivedRequest, SchemeConfig } from '../../../../nodes/shared/signing/types';

/**
 * For every scheme: what we sign, we verify (any body, any secret); change one byte of the body, the
 * timestamp or the signature and verification fails.
 */

interface SchemeCase {
	config: SchemeConfig;
	/** Body-carrying schemes need a JSON object body. */
	jsonBody: boolean;
	/** The signature covers the body (Feishu and Hesi do not: they sign only time / carry a key). */
	signsBody: boolean;
	/** Where the timestamp travels, when the scheme has one. */
	timestamp?: { where: 'header' | 'query' | 'body' | 'stripe'; name: string };
	/** Where the signature travels. */
	signature: { where: 'header' | 'query' | 'body'; name: string };
	/** Secret generator: Standard Webhooks v1 wants base64 key bytes, the others any text. */
	secret: fc.Arbitrary<string>;
}

const textSecret = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 64 }).filter((s) => s.trim() === s && s.length > 0);
const whsecSecret = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => 'whsec_' + Buffer.from(bytes).toString('base64'));
const ed25519Seed = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => 'whsk_' + Buffer.from(bytes).toString('base64'));

const cases: SchemeCase[] = [
	{
		config: { scheme: 'standardWebhooks' },
		jsonBody: false,
		signsBody: true,
		timestamp: { where: 'header', name: 'webhook-timestamp' },
		signature: { where: 'header', name: 'webhook-signature' },
		secret: whsecSecret,
	},
	{
		config: { scheme: 'standardWebhooks', variant: 'v1a' },
		jsonBody: false,
		signsBody: true,
		timestamp: { where: 'header', name: 'webhook-timestamp' },
		signature: { where: 'header', name: 'webhook-signature' },
		secret: ed25519Seed,
	},
	{
		config: { scheme: 'jiandaoyun' },
		jsonBody: false,
		signsBody: true,
		timestamp: { where: 'query', name: 'timestamp' },
		signature: { where: 'header', name: 'x-jdy-signature' },
		secret: textSecret,
	},
	{
		config: { scheme: 'hesiSignKey', location: 'header' },
		jsonBody: false,
		signsBody: false,
		signature: { where: 'header', name: 'signkey' },
		secret: textSecret.filter((s) => /^[\x21-\x7e]+$/.test(s)),
	},
	{
		config: { scheme: 'hesiSignKey', location: 'body', name: 'signKey' },
		jsonBody: true,
		signsBody: false,
		signature: { where: 'body', name: 'signKey' },
		secret: textSecret,
	},
	{ config: { scheme: 'github' }, jsonBody: false, signsBody: true, signature: { where: 'header', name: 'x-hub-signature-256' }, secret: textSecret },
	{
		config: { scheme: 'stripe' },
		jsonBody: false,
		signsBody: true,
		timestamp: { where: 'stripe', name: 'stripe-signature' },
		signature: { where: 'header', name: 'stripe-signature' },
		secret: textSecret,
	},
	{
		config: { scheme: 'dingtalk' },
		jsonBody: false,
		signsBody: false,
		timestamp: { where: 'query', name: 'timestamp' },
		signature: { where: 'query', name: 'sign' },
		secret: textSecret,
	},
	{
		config: { scheme: 'feishu' },
		jsonBody: true,
		signsBody: false,
		timestamp: { where: 'body', name: 'timestamp' },
		signature: { where: 'body', name: 'sign' },
		secret: textSecret,
	},
	{
		config: {
			scheme: 'customHmac',
			algorithm: 'sha256',
			encoding: 'base64',
			template: '{id}.{timestamp}.{nonce}.{method}.{path}.{body}',
			placement: 'header',
			name: 'X-Signature',
			prefix: 'v1=',
		},
		jsonBody: false,
		signsBody: true,
		timestamp: { where: 'header', name: 'x-webhook-timestamp' },
		signature: { where: 'header', name: 'x-signature' },
		secret: textSecret,
	},
	{
		config: {
			scheme: 'customHmac',
			algorithm: 'sha1',
			encoding: 'hex',
			template: '{timestamp}:{body}',
			placement: 'query',
			name: 'sig',
			timestampUnit: 'ms',
		},
		jsonBody: false,
		signsBody: true,
		timestamp: { where: 'query', name: 'timestamp' },
		signature: { where: 'query', name: 'sig' },
		secret: textSecret,
	},
];

const anyText = fc.oneof(
	fc.constant(''),
	fc.string({ unit: 'grapheme', maxLength: 200 }),
	fc.string({ unit: 'binary', maxLength: 200 }),
	// Large bodies (up to 256 KiB), sampled rarely to keep the run short.
	fc.integer({ min: 64 * 1024, max: 256 * 1024 }).map((size) => 'é中😀x'.repeat(Math.ceil(size / 8)).slice(0, size)),
);
const jsonObjectBody = fc
	.dictionary(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })
	.map((object) => JSON.stringify(object));

const now = 1_700_000_000_000;

function receivedFrom(request: OutgoingRequest): ReceivedRequest {
	const url = new URL(request.url);
	return {
		method: request.method,
		url: url.pathname + url.search,
		headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key.toLowerCase(), value])),
		body: Buffer.from(request.body, 'utf8'),
	};
}

/** Changes one character of a query parameter's value in a path+query URL. */
function mutateQuery(url: string, name: string, mutate: (value: string) => string): string {
	const [path, query] = url.split('?');
	const params = new URLSearchParams(query);
	params.set(name, mutate(params.get(name) ?? ''));
	return `${path}?${params.toString()}`;
}

/**
 * Replaces the character at `index` (mod length) with another one that differs even ignoring case
 * (hex signatures are compared case-insensitively, so a/A would be no change at all).
 */
function changeOneCharacter(value: string, index: number): string {
	if (value.length === 0) return 'x';
	const at = index % value.length;
	const char = value[at];
	const replacement = /[0-9]/.test(char) ? (char === '0' ? '1' : '0') : char.toLowerCase() === 'a' ? 'b' : 'a';
	return value.slice(0, at) + replacement + value.slice(at + 1);
}

function mutateBodyField(body: Buffer, name: string, mutate: (value: string) => string): Buffer {
	const object = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
	object[name] = mutate(String(object[name]));
	return Buffer.from(JSON.stringify(object), 'utf8');
}

function mutatePart(request: ReceivedRequest, part: { where: string; name: string }, mutate: (value: string) => string): ReceivedRequest {
	switch (part.where) {
		case 'header':
			return { ...request, headers: { ...request.headers, [part.name]: mutate(String(request.headers[part.name])) } };
		case 'query':
			return { ...request, url: mutateQuery(request.url, part.name, mutate) };
		case 'body':
			return { ...request, body: mutateBodyField(request.body, part.name, mutate) };
		default: {
			// Stripe: change the digits of t= inside the header.
			const header = String(request.headers[part.name]);
			return { ...request, headers: { ...request.headers, [part.name]: header.replace(/t=(\d+)/, (_, t: string) => `t=${mutate(t)}`) } };
		}
	}
}

describe.each(cases.map((c) => [c.config.scheme + ('variant' in c.config && c.config.variant ? ` ${c.config.variant}` : '') + ('placement' in c.config ? ` in ${c.config.placement}` : '') + ('location' in c.config ? ` in ${c.config.location}` : ''), c] as const))(
	'%s',
	(_name, scheme) => {
		const body = scheme.jsonBody ? jsonObjectBody : anyText;
		const numRuns = 60;

		it('verifies what it signed for any body and secret', () => {
			fc.assert(
				fc.property(body, scheme.secret, (text, secret) => {
					const signed = signRequest({ method: 'POST', url: 'https://example.com/in/x?q=1', headers: {}, body: text }, { config: scheme.config, secrets: [secret], now });
					expect(verifyRequest(receivedFrom(signed), { config: scheme.config, secrets: [secret], now })).toMatchObject({ valid: true });
				}),
				{ numRuns },
			);
		});

		it('fails when the signature changes by one character', () => {
			fc.assert(
				fc.property(body, scheme.secret, fc.nat(), (text, secret, index) => {
					const signed = signRequest({ method: 'POST', url: 'https://example.com/in', headers: {}, body: text }, { config: scheme.config, secrets: [secret], now });
					const changed = mutatePart(receivedFrom(signed), scheme.signature, (value) => {
						// Change a character of the signature itself, not of its "v1," / "sha256=" label.
						const label = /^(v1a?,|sha256=|v1=|t=\d+,v1=)/.exec(value)?.[0] ?? '';
						return label + changeOneCharacter(value.slice(label.length), index);
					});
					expect(verifyRequest(changed, { config: scheme.config, secrets: [secret], now }).valid).toBe(false);
				}),
				{ numRuns },
			);
		});

		it('fails when verified with a different secret', () => {
			fc.assert(
				fc.property(body, scheme.secret, scheme.secret, (text, secret, other) => {
					fc.pre(secret !== other);
					const signed = signRequest({ method: 'POST', url: 'https://example.com/in', headers: {}, body: text }, { config: scheme.config, secrets: [secret], now });
					expect(verifyRequest(receivedFrom(signed), { config: scheme.config, secrets: [other], now }).valid).toBe(false);
				}),
				{ numRuns },
			);
		});

		if (scheme.signsBody) {
			it('fails when one byte of the body changes', () => {
				fc.assert(
					fc.property(body, scheme.secret, fc.nat(), fc.integer({ min: 1, max: 255 }), (text, secret, index, xor) => {
						const signed = signRequest({ method: 'POST', url: 'https://example.com/in', headers: {}, body: text }, { config: scheme.config, secrets: [secret], now });
						const request = receivedFrom(signed);
						// An empty body gets one byte added instead.
						const changed = request.body.length === 0 ? Buffer.from([xor]) : Buffer.from(request.body);
						if (request.body.length > 0) changed[index % changed.length] ^= xor;
						expect(verifyRequest({ ...request, body: changed }, { config: scheme.config, secrets: [secret], now }).valid).toBe(false);
					}),
					{ numRuns },
				);
			});
		}

		if (scheme.timestamp) {
			const timestamp = scheme.timestamp;
			it('fails when the timestamp changes, even by one second inside the window', () => {
				fc.assert(
					fc.property(body, scheme.secret, fc.integer({ min: 1, max: 100 }), (text, secret, delta) => {
						const signed = signRequest({ method: 'POST', url: 'https://example.com/in', headers: {}, body: text }, { config: scheme.config, secrets: [secret], now });
						const unit = ('timestampUnit' in scheme.config && scheme.config.timestampUnit === 'ms') || scheme.config.scheme === 'dingtalk' ? 1000 : 1;
						const changed = mutatePart(receivedFrom(signed), timestamp, (value) => String(Number(value) + delta * unit));
						expect(verifyRequest(changed, { config: scheme.config, secrets: [secret], now }).valid).toBe(false);
					}),
					{ numRuns },
				);
			});
		}
	},
);
