/** Strict standard base64 (RFC 4648 §4, padded): what `whsec_`/`whsk_`/`whpk_` secrets carry. */
export function isStrictBase64(text: string): boolean {
	return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** Throws an Error naming `what` (never the value) unless `text` is strict base64. */
export function assertStrictBase64(text: string, what: string): void {
	if (!isStrictBase64(text)) {
		throw new Error(`${what} is not valid base64 (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4)`);
	}
}

/** Decodes strict base64 or throws an Error naming `what`. */
export function decodeBase64Secret(text: string, what: string): Buffer {
	assertStrictBase64(text, what);
	return Buffer.from(text, 'base64');
}
