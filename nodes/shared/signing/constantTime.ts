import { timingSafeEqual } from 'node:crypto';

/**
 * Compares a received signature with the computed one in constant time. The length guard only
 * leaks the length, which every scheme publishes anyway (a hex SHA-256 is always 64 characters).
 */
export function signaturesEqual(received: string | Buffer, computed: string | Buffer): boolean {
	const a = typeof received === 'string' ? Buffer.from(received, 'utf8') : received;
	const b = typeof computed === 'string' ? Buffer.from(computed, 'utf8') : computed;
	if (a.length !== b.length) return false;
	return timingSafeEqual(a, b);
}

/** True when any received signature equals any computed one; every pair is compared. */
export function anySignatureEquals(received: string[], computed: Array<string | Buffer>): boolean {
	let matched = false;
	for (const candidate of received) {
		for (const expected of computed) {
			// No early return: the time taken does not tell which secret or position matched.
			if (signaturesEqual(candidate, expected)) matched = true;
		}
	}
	return matched;
}
