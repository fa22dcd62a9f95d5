/**
 * Reads and sets top-level fields of a JSON object body (Feishu's `timestamp`/`sign`, Hesi's
 * `signKey`). Setting works on the text: only the fields' values change or are inserted after the
 * opening brace, so the rest of the body keeps its exact bytes (no re-serialisation that could
 * reorder keys, change spacing or round numbers beyond 2^53).
 */

/** The body parsed as a JSON object, or an Error message saying why it is not one. */
export function parseJsonObject(body: string): { object: Record<string, unknown> } | { error: string } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return { error: 'the body is not valid JSON' };
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { error: 'the body is JSON but not an object ({…})' };
	}
	return { object: parsed as Record<string, unknown> };
}

interface Member {
	key: string;
	valueStart: number;
	valueEnd: number;
}

const whitespace = new Set([' ', '\t', '\n', '\r']);

function skipWhitespace(text: string, at: number): number {
	while (at < text.length && whitespace.has(text[at])) at++;
	return at;
}

/** Index just past the string literal starting at `at` (a `"`). */
function skipString(text: string, at: number): number {
	at++;
	while (at < text.length) {
		const char = text[at];
		if (char === '\\') at += 2;
		else if (char === '"') return at + 1;
		else at++;
	}
	return at;
}

/** Index just past the JSON value starting at `at`. */
function skipValue(text: string, at: number): number {
	if (text[at] === '"') return skipString(text, at);
	if (text[at] === '{' || text[at] === '[') {
		let depth = 0;
		while (at < text.length) {
			const char = text[at];
			if (char === '"') {
				at = skipString(text, at);
				continue;
			}
			if (char === '{' || char === '[') depth++;
			else if (char === '}' || char === ']') {
				depth--;
				if (depth === 0) return at + 1;
			}
			at++;
		}
		return at;
	}
	while (at < text.length && !whitespace.has(text[at]) && text[at] !== ',' && text[at] !== '}') at++;
	return at;
}

/** Top-level members of a text already known (by JSON.parse) to be a JSON object. */
function topLevelMembers(text: string): { openBrace: number; members: Member[] } {
	const openBrace = skipWhitespace(text, 0);
	const members: Member[] = [];
	let at = skipWhitespace(text, openBrace + 1);
	while (at < text.length && text[at] !== '}') {
		const keyEnd = skipString(text, at);
		const key = JSON.parse(text.slice(at, keyEnd)) as string;
		at = skipWhitespace(text, keyEnd);
		at = skipWhitespace(text, at + 1); // past ':'
		const valueEnd = skipValue(text, at);
		members.push({ key, valueStart: at, valueEnd });
		at = skipWhitespace(text, valueEnd);
		if (text[at] === ',') at = skipWhitespace(text, at + 1);
	}
	return { openBrace, members };
}

/**
 * The body with these top-level string fields set. Throws an Error when the body is not a JSON
 * object (the message names the problem, not the body).
 */
export function withJsonFields(body: string, fields: Record<string, string>): string {
	const parsed = parseJsonObject(body);
	if ('error' in parsed) throw new Error(`Cannot add ${Object.keys(fields).join(' and ')} to the body: ${parsed.error}`);
	const { openBrace, members } = topLevelMembers(body);
	const edits: Array<{ start: number; end: number; text: string }> = [];
	const missing: string[] = [];
	for (const [key, value] of Object.entries(fields)) {
		const existing = members.filter((member) => member.key === key);
		if (existing.length === 0) missing.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
		for (const member of existing) {
			edits.push({ start: member.valueStart, end: member.valueEnd, text: JSON.stringify(value) });
		}
	}
	if (missing.length > 0) {
		const separator = members.length > 0 ? ',' : '';
		edits.push({ start: openBrace + 1, end: openBrace + 1, text: missing.join(',') + separator });
	}
	edits.sort((a, b) => b.start - a.start);
	let result = body;
	for (const edit of edits) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
	return result;
}

/** A top-level field of a received JSON body as text (numbers are accepted and turned into text). */
export function jsonField(object: Record<string, unknown>, name: string): string | undefined {
	const value = object[name];
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}
