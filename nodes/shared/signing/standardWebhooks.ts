import { createHmac, createPrivateKey, createPublicKey, randomUUID, sign as ed25519Sign, verify as ed25519Verify, type KeyObject } from 'node:crypto';

import { anySignatureEquals } from './constantTime';
import { outgoingHeader, receivedHeader, withHeaders } from './httpMessage';
import { assertStrictBase64, decodeBase64Secret, isStrictBase64 } from './secretEncoding';
import { readTimestamp, unixSeconds } from './timestampWindow';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';
import { malformedPart, missingPart, missingSecret, noSignatureMatched } from './verifyFailure';

/**
 * Standard Webhooks (https://www.standardwebhooks.com, spec/standard-webhooks.md):
 * `webhook-id`, `webhook-timestamp` (s) and `webhook-signature`, a space-separated list of
 * `v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>` (symmetric) or
 * `v1a,<base64 Ed25519 signature of the same content>` (asymmetric).
 */

type StandardWebhooksConfig = ConfigOf<'standardWebhooks'>;

export const headerNames = {
	id: 'webhook-id',
	timestamp: 'webhook-timestamp',
	signature: 'webhook-signature',
} as const;

const symmetricPrefix = 'whsec_';
const privateKeyPrefix = 'whsk_';
const publicKeyPrefix = 'whpk_';

/** An HMAC key as text plus the encoding that turns it into the key bytes. */
export interface HmacKey {
	text: string;
	encoding: 'base64' | 'utf8';
}

/**
 * The HMAC key of a `v1` secret. Like the official libraries: `whsec_` is stripped and the rest
 * base64-decoded; an unprefixed secret is base64-decoded too when it is valid base64 (the
 * libraries' default), otherwise its UTF-8 bytes are the key (a "raw" secret). The key stays
 * text for node:crypto to decode: an HMAC keyed by a Buffer is several times slower in Node 24
 * than one keyed by a string (bench/signing).
 */
export function symmetricKey(secret: string): HmacKey {
	let key: HmacKey;
	if (secret.startsWith(symmetricPrefix)) {
		const text = secret.slice(symmetricPrefix.length);
		assertStrictBase64(text, 'The secret after "whsec_"');
		key = { text, encoding: 'base64' };
	} else if (isStrictBase64(secret)) {
		key = { text: secret, encoding: 'base64' };
	} else {
		key = { text: secret, encoding: 'utf8' };
	}
	if (key.text.length === 0) throw new Error('The signing secret is empty');
	return key;
}

/** The key bytes of a `v1` secret (for callers outside the hot path, e.g. tests). */
export function symmetricKeyBytes(secret: string): Buffer {
	const key = symmetricKey(secret);
	return Buffer.from(key.text, key.encoding);
}

// PKCS#8 / SPKI DER headers for a raw 32-byte Ed25519 key (RFC 8410), so Node's crypto can load it.
const pkcs8Ed25519Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
const spkiEd25519Prefix = Buffer.from('302a300506032b6570032100', 'hex');

function isPem(secret: string): boolean {
	return secret.trimStart().startsWith('-----BEGIN');
}

function privateKeyFromSeed(seed: Buffer): KeyObject {
	// A 64-byte key is libsodium's seed || public key; the seed is what signs.
	const raw = seed.length === 64 ? seed.subarray(0, 32) : seed;
	if (raw.length !== 32) throw new Error('An Ed25519 private key (whsk_) must decode to 32 bytes');
	return createPrivateKey({ key: Buffer.concat([pkcs8Ed25519Prefix, raw]), format: 'der', type: 'pkcs8' });
}

/**
 * The Ed25519 key of a `v1a` secret: `whsk_<base64 32-byte seed>` (the spec's secret key, as the
 * Go reference library reads it), `whpk_<base64 32-byte public key>`, a PKCS#8 / SPKI PEM, or an
 * unprefixed base64 seed. Returns the private key when there is one.
 */
