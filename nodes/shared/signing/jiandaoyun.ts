import { createHash, randomUUID } from 'node:crypto';

import { anySignatureEquals } from './constantTime';
import { outgoingHeader, queryComponent, queryParameter, receivedHeader, withEncodedQuery, withHeaders } from './httpMessage';
import { newNonce } from './nonce';
import { readTimestamp, unixSeconds } from './timestampWindow';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';
import { malformedPart, missingPart, missingSecret, noSignatureMatched } from './verifyFailure';

/**
 * Jiandaoyun (简道云) data push (seed 001): `POST url?timestamp=<s>&nonce=<str>` with
 * `X-JDY-Signature: hex(sha1(utf8(nonce + ":" + body + ":" + secret + ":" + timestamp)))` and a
 * unique `X-JDY-DeliverId` per push. Jiandaoyun documents no clock tolerance; the timestamp is
 * checked against the caller's replay window like every other scheme.
 */

type JiandaoyunConfig = ConfigOf<'jiandaoyun'>;

export const headerNames = {
	signature: 'X-JDY-Signature',
	deliveryId: 'X-JDY-DeliverId',
} as const;

export const queryNames = { timestamp: 'timestamp', nonce: 'nonce' } as const;
const queryNameList = [queryNames.timestamp, queryNames.nonce];

/** The push signature: SHA-1 over the body bytes exactly as sent, never a re-encoding of them. */
export function jiandaoyunSignature(nonce: string, body: string | Buffer, secret: string, timestamp: string): string {
	const hash = createHash('sha1').update(`${nonce}:`, 'utf8');
	if (typeof body === 'string') hash.update(body, 'utf8');
	else hash.update(body);
	return hash.update(`:${secret}:${timestamp}`, 'utf8').digest('hex');
}

export function sign(request: OutgoingRequest, options: SignOptions<JiandaoyunConfig>): OutgoingRequest {
	const secret = options.secrets[0];
	if (secret === undefined) throw new Error('No signing secret is configured');
	const timestamp = String(unixSeconds(options.now));
	const nonce = options.nonce ?? newNonce();
	// Keep the deliver id across retries: it is the receiver's de-duplication key.
	const deliveryId = options.messageId ?? outgoingHeader(request, headerNames.deliveryId) ?? randomUUID();
	return {
		...request,
		// The names are plain words and the timestamp digits: only a caller's nonce may need encoding.
		url: withEncodedQuery(request.url, queryNameList, `${queryNames.timestamp}=${timestamp}&${queryNames.nonce}=${queryComponent(nonce)}`),
		headers: withHeaders(request.headers, [
			[headerNames.signature, jiandaoyunSignature(nonce, request.body, secret, timestamp)],
			[headerNames.deliveryId, deliveryId],
		]),
	};
}

export function verify(request: ReceivedRequest, options: VerifyOptions<JiandaoyunConfig>): VerifyResult {
	if (options.secrets.length === 0) return missingSecret();
	const signature = receivedHeader(request, headerNames.signature);
	const timestampText = queryParameter(request.url, queryNames.timestamp);
	const nonce = queryParameter(request.url, queryNames.nonce);
	if (!signature) return missingPart(`header ${headerNames.signature}`);
	if (!timestampText) return missingPart(`query parameter ${queryNames.timestamp}`);
	if (nonce === undefined) return missingPart(`query parameter ${queryNames.nonce}`);
	if (!/^[0-9a-fA-F]{40}$/.test(signature.trim())) {
		return malformedPart(`header ${headerNames.signature}`, '40 hexadecimal characters (SHA-1)');
	}
	const checked = readTimestamp(timestampText, `query parameter ${queryNames.timestamp}`, options);
	if ('failure' in checked) return checked.failure;

	const expected = options.secrets.map((secret) => jiandaoyunSignature(nonce, request.body, secret, timestampText));
	if (!anySignatureEquals([signature.trim().toLowerCase()], expected)) {
		return noSignatureMatched(`header ${headerNames.signature}`);
	}
	return { valid: true, deliveryId: receivedHeader(request, headerNames.deliveryId), timestamp: checked.seconds };
}
