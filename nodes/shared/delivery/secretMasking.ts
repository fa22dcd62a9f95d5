/**
 * The delivery record is shown in n8n's execution history, so secrets never go into it. A header
 * is secret-bearing when it carries credentials or a signature: the names below, plus any name
 * containing one of the fragments. The value keeps only its scheme prefix (`Bearer `, `v1,`,
 * `sha256=`, Stripe's `t=…,v1=`) so a reader can still see which scheme was used.
 */

export const maskedValue = '***';

/** Headers that carry credentials outright. */
const secretHeaderNames = new Set([
	'authorization',
	'proxy-authorization',
	'cookie',
	'set-cookie',
	'x-api-key',
	'api-key',
	'apikey',
	// Hesi's shared signing key when sent as a header (DESIGN.md §3, `signKey` by default).
	'signkey',
	'sign',
	'x-sign',
]);

/** Any header whose name contains one of these: `x-auth-token`, `webhook-signature`, `x-client-secret`, … */
const secretNameFragments = /secret|token|signature|password/i;

export function isSecretHeader(name: string): boolean {
	return secretNameFragments.test(name) || secretHeaderNames.has(name.toLowerCase());
}

/** Query parameters that carry credentials (DingTalk `access_token`, `sign`; WeCom robot `key`; Hesi `accessToken`). */
const secretQueryNames = new Set(['access_token', 'accesstoken', 'token', 'sign', 'signature', 'key', 'api_key', 'apikey', 'secret', 'password']);

export function isSecretQueryParameter(name: string): boolean {
	const lower = name.toLowerCase();
	return secretQueryNames.has(lower) || secretNameFragments.test(lower);
}

// `Bearer abc` → `Bearer ***` (RFC 9110 auth-scheme followed by credentials).
const authScheme = /^([A-Za-z][\w.+-]*) +\S/;
// `v1,abc` → `v1,***` (Standard Webhooks `v1,` / `v1a,`).
const versionedSignature = /^(v\d+[a-z]?,)./;
// `sha256=abc` → `sha256=***`; `t=123` stays: a timestamp is not a secret. The value must not start
// with `=`, so base64 padding (`dGVzdA==`) is never mistaken for a key.
const keyedPart = /^([A-Za-z][\w-]{0,15}=)([^=].*)$/;
// Credentials schemes that may lead any secret header's value.
const knownAuthSchemes = new Set(['bearer', 'basic', 'digest', 'token', 'bot', 'hmac', 'apikey']);

function maskToken(token: string): string {
	const versioned = versionedSignature.exec(token);
	if (versioned) return `${versioned[1]}${maskedValue}`;
	if (token.includes('=')) {
		// Stripe: `t=1492774577,v1=5257a869…,v0=6ffbb59b…`
		return token
			.split(',')
			.map((part) => {
				const keyed = keyedPart.exec(part);
				if (!keyed) return maskedValue;
				return keyed[1] === 't=' ? part : `${keyed[1]}${maskedValue}`;
			})
			.join(',');
	}
	return maskedValue;
}

/** Masks one secret-bearing header value, keeping its scheme prefix. */
export function maskSecretValue(name: string, value: string): string {
	const lower = name.toLowerCase();
	if (value === '') return value;
	if (lower === 'cookie' || lower === 'set-cookie') return maskedValue;
	const scheme = authScheme.exec(value);
	if (scheme && (lower === 'authorization' || lower === 'proxy-authorization' || knownAuthSchemes.has(scheme[1].toLowerCase()))) {
		return `${scheme[1]} ${maskedValue}`;
	}
	// Several signatures are space-separated during secret rotation (Standard Webhooks).
	return value.split(' ').map(maskToken).join(' ');
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
	let masked: Record<string, string> | undefined;
	for (const name in headers) {
		if (!isSecretHeader(name)) continue;
		masked ??= { ...headers };
		masked[name] = maskSecretValue(name, headers[name]);
	}
	return masked ?? headers;
}

/**
 * The URL's user name and password (`https://user:password@host/`), the password masked; a user name
 * alone is masked too, as services use it for a token.
 */
function maskUserInfo(url: string): string {
	const at = url.indexOf('@');
	if (at === -1) return url;
	const authorityAt = url.indexOf('//');
	if (authorityAt === -1 || authorityAt > at) return url;
	const authorityEnd = url.slice(authorityAt + 2).search(/[/?#]/);
	const end = authorityEnd === -1 ? url.length : authorityAt + 2 + authorityEnd;
	const userInfoEnd = url.lastIndexOf('@', end - 1);
	if (userInfoEnd < authorityAt) return url;
	const userInfo = url.slice(authorityAt + 2, userInfoEnd);
	const colonAt = userInfo.indexOf(':');
	const masked = colonAt === -1 ? maskedValue : `${userInfo.slice(0, colonAt)}:${maskedValue}`;
	return `${url.slice(0, authorityAt + 2)}${masked}${url.slice(userInfoEnd)}`;
}

/** The URL with its password and secret-bearing query values replaced by `***`; other bytes unchanged. */
export function maskUrl(text: string): string {
	const url = maskUserInfo(text);
	const queryAt = url.indexOf('?');
	if (queryAt === -1) return url;
	const hashAt = url.indexOf('#', queryAt);
	const query = url.slice(queryAt + 1, hashAt === -1 ? undefined : hashAt);
	const maskedQuery = query
		.split('&')
		.map((pair) => {
			const equalsAt = pair.indexOf('=');
			if (equalsAt === -1) return pair;
			let name = pair.slice(0, equalsAt);
			try {
				name = decodeURIComponent(name.replace(/\+/g, ' '));
			} catch {
				// A malformed escape: judge the name as written.
			}
			return isSecretQueryParameter(name) ? `${pair.slice(0, equalsAt)}=${maskedValue}` : pair;
		})
		.join('&');
	return `${url.slice(0, queryAt + 1)}${maskedQuery}${hashAt === -1 ? '' : url.slice(hashAt)}`;
}

/** Replaces known secret values in text that goes into the record. */
export type SecretRedactor = (text: string) => string;

/** Shorter values turn up in ordinary text by chance; no signing secret is this short. */
const shortestRedactedSecret = 4;

/** Each secret as it appears in text and, where JSON escapes it differently, inside a JSON string. */
function secretForms(secrets: readonly string[]): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (secret.length < shortestRedactedSecret) continue;
		forms.add(secret);
		forms.add(JSON.stringify(secret).slice(1, -1));
	}
	// Longest first, so a secret that contains another is replaced whole.
	return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of the given secret values in `text` with `***`. Name-based masking
 * cannot catch a secret a signing scheme sends as it is: Hesi's signKey (seed 000, 签名秘钥) goes out
 * verbatim in a body field or in a header of any name the user chose.
 */
export function createSecretRedactor(secrets: readonly string[]): SecretRedactor | undefined {
	const forms = secretForms(secrets);
	if (forms.length === 0) return undefined;
	return (text) => {
		let redacted = text;
		for (const form of forms) if (redacted.includes(form)) redacted = redacted.split(form).join(maskedValue);
		return redacted;
	};
}
