import { anySignatureEquals } from './constantTime';
import { receivedHeader, withHeaders } from './httpMessage';
import { jsonField, parseJsonObject, withJsonFields } from './jsonBodyFields';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';
import { malformedPart, missingPart, missingSecret, verifyFailure } from './verifyFailure';

/**
 * Hesi (合思, Ekuaibao) outbound messages (seed 000 "签名秘钥"): the signing secret is a shared key
 * (`signKey`) issued by Hesi, carried as configured in a header or a top-level body field. There is
 * no HMAC: possession of the key is the proof, so it is compared in constant time.
 */

type HesiSignKeyConfig = ConfigOf<'hesiSignKey'>;

export const defaultKeyName = 'signKey';

function keyName(config: HesiSignKeyConfig): string {
	return config.name?.trim() || defaultKeyName;
}

export function sign(request: OutgoingRequest, options: SignOptions<HesiSignKeyConfig>): OutgoingRequest {
	const secret = options.secrets[0];
	if (secret === undefined) throw new Error('No signing secret is configured');
	const name = keyName(options.config);
	if (options.config.location === 'body') {
		return { ...request, body: withJsonFields(request.body, { [name]: secret }) };
	}
	return { ...request, headers: withHeaders(request.headers, [[name, secret]]) };
}

export function verify(request: ReceivedRequest, options: VerifyOptions<HesiSignKeyConfig>): VerifyResult {
	if (options.secrets.length === 0) return missingSecret();
	const name = keyName(options.config);
	let received: string | undefined;
	let part: string;
	if (options.config.location === 'body') {
		part = `body field ${name}`;
		const parsed = parseJsonObject(request.body.toString('utf8'));
		if ('error' in parsed) return malformedPart('body', `a JSON object carrying ${name} (${parsed.error})`);
		received = jsonField(parsed.object, name);
	} else {
		part = `header ${name}`;
		received = receivedHeader(request, name);
	}
	if (!received) return missingPart(part);
	if (!anySignatureEquals([received], options.secrets)) {
		return verifyFailure('signature_mismatch', `The key in ${part} did not match`);
	}
	return { valid: true };
}
