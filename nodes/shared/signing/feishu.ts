import { createHmac } from 'node:crypto';

import { anySignatureEquals } from './constantTime';
import { jsonField, parseJsonObject, withJsonFields } from './jsonBodyFields';
import { readTimestamp, unixSeconds } from './timestampWindow';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';
import { malformedPart, missingPart, missingSecret, noSignatureMatched } from './verifyFailure';

/**
 * Feishu / Lark custom bot "签名校验" (open.feishu.cn, custom bot guide): `timestamp` in seconds,
 * `sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = empty))`, both as strings in
 * the JSON body next to `msg_type`. The signature does not cover the body. Feishu accepts one hour
 * of skew; here the caller's tolerance applies.
 */

type FeishuConfig = ConfigOf<'feishu'>;

export const fieldNames = { timestamp: 'timestamp', sign: 'sign' } as const;

export function feishuSignature(secret: string, timestampSeconds: string): string {
	return createHmac('sha256', `${timestampSeconds}\n${secret}`).digest('base64');
}

export function sign(request: OutgoingRequest, options: SignOptions<FeishuConfig>): OutgoingRequest {
	const secret = options.secrets[0];
	if (secret === undefined) throw new Error('No signing secret is configured');
	const timestamp = String(unixSeconds(options.now));
	return {
		...request,
		body: withJsonFields(request.body, {
			[fieldNames.timestamp]: timestamp,
			[fieldNames.sign]: feishuSignature(secret, timestamp),
		}),
	};
}

export function verify(request: ReceivedRequest, options: VerifyOptions<FeishuConfig>): VerifyResult {
	if (options.secrets.length === 0) return missingSecret();
	const parsed = parseJsonObject(request.body.toString('utf8'));
	if ('error' in parsed) return malformedPart('body', `a JSON object with timestamp and sign (${parsed.error})`);
	const received = jsonField(parsed.object, fieldNames.sign);
	const timestampText = jsonField(parsed.object, fieldNames.timestamp);
	if (!received) return missingPart(`body field ${fieldNames.sign}`);
	if (!timestampText) return missingPart(`body field ${fieldNames.timestamp}`);
	const checked = readTimestamp(timestampText, `body field ${fieldNames.timestamp}`, options);
	if ('failure' in checked) return checked.failure;
	const expected = options.secrets.map((secret) => feishuSignature(secret, timestampText.trim()));
	if (!anySignatureEquals([received], expected)) return noSignatureMatched(`body field ${fieldNames.sign}`);
	return { valid: true, timestamp: checked.seconds };
}
