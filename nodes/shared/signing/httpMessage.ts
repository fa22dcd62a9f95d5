import type { OutgoingRequest, ReceivedRequest } from './types';

/**
 * Reading and changing the parts of a request a signature lives in. Headers are matched without
 * regard to case; query strings are edited as text so every other byte of the URL stays as given
 * (re-signing a request for a retry replaces the old values instead of adding a second copy).
 */

/** First value of a received header, any case. */
export function receivedHeader(request: ReceivedRequest, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(request.headers)) {
		if (key.toLowerCase() !== wanted || value === undefined) continue;
		return Array.isArray(value) ? value.join(', ') : value;
	}
	return undefined;
}

/** A header to set: name and value. */
export type HeaderChange = readonly [name: string, value: string];

/**
 * A copy of `headers` with `changes` applied, dropping any spelling of a changed name in another
 * case. Changes are a list, not an object: every scheme passes the same shape, which keeps this
 * hot function monomorphic for V8 (an object per scheme made it several times slower once several
 * schemes had run in one process; bench/signing).
 */
export function withHeaders(headers: Record<string, string>, changes: readonly HeaderChange[]): Record<string, string> {
	const result: Record<string, string> = {};
	for (const key in headers) {
		let replaced = false;
		for (let i = 0; i < changes.length; i++) {
			const name = changes[i][0];
			// Lower-casing allocates: only names of the same length can be the same header.
			if (name.length === key.length && name.toLowerCase() === key.toLowerCase()) {
				replaced = true;
				break;
			}
		}
		if (!replaced) result[key] = headers[key];
	}
	for (let i = 0; i < changes.length; i++) result[changes[i][0]] = changes[i][1];
	return result;
}

/** Value of a header in an outgoing request, any case. */
export function outgoingHeader(request: OutgoingRequest, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(request.headers)) {
		if (key.toLowerCase() === wanted) return value;
	}
	return undefined;
}

interface UrlParts {
	base: string;
	query: string;
	fragment: string;
}

function splitUrl(url: string): UrlParts {
	const hashAt = url.indexOf('#');
	const fragment = hashAt === -1 ? '' : url.slice(hashAt);
	const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
	const queryAt = beforeHash.indexOf('?');
	if (queryAt === -1) return { base: beforeHash, query: '', fragment };
	return { base: beforeHash.slice(0, queryAt), query: beforeHash.slice(queryAt + 1), fragment };
}

function decodeQueryComponent(text: string): string {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

/** Path of a URL (absolute or path-only) without query or fragment, as written. */
export function urlPath(url: string): string {
	const { base } = splitUrl(url);
	const schemeAt = base.indexOf('://');
	if (schemeAt === -1) return base || '/';
	const pathAt = base.indexOf('/', schemeAt + 3);
	return pathAt === -1 ? '/' : base.slice(pathAt);
}

/** First value of a query parameter, decoded (`+` is a space, as in HTML forms and URLSearchParams). */
export function queryParameter(url: string, name: string): string | undefined {
	const { query } = splitUrl(url);
	if (!query) return undefined;
	for (const pair of query.split('&')) {
		const equalsAt = pair.indexOf('=');
		const key = decodeQueryComponent(equalsAt === -1 ? pair : pair.slice(0, equalsAt));
		if (key === name) return equalsAt === -1 ? '' : decodeQueryComponent(pair.slice(equalsAt + 1));
	}
	return undefined;
}

/** RFC 3986 §2.3 unreserved characters: ALPHA / DIGIT / "-" / "." / "_" / "~". */
function isUnreserved(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const unreserved =
			(c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e;
		if (!unreserved) return false;
	}
	return true;
}

/**
 * `encodeURIComponent(text)`, without calling it for text it would return unchanged. Signature
 * query values are mostly names, digits and hex (`timestamp=1700000000&nonce=…`), and
 * encodeURIComponent was the largest part of the time Jiandaoyun signing adds to its SHA-1
 * (bench/signing).
 */
export function queryComponent(text: string): string {
	return isUnreserved(text) ? text : encodeURIComponent(text);
}

/** Most URLs have neither a query nor a fragment: nothing to keep or remove, the query is appended. */
function isBareUrl(url: string): boolean {
	return !url.includes('?') && !url.includes('#');
}

/**
 * The URL with these parameters set: existing ones of the same name are removed, the new ones
 * appended. A list of pairs like `withHeaders`, for the same reason.
 */
export function withQueryParameters(url: string, parameters: readonly HeaderChange[]): string {
	let added = '';
	for (let i = 0; i < parameters.length; i++) {
		added += `${i === 0 ? '' : '&'}${queryComponent(parameters[i][0])}=${queryComponent(parameters[i][1])}`;
	}
	if (isBareUrl(url)) return `${url}?${added}`;
	return withEncodedQuery(url, parameters.map((parameter) => parameter[0]), added);
}

/**
 * The URL with `query` (`name=value&…`, already encoded by the caller) appended, after removing
 * the existing parameters called `names`. For a scheme whose parameters need no encoding (fixed
 * names, digits), which spares the per-character check of `withQueryParameters`.
 */
export function withEncodedQuery(url: string, names: readonly string[], query: string): string {
	if (isBareUrl(url)) return `${url}?${query}`;
	const { base, query: existing, fragment } = splitUrl(url);
	const kept: string[] = [];
	for (const pair of existing.split('&')) {
		if (pair === '') continue;
		const equalsAt = pair.indexOf('=');
		if (!names.includes(decodeQueryComponent(equalsAt === -1 ? pair : pair.slice(0, equalsAt)))) kept.push(pair);
	}
	kept.push(query);
	return `${base}?${kept.join('&')}${fragment}`;
}
