/** Strict standard base64 (RFC 4648 §4, padded): what `whsec_`/`whsk_`/`whpk_` secrets carry. */
export function isStrictBase64(text: string): boolean {
	return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** Decodes strict base64 or throws an Error naming `what` (never the value). */
export function decodeBase64Secret(text: string, what: string): Buffer {
	if (!isStrictBase64(text)) {
		throw new Error(`${what} is not valid base64 (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4)`);
	}
	return Buffer.from(text, 'base64');
}
