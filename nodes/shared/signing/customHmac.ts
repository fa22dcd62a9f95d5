import { createHmac, randomUUID, type Hmac } from 'node:crypto';

import { anySignatureEquals } from './constantTime';
import { type HeaderChange, outgoingHeader, queryParameter, receivedHeader, urlPath, withHeaders, withQueryParameters } from './httpMessage';
import { newNonce } from './nonce';
import { readTimestamp, unixSeconds } from './timestampWindow';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';
import { malformedPart, missingPart, missingSecret, noSignatureMatched } from './verifyFailure';

/**
 * Custom HMAC: the signed string is a template with `{id}`, `{timestamp}`, `{nonce}`, `{body}`,
 * `{method}` and `{path}` placeholders; the signature (hex or base64, optional prefix) goes in a
 * header or a query parameter, and the id, timestamp and nonce the template uses travel next to
 * it (same placement) under configurable names.
 */

type CustomHmacConfig = ConfigOf<'customHmac'>;

export const templatePlaceholders = ['id', 'timestamp', 'nonce', 'body', 'method', 'path'] as const;
type Placeholder = (typeof templatePlaceholders)[number];

type TemplatePart = { literal: string } | { placeholder: Placeholder };

// `{ID}` too: n8n's UI rules spell "ID" in capitals, so the credential's help text shows `{ID}`.
const placeholderPattern = /\{(id|ID|timestamp|nonce|body|method|path)\}/g;

/** The template as literal text and placeholders, in order. */
export function parseTemplate(template: string): TemplatePart[] {
	const parts: TemplatePart[] = [];
	let last = 0;
	for (const match of template.matchAll(placeholderPattern)) {
		const at = match.index ?? 0;
		if (at > last) parts.push({ literal: template.slice(last, at) });
		parts.push({ placeholder: (match[1] === 'ID' ? 'id' : match[1]) as Placeholder });
		last = at + match[0].length;
	}
	if (last < template.length) parts.push({ literal: template.slice(last) });
	return parts;
}

/** Default names for the values next to the signature: headers read like headers, query like query. */
export function carrierNames(config: CustomHmacConfig): { id: string; timestamp: string; nonce: string } {
	const header = config.placement === 'header';
	return {
		id: config.idName?.trim() || (header ? 'X-Webhook-Id' : 'id'),
		timestamp: config.timestampName?.trim() || (header ? 'X-Webhook-Timestamp' : 'timestamp'),
		nonce: config.nonceName?.trim() || (header ? 'X-Webhook-Nonce' : 'nonce'),
	};
}

type PlaceholderValues = Record<Exclude<Placeholder, 'body'>, string>;

/** Feeds the signed string to the HMAC; the body goes in as its own bytes, never re-encoded. */
function updateWithTemplate(hmac: Hmac, parts: TemplatePart[], values: PlaceholderValues, body: string | Buffer): void {
	for (const part of parts) {
		if ('literal' in part) hmac.update(part.literal, 'utf8');
		else if (part.placeholder !== 'body') hmac.update(values[part.placeholder], 'utf8');
		else if (typeof body === 'string') hmac.update(body, 'utf8');
		else hmac.update(body);
	}
}

export function customSignature(
	config: CustomHmacConfig,
	secret: string,
	parts: TemplatePart[],
	values: PlaceholderValues,
	body: string | Buffer,
): string {
	const hmac = createHmac(config.algorithm, secret);
	updateWithTemplate(hmac, parts, values, body);
	return hmac.digest(config.encoding);
}

function checkConfig(config: CustomHmacConfig): void {
	if (!['sha1', 'sha256', 'sha512'].includes(config.algorithm)) throw new Error(`Unsupported HMAC algorithm "${config.algorithm}": use sha1, sha256 or sha512`);
	if (!['hex', 'base64'].includes(config.encoding)) throw new Error(`Unsupported signature encoding "${config.encoding}": use hex or base64`);
	if (!config.name?.trim()) throw new Error('The custom HMAC scheme needs the name of the header or query parameter that carries the signature');
	if (!config.template) throw new Error('The custom HMAC scheme needs a template for the signed string, e.g. {timestamp}.{body}');
}

