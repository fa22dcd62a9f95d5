import { InvalidRequestError } from './requestBody';
import { isSecretHeader } from './secretMasking';

/**
 * The headers of an outbound request: the item's own (Sign Request's, which a signature may cover)
 * as they are, the node's added where the item has no header of that name, and every name and
 * value checked before anything is sent, since undici would refuse them mid-run.
 */

export interface NameValue {
	name: string;
	value: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function headerText(name: string, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return value.map(String).join(', ');
	throw new InvalidRequestError(`The header "${name}" in the item's request has a value that is not text`);
}

export function headersOf(itemRequest: { headers?: unknown } | undefined, nodeHeaders: readonly NameValue[]): Record<string, string> {
	const headers: Record<string, string> = {};
	// Lower-case names already set, needed only when both the item and the node bring headers.
	let present: Set<string> | undefined;
	if (itemRequest && itemRequest.headers !== undefined) {
		if (!isObject(itemRequest.headers)) throw new InvalidRequestError("The item's request.headers must be an object of header names and values");
		for (const [name, value] of Object.entries(itemRequest.headers)) {
			const text = headerText(name, value);
			if (text === undefined) continue;
			headers[name] = text;
			if (nodeHeaders.length > 0) (present ??= new Set()).add(name.toLowerCase());
		}
	}
	for (const { name, value } of nodeHeaders) {
		const trimmed = name.trim();
		if (trimmed === '' || present?.has(trimmed.toLowerCase())) continue;
		headers[trimmed] = value === undefined || value === null ? '' : String(value);
		(present ??= new Set()).add(trimmed.toLowerCase());
	}
	return headers;
}

const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// HTTP header values: Latin-1 text with tabs, no line breaks or other control characters (what undici sends).
const headerValuePattern = /^[\t\x20-\x7e\x80-\xff]*$/;

/** A header HTTP cannot carry fails the item before any attempt, saying which and how to fix it. */
export function checkHeaders(headers: Record<string, string>): void {
	for (const name in headers) {
		if (!headerNamePattern.test(name)) {
			throw new InvalidRequestError(
				`The header name "${name}" cannot be sent: a name holds only letters, digits and ! # $ % & ' * + - . ^ _ \` | ~ (no spaces or colons)`,
			);
		}
		const value = headers[name];
		if (headerValuePattern.test(value)) continue;
		const bad = [...value].find((character) => !headerValuePattern.test(character)) ?? '';
		const what =
			bad === '\r' || bad === '\n'
				? 'a line break'
				: bad.codePointAt(0)! > 0xff
					? isSecretHeader(name)
						? 'a character beyond Latin-1'
						: `"${bad}"`
					: 'a control character';
		throw new InvalidRequestError(
			`The header "${name}" cannot be sent: its value holds ${what}, and HTTP header values carry only Latin-1 text without line breaks or control characters. ` +
				'Encode the value (e.g. {{ encodeURIComponent($json.tenant) }}) or send it in the body',
		);
	}
}

export function hasHeader(headers: Record<string, string>, wanted: string): boolean {
	return headerValue(headers, wanted) !== undefined;
}

export function headerValue(headers: Record<string, string>, wanted: string): string | undefined {
	for (const name in headers) if (name.toLowerCase() === wanted) return headers[name];
	return undefined;
}