export function asymmetricKey(secret: string): { privateKey?: KeyObject; publicKey: KeyObject } {
	const text = secret.trim();
	if (isPem(text)) {
		if (text.includes('PRIVATE KEY')) {
			const privateKey = createPrivateKey(text);
			if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The PEM private key is not an Ed25519 key');
			return { privateKey, publicKey: createPublicKey(privateKey) };
		}
		const publicKey = createPublicKey(text);
		if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('The PEM public key is not an Ed25519 key');
		return { publicKey };
	}
	if (text.startsWith(publicKeyPrefix)) {
		const raw = decodeBase64Secret(text.slice(publicKeyPrefix.length), 'The key after "whpk_"');
		if (raw.length !== 32) throw new Error('An Ed25519 public key (whpk_) must decode to 32 bytes');
		return { publicKey: createPublicKey({ key: Buffer.concat([spkiEd25519Prefix, raw]), format: 'der', type: 'spki' }) };
	}
	const seedText = text.startsWith(privateKeyPrefix) ? text.slice(privateKeyPrefix.length) : text;
	const privateKey = privateKeyFromSeed(decodeBase64Secret(seedText, 'The Ed25519 private key (whsk_)'));
	return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** createHmac option for a key given as base64 text (a constant: no allocation per signature). */
const base64Key = { encoding: 'base64' } as const;

function signedContentPrefix(messageId: string, timestamp: number): string {
	return `${messageId}.${timestamp}.`;
}

function hmacSignature(key: HmacKey, prefix: string, body: string | Buffer): string {
	const hmac = (key.encoding === 'utf8' ? createHmac('sha256', key.text) : createHmac('sha256', key.text, base64Key)).update(prefix, 'utf8');
	if (typeof body === 'string') hmac.update(body, 'utf8');
	else hmac.update(body);
	return hmac.digest('base64');
}

/** Signatures (without version) for every secret, in order. */
function signatures(
	variant: 'v1' | 'v1a',
	secrets: string[],
	prefix: string,
	body: string,
): string[] {
	if (variant === 'v1') {
		const result: string[] = [];
		for (const secret of secrets) result.push(`v1,${hmacSignature(symmetricKey(secret), prefix, body)}`);
		return result;
	}
	const content = Buffer.from(prefix + body, 'utf8');
	return secrets.map((secret) => {
		const { privateKey } = asymmetricKey(secret);
		if (!privateKey) throw new Error('Signing with v1a needs an Ed25519 private key (whsk_ or PEM), not a public key');
		return `v1a,${ed25519Sign(null, content, privateKey).toString('base64')}`;
	});
}

/** A new message id in the `msg_…` style the spec's examples use. */
export function newMessageId(): string {
	return `msg_${randomUUID().replace(/-/g, '')}`;
}

export function sign(request: OutgoingRequest, options: SignOptions<StandardWebhooksConfig>): OutgoingRequest {
	if (options.secrets.length === 0) throw new Error('No signing secret is configured');
	// A retry re-signs the same request: keep its webhook-id so the receiver can de-duplicate.
	const messageId = options.messageId ?? outgoingHeader(request, headerNames.id) ?? newMessageId();
	// Spec: "not be allowed to include any `.`", else id and timestamp could be shifted into each other.
	if (messageId.includes('.')) throw new Error('The message id must not contain "." (Standard Webhooks signs id.timestamp.body)');
	if (messageId.includes('\n') || messageId.includes('\r')) throw new Error('The message id must not contain line breaks');
	const timestamp = unixSeconds(options.now);
	const prefix = signedContentPrefix(messageId, timestamp);
	const variant = options.config.variant ?? 'v1';
	const signature =
		// The common case (one v1 secret) without intermediate arrays: it is the hot path of every delivery.
		variant === 'v1' && (!options.signWithAll || options.secrets.length === 1)
			? `v1,${hmacSignature(symmetricKey(options.secrets[0]), prefix, request.body)}`
			: signatures(variant, options.signWithAll ? options.secrets : options.secrets.slice(0, 1), prefix, request.body).join(' ');
	return {
		...request,
		headers: withHeaders(request.headers, [
			[headerNames.id, messageId],
			[headerNames.timestamp, String(timestamp)],
			[headerNames.signature, signature],
		]),
	};
}

export function verify(request: ReceivedRequest, options: VerifyOptions<StandardWebhooksConfig>): VerifyResult {
	if (options.secrets.length === 0) return missingSecret();
	const messageId = receivedHeader(request, headerNames.id);
	const timestampText = receivedHeader(request, headerNames.timestamp);
	const signatureHeader = receivedHeader(request, headerNames.signature);
	if (!messageId) return missingPart(`header ${headerNames.id}`);
	if (!timestampText) return missingPart(`header ${headerNames.timestamp}`);
	if (!signatureHeader) return missingPart(`header ${headerNames.signature}`);

	const checked = readTimestamp(timestampText, `header ${headerNames.timestamp}`, options);
	if ('failure' in checked) return checked.failure;

	const variant = options.config.variant ?? 'v1';
	const received = signatureHeader
		.split(' ')
		.map((entry) => {
			const commaAt = entry.indexOf(',');
			return commaAt === -1 ? undefined : { version: entry.slice(0, commaAt), signature: entry.slice(commaAt + 1) };
		})
		.filter((entry): entry is { version: string; signature: string } => entry !== undefined);
	if (received.length === 0) {
		return malformedPart(`header ${headerNames.signature}`, 'space-separated "v1,<base64>" entries');
	}
	const candidates = received.filter((entry) => entry.version === variant).map((entry) => entry.signature);
	const prefix = signedContentPrefix(messageId, checked.seconds);

	let matched = false;
	if (variant === 'v1') {
		const expected = options.secrets.map((secret) => hmacSignature(symmetricKey(secret), prefix, request.body));
		matched = anySignatureEquals(candidates, expected);
	} else {
		const content = Buffer.concat([Buffer.from(prefix, 'utf8'), request.body]);
		const keys = options.secrets.map((secret) => asymmetricKey(secret).publicKey);
		for (const candidate of candidates) {
			if (!isStrictBase64(candidate)) continue;
			const signature = Buffer.from(candidate, 'base64');
			// Canonical encoding only: Node ignores the unused low bits of the last base64 character,
			// so without this check several header values would carry the same accepted signature.
			if (signature.length !== 64 || signature.toString('base64') !== candidate) continue;
			for (const key of keys) if (ed25519Verify(null, content, key, signature)) matched = true;
		}
	}
	if (!matched) return noSignatureMatched(`header ${headerNames.signature}`);
	return { valid: true, deliveryId: messageId, timestamp: checked.seconds };
}