/** A checked configuration's template, the placeholders it signs, their carriers' names, and where they travel. */
function preparedConfig(config: CustomHmacConfig): { parts: TemplatePart[]; used: Set<string>; names: ReturnType<typeof carrierNames>; inHeader: boolean } {
	checkConfig(config);
	const parts = parseTemplate(config.template);
	const used = new Set<string>(parts.flatMap((part) => ('placeholder' in part ? [part.placeholder] : [])));
	return { parts, used, names: carrierNames(config), inHeader: config.placement === 'header' };
}

export function sign(request: OutgoingRequest, options: SignOptions<CustomHmacConfig>): OutgoingRequest {
	if (options.secrets.length === 0) throw new Error('No signing secret is configured');
	const config = options.config;
	const { parts, used, names, inHeader } = preparedConfig(config);
	const existingId = inHeader ? outgoingHeader(request, names.id) : queryParameter(request.url, names.id);
	const timestamp = config.timestampUnit === 'ms' ? String(Math.floor(options.now ?? Date.now())) : String(unixSeconds(options.now));
	const values: PlaceholderValues = {
		// Fresh randomness only for what the template signs: it is most of the cost of a small signature.
		id: options.messageId ?? existingId ?? (used.has('id') ? randomUUID() : ''),
		timestamp,
		nonce: options.nonce ?? (used.has('nonce') ? newNonce() : ''),
		method: request.method.toUpperCase(),
		path: urlPath(request.url),
	};
	// Query parameters carry one signature; a header carries one per active secret, space-separated.
	const active = options.signWithAll && inHeader ? options.secrets : options.secrets.slice(0, 1);
	const prefix = config.prefix ?? '';
	const signature = active.map((secret) => prefix + customSignature(config, secret, parts, values, request.body)).join(' ');

	const carried: HeaderChange[] = [[config.name.trim(), signature]];
	if (used.has('id')) carried.push([names.id, values.id]);
	if (used.has('timestamp')) carried.push([names.timestamp, values.timestamp]);
	if (used.has('nonce')) carried.push([names.nonce, values.nonce]);
	return inHeader
		? { ...request, headers: withHeaders(request.headers, carried) }
		: { ...request, url: withQueryParameters(request.url, carried) };
}

/** Signatures in a received value: each follows the prefix, or (without one) they are space/comma separated. */
function receivedSignatures(value: string, prefix: string, encoding: 'hex' | 'base64'): string[] {
	const pieces = prefix
		? value.split(prefix).slice(1).map((piece) => piece.replace(/[\s,]+$/, ''))
		: value.split(/[\s,]+/);
	return pieces.filter((piece) => piece !== '').map((piece) => (encoding === 'hex' ? piece.toLowerCase() : piece));
}

export function verify(request: ReceivedRequest, options: VerifyOptions<CustomHmacConfig>): VerifyResult {
	if (options.secrets.length === 0) return missingSecret();
	const config = options.config;
	const { parts, used, names, inHeader } = preparedConfig(config);
	const where = inHeader ? 'header' : 'query parameter';
	const read = (name: string): string | undefined => (inHeader ? receivedHeader(request, name) : queryParameter(request.url, name));

	const signatureName = config.name.trim();
	const value = read(signatureName);
	if (!value) return missingPart(`${where} ${signatureName}`);
	const received = receivedSignatures(value, config.prefix ?? '', config.encoding);
	if (received.length === 0) return malformedPart(`${where} ${signatureName}`, `${config.prefix ?? ''}<${config.encoding} signature>`);

	const values: PlaceholderValues = { id: '', timestamp: '', nonce: '', method: request.method.toUpperCase(), path: urlPath(request.url) };
	let timestampSeconds: number | undefined;
	for (const placeholder of ['id', 'timestamp', 'nonce'] as const) {
		if (!used.has(placeholder)) continue;
		const carried = read(names[placeholder]);
		if (carried === undefined || carried === '') return missingPart(`${where} ${names[placeholder]}`);
		values[placeholder] = carried;
	}
	if (used.has('timestamp')) {
		const checked = readTimestamp(values.timestamp, `${where} ${names.timestamp}`, options, config.timestampUnit ?? 's');
		if ('failure' in checked) return checked.failure;
		timestampSeconds = checked.seconds;
	}
	const expected = options.secrets.map((secret) => customSignature(config, secret, parts, values, request.body));
	if (!anySignatureEquals(received, expected)) return noSignatureMatched(`${where} ${signatureName}`);
	return { valid: true, deliveryId: used.has('id') ? values.id : undefined, timestamp: timestampSeconds };
}
