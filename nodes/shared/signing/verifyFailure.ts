import type { VerifyFailureReason, VerifyResult } from './types';

/**
 * Builds an Invalid result. Messages name the part that failed and never carry a secret or the
 * expected signature, so they are safe to return to the sender and to show in n8n's UI.
 */
export function verifyFailure(reason: VerifyFailureReason, message: string): VerifyResult {
	return { valid: false, reason, message };
}

export const missingSecret = (): VerifyResult =>
	verifyFailure('no_secret_configured', 'No secret is configured to verify the signature with');

export const missingPart = (part: string): VerifyResult =>
	verifyFailure('missing_signature', `Missing ${part}`);

export const malformedPart = (part: string, expected: string): VerifyResult =>
	verifyFailure('malformed_signature', `Malformed ${part}: expected ${expected}`);

export const noSignatureMatched = (part: string): VerifyResult =>
	verifyFailure('signature_mismatch', `No signature in ${part} matched`);
