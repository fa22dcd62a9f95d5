import { createHmac } from 'node:crypto';

import { anySignatureEquals } from './constantTime';
import { receivedHeader, withHeaders } from './httpMessage';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';
import { malformedPart, missingPart, missingSecret, noSignatureMatched } from './verifyFailure';

/**
 * GitHub style (docs.github.com "Validating webhook deliveries"):
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`. No timestamp, so no replay window:
 * pair it with duplicate suppression on a delivery id where the sender has one.
 */

type GithubConfig = ConfigOf<'github'>;

export const headerName = 'X-Hub-Signature-256';
const prefix = 'sha256=';

export function githubSignature(secret: string, body: string | Buffer): string {
	const hmac = createHmac('sha256', secret);
	if (typeof body === 'string') hmac.update(body, 'utf8');
	else hmac.update(body);
	return prefix + hmac.digest('hex');
}

export function sign(request: OutgoingRequest, options: SignOptions<GithubConfig>): OutgoingRequest {
	const secret = options.secrets[0];
	if (secret === undefined) throw new Error('No signing secret is configured');
	return { ...request, headers: withHeaders(request.headers, [[headerName, githubSignature(secret, request.body)]]) };
}

export function verify(request: ReceivedRequest, options: VerifyOptions<GithubConfig>): VerifyResult {
	if (options.secrets.length === 0) return missingSecret();
	const received = receivedHeader(request, headerName)?.trim();
	if (!received) return missingPart(`header ${headerName}`);
	if (!/^sha256=[0-9a-fA-F]{64}$/.test(received)) return malformedPart(`header ${headerName}`, '"sha256=" and 64 hexadecimal characters');
	const expected = options.secrets.map((secret) => githubSignature(secret, request.body));
	if (!anySignatureEquals([prefix + received.slice(prefix.length).toLowerCase()], expected)) {
		return noSignatureMatched(`header ${headerName}`);
	}
	return { valid: true, deliveryId: receivedHeader(request, 'X-GitHub-Delivery') };
}
