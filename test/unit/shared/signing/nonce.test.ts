import { newNonce } from '../../../../nodes/shared/signing/nonce';

describe('newNonce', () => {
	it('is 20 lower-case hex digits, safe in a query string as it is', () => {
		expect(newNonce()).toMatch(/^[0-9a-f]{20}$/);
	});

	it('does not repeat over many calls', () => {
		const nonces = new Set(Array.from({ length: 10_000 }, () => newNonce()));
		expect(nonces.size).toBe(10_000);
	});

	it('uses every hex digit in every position (the UUID version and variant digits are left out)', () => {
		const seen = Array.from({ length: 20 }, () => new Set<string>());
		for (let i = 0; i < 2_000; i++) [...newNonce()].forEach((digit, at) => seen[at].add(digit));
		expect(seen.map((digits) => digits.size)).toEqual(Array(20).fill(16));
	});
});
