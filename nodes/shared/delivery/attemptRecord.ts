import { createHash } from 'node:crypto';

import { type SecretRedactor, isSecretHeader, maskHeaders, maskSecretValue, maskUrl } from './secretMasking';
import type { AttemptRequestRecord, AttemptResponseRecord, DeliveryRequest, ResponseHeaders } from './types';

/**
 * One attempt as the delivery record keeps it (DESIGN.md §6): the request with secrets masked, and
 * the response. How much of the bodies is kept is the caller's `RecordDetail`: all of it (up to
 * `recordBodyLimitBytes`) on the Failure output, where the user needs it; elsewhere a response
 * excerpt, and the request body only when the item does not carry it already.
 */

/** The most of a body (request or response) any record keeps, as DESIGN.md §6 fixes. */
export const recordBodyLimitBytes = 64 * 1024;

/** Send Outbound Message's default response excerpt (its Options → Response Excerpt Size). */
export const defaultResponseExcerptBytes = 512;

/**
 * How much a record keeps of an attempt that did not end on the Failure output. Absent (a
 * caller that wants every record whole): as on Failure.
 */
export interface RecordDetail {
	/** Bytes of each response body kept. */
	responseExcerptBytes: number;
	/**
	 * The request body the item itself carries (its `request.body`, or its JSON): left out of the
	 * record, which keeps its length and SHA-256 instead. Undefined when the body came from elsewhere.
	 */
	itemBody?: string;
}

/**
 * The largest `n <= end` such that `bytes[0, n)` ends on a whole UTF-8 character: a read cut at a
 * byte limit may end inside a multi-byte character, which would decode as U+FFFD.
 */
function wholeCharactersEnd(bytes: Buffer, end: number): number {
	let lead = end;
	while (lead > 0 && end - lead < 4 && (bytes[lead - 1] & 0xc0) === 0x80) lead--;
	if (lead === 0) return end;
	const first = bytes[lead - 1];
	const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
	return end - (lead - 1) >= length ? end : lead - 1;
}

/**
 * At most `limitBytes` of `bytes` as UTF-8 text. `cut` says the bytes themselves are the start of
 * a longer body, so their end may split a character too.
 */
export function textPrefix(bytes: Buffer, limitBytes: number, cut = false): string {
	if (bytes.length <= limitBytes && !cut) return bytes.toString('utf8');
	return bytes.toString('utf8', 0, wholeCharactersEnd(bytes, Math.min(limitBytes, bytes.length)));
}

/** `text` cut to at most `limitBytes` of UTF-8. */
export function truncateText(text: string, limitBytes: number): { text: string; truncated: boolean } {
	// A UTF-16 code unit is at most 3 UTF-8 bytes: short texts need no byte count.
	if (text.length * 3 <= limitBytes) return { text, truncated: false };
	const bytes = Buffer.from(text, 'utf8');
	if (bytes.length <= limitBytes) return { text, truncated: false };
	return { text: textPrefix(bytes, limitBytes), truncated: true };
}

/** SHA-256 (hex) of the UTF-8 bytes of `text`: the bytes undici puts on the wire for a text body. */
export function bodySha256(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

function redactValues<T extends string | string[]>(headers: Record<string, T>, redact: SecretRedactor): Record<string, T> {
	const redacted: Record<string, T> = {};
	for (const name in headers) {
		const value = headers[name];
		redacted[name] = (Array.isArray(value) ? value.map(redact) : redact(value as string)) as T;
	}
	return redacted;
}

/**
 * The request as recorded: secret-bearing headers and query values masked, and `redact`'s values
 * wherever they occur. `bodyBytes` and `bodySha256` describe the bytes sent (before any redaction);
 * the body text is left out (null, `truncated`) when `leaveOutBody` is the very text sent.
 */
export function recordRequest(request: DeliveryRequest, redact?: SecretRedactor, leaveOutBody?: string): AttemptRequestRecord {
	const sent = request.body;
	const leftOut = sent !== undefined && sent !== '' && sent === leaveOutBody;
	const text = sent === undefined || leftOut || !redact ? sent : redact(sent);
	const body = text === undefined || leftOut ? undefined : truncateText(text, recordBodyLimitBytes);
	const url = maskUrl(request.url);
	const headers = maskHeaders(request.headers);
	return {
		method: request.method,
		url: redact ? redact(url) : url,
		headers: redact ? redactValues(headers, redact) : headers,
		body: body?.text ?? null,
		truncated: leftOut || (body?.truncated ?? false),
		bodyBytes: sent === undefined ? 0 : Buffer.byteLength(sent, 'utf8'),
		bodySha256: sent === undefined ? null : bodySha256(sent),
	};
}

/** Connection-level headers (RFC 9110 §7.6.1): they say nothing about the message, so the record leaves them out. */
const hopByHopHeaders = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);

/** The response headers as recorded: secrets masked, hop-by-hop headers left out. */
export function recordResponseHeaders(headers: ResponseHeaders): ResponseHeaders {
	const recorded: ResponseHeaders = {};
	for (const name in headers) {
		if (hopByHopHeaders.has(name)) continue;
		const value = headers[name];
		if (!isSecretHeader(name)) recorded[name] = value;
		else recorded[name] = Array.isArray(value) ? value.map((one) => maskSecretValue(name, one)) : maskSecretValue(name, value);
	}
	return recorded;
}

/**
 * `redact`, when given, replaces known secret values a target echoed back. `bodyBytes`: the body's
 * length as received (omitted by callers that record a text they did not receive).
 */
export function recordResponse(
	status: number,
	headers: ResponseHeaders,
	bodyText: string,
	truncated: boolean,
	redact?: SecretRedactor,
	bodyBytes?: number,
): AttemptResponseRecord {
	const recordedHeaders = recordResponseHeaders(headers);
	const bytes = bodyBytes === undefined ? {} : { bodyBytes };
	if (!redact) return { status, headers: recordedHeaders, body: bodyText, truncated, ...bytes };
	return { status, headers: redactValues(recordedHeaders, redact), body: redact(bodyText), truncated, ...bytes };
}

/** A response as the HTTP client read it: at most its body limit of the body, and the body's full length. */
export interface ReceivedBody {
	status: number;
	headers: ResponseHeaders;
	body: Buffer;
	bodyBytes: number;
}

/** The response record keeping at most `limitBytes` of the body. */
export function recordReceived(received: ReceivedBody, limitBytes: number, redact?: SecretRedactor): AttemptResponseRecord {
	const text = textPrefix(received.body, limitBytes, received.bodyBytes > received.body.length);
	return recordResponse(received.status, received.headers, text, received.bodyBytes > limitBytes, redact, received.bodyBytes);
}
