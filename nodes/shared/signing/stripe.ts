import { createHmac } from 'node:crypto';

import { anySignatureEquals } from './constantTime';
import { receivedHeader, withHeaders } from './httpMessage';
import { readTimestamp, unixSeconds } from './timestampWindow';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';
import { malformedPart, missingPart, missingSecret, noSignatureMatched } from './verifyFailure';

/**
 * Stripe style (docs.stripe.com/webhooks "Verify signatures manually"):
 * `Stripe-Signature: t=<s>,v1=<hex HMAC-SHA256(secret, t + "." + body)>[,v1=…]`. Several `v1`
 * entries carry rotated secrets. The secret is used as given (Stripe's `whsec_…` is not decoded).
 * Unlike Stripe's libraries, which only reject old timestamps, the window applies both ways.
 */

type StripeConfig = ConfigOf<'stripe'>;

export const headerName = 'Stripe-Signature';

export function stripeSignature(secret: string, timestamp: string, body: string | Buffer): string {
	const hmac = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8');
	if (typeof body === 'string') hmac.update(body, 'utf8');
	else hmac.update(body);
	return hmac.digest('hex');
}

export function sign(request: OutgoingRequest, options: SignOptions<StripeConfig>): OutgoingRequest {
	if (options.secrets.length === 0) throw new Error('No signing secret is configured');
	const timestamp = String(unixSeconds(options.now));
	const active = options.signWithAll ? options.secrets : options.secrets.slice(0, 1);
	const value = [`t=${timestamp}`, ...active.map((secret) => `v1=${stripeSignature(secret, timestamp, request.body)}`)].join(',');
	return { ...request, headers: withHeaders(request.headers, [[headerName, value]]) };
}

export function verify(request: ReceivedRequest, options: VerifyOptions<StripeConfig>): VerifyResult {
	if (options.secrets.length === 0) return missingSecret();
	const header = receivedHeader(request, headerName);
	if (!header) return missingPart(`header ${headerName}`);
	let timestampText: string | undefined;
	const received: string[] = [];
	for (const item of header.split(',')) {
		const equalsAt = item.indexOf('=');
		if (equalsAt === -1) continue;
		const key = item.slice(0, equalsAt).trim();
		const value = item.slice(equalsAt + 1).trim();
		if (key === 't') timestampText = value;
		else if (key === 'v1') received.push(value.toLowerCase());
	}
	if (timestampText === undefined) return malformedPart(`header ${headerName}`, '"t=<timestamp>,v1=<hex>"; the t= part is missing');
	if (received.length === 0) return malformedPart(`header ${headerName}`, '"t=<timestamp>,v1=<hex>"; no v1= signature');
	const checked = readTimestamp(timestampText, `timestamp t= in header ${headerName}`, options);
	if ('failure' in checked) return checked.failure;
	const expected = options.secrets.map((secret) => stripeSignature(secret, timestampText as string, request.body));
	if (!anySignatureEquals(received, expected)) return noSignatureMatched(`header ${headerName}`);
	return { valid: true, timestamp: checked.seconds };
}
