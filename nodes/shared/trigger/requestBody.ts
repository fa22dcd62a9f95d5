/** Parsing of the raw request body: the only accepted shape is a JSON object. */

export type ParsedBody = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/**
 * Parses the exact bytes received. A UTF-8 byte order mark is skipped (some Windows-based OA
 * systems send one); anything but a JSON object (empty body, invalid JSON, array, string) is a
 * problem named in words the sender can act on.
 */
export function parseJsonBody(raw: Buffer): ParsedBody {
	let text = raw.toString('utf8');
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	if (text.trim() === '') return { ok: false, problem: 'The request body is empty; expected a JSON object' };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return { ok: false, problem: `The request body is not valid JSON: ${(error as Error).message}` };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
		return { ok: false, problem: `The request body is ${kind}; expected a JSON object` };
	}
	return { ok: true, value: value as Record<string, unknown> };
}
