import { schemeOf } from './schemes';
import type { OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';

export * from './types';
export { choiceLabel, signingFromCredential, splitSecrets } from './credentialConfig';
export type { CredentialSigning } from './credentialConfig';
export { defaultToleranceSeconds } from './timestampWindow';
export { newMessageId } from './standardWebhooks';

/**
 * Signs a request with the configured scheme and returns a new request (headers, query or JSON
 * body changed as the scheme requires; the input is not modified). Re-signing an already signed
 * request replaces the old signature, timestamp and nonce and keeps its message id, so a retry can
 * call this again on the same request. Throws an Error naming the problem (never a secret) when the
 * secrets or config cannot sign, or a body-carrying scheme gets a body that is not a JSON object.
 */
export function signRequest(request: OutgoingRequest, options: SignOptions): OutgoingRequest {
	return schemeOf(options.config.scheme).sign(request, options);
}

/**
 * Verifies a received request on its raw body bytes. Never throws for a bad request: the result
 * says which part failed. Throws only for an unusable configuration (e.g. a malformed secret).
 */
export function verifyRequest(request: ReceivedRequest, options: VerifyOptions): VerifyResult {
	return schemeOf(options.config.scheme).verify(request, options);
}
