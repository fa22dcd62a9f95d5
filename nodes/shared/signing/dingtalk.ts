import { createHmac } from 'node:crypto';

import { anySignatureEquals } from './constantTime';
import { queryParameter, receivedHeader, withQueryParameters } from './httpMessage';
import { readTimestamp } from './timestampWindow';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';
import { missingPart, missingSecret, noSignatureMatched } from './verifyFailure';

/**
 * DingTalk custom robot "加签" (open.dingtalk.com, custom robot security settings):
 * `timestamp` in ms and `sign = urlEncode(base64(HmacSHA256(key = secret, timestamp + "\n" + secret)))`
 * as query parameters of the webhook URL. DingTalk accepts one hour of skew; here the caller's
 * tolerance applies. DingTalk's outgoing (callback) robot sends the same pair as `timestamp` and
 * `sign` headers, which verify also reads.
 */

type DingtalkConfig = ConfigOf<'dingtalk'>;

export const parameterNames = { timestamp: 'timestamp', sign: 'sign' } as const;

/** The base64 signature before URL encoding. */
export function dingtalkSignature(secret: string, timestampMs: string): string {
	return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export function sign(request: OutgoingRequest, options: SignOptions<DingtalkConfig>): OutgoingRequest {
	const secret = options.secrets[0];
	if (secret === undefined) throw new Error('No signing secret is configured');
	const timestamp = String(Math.floor(options.now ?? Date.now()));
	return {
		...request,
		url: withQueryParameters(request.url, [
			[parameterNames.timestamp, timestamp],
			[parameterNames.sign, dingtalkSignature(secret, timestamp)],
		]),
	};
}

export function verify(request: ReceivedRequest, options: VerifyOptions<DingtalkConfig>): VerifyResult {
	if (options.secrets.length === 0) return missingSecret();
	const fromQuery = queryParameter(request.url, parameterNames.sign) !== undefined;
	const read = (name: string): string | undefined =>
		fromQuery ? queryParameter(request.url, name) : receivedHeader(request, name);
	const where = fromQuery ? 'query parameter' : 'header';
	const received = read(parameterNames.sign);
	const timestampText = read(parameterNames.timestamp);
	if (!received) return missingPart(`${parameterNames.sign} (query parameter or header)`);
	if (!timestampText) return missingPart(`${where} ${parameterNames.timestamp}`);
	const checked = readTimestamp(timestampText, `${where} ${parameterNames.timestamp}`, options, 'ms');
	if ('failure' in checked) return checked.failure;
	const expected = options.secrets.map((secret) => dingtalkSignature(secret, timestampText.trim()));
	if (!anySignatureEquals([received], expected)) return noSignatureMatched(`${where} ${parameterNames.sign}`);
	return { valid: true, timestamp: checked.seconds };
}
