/**
 * The seed's "关键字匹配" (keyword match, 000): an extra condition on the response body, e.g. HTTP 200
 * AND `{"code":"1"}`. Three kinds: a JSON path equals a value (string/number tolerant, because the
 * seed writes `code=1` for a body of `{"code":"1"}` and receivers answer `{"code":1}` just as often),
 * the body contains a text, or the body matches a regular expression.
 */

export type KeywordRuleSpec =
	| { kind: 'jsonPathEquals'; path: string; value: string }
	| { kind: 'contains'; text: string }
	| { kind: 'regex'; pattern: string };

export type KeywordRule =
	| { kind: 'jsonPathEquals'; path: string; segments: Array<string | number>; value: string }
	| { kind: 'contains'; text: string }
	| { kind: 'regex'; pattern: string; regex: RegExp };

export type KeywordVerdict = { matched: true } | { matched: false; message: string };

/**
 * Splits `code`, `$.value.code`, `data[0].id` or `data["a.b"]` into keys and indexes. Throws an Error
 * saying what is wrong with the path.
 */
export function parseJsonPath(path: string): Array<string | number> {
	let rest = path.trim();
	if (rest.startsWith('$')) rest = rest.slice(1);
	const segments: Array<string | number> = [];
	const token = /^(?:\.?([^.[\]"']+)|\[(\d+)\]|\[(?:"([^"]*)"|'([^']*)')\])/;
	while (rest !== '') {
		const match = token.exec(rest);
		if (!match) throw new Error(`The JSON path "${path}" cannot be read near "${rest}": use a form like "code" or "data.items[0].code"`);
		if (match[1] !== undefined) segments.push(match[1]);
		else if (match[2] !== undefined) segments.push(Number(match[2]));
		else segments.push(match[3] ?? match[4] ?? '');
		rest = rest.slice(match[0].length);
	}
	if (segments.length === 0) throw new Error('The JSON path is empty: give the field to check, e.g. "code"');
	return segments;
}

/** `/pattern/flags` or a bare pattern. Throws an Error when the expression does not compile. */
function compileRegex(pattern: string): RegExp {
	const literal = /^\/(.+)\/([dgimsuvy]*)$/s.exec(pattern);
	try {
		return literal ? new RegExp(literal[1], literal[2].replace(/[gy]/g, '')) : new RegExp(pattern);
	} catch (error) {
		throw new Error(`The regular expression ${pattern} is not valid: ${(error as Error).message}`);
	}
}

/** Checks a rule's settings once per run, so a mistake is reported before anything is sent. */
export function compileKeywordRule(spec: KeywordRuleSpec): KeywordRule {
	switch (spec.kind) {
		case 'jsonPathEquals':
			return { kind: spec.kind, path: spec.path.trim(), segments: parseJsonPath(spec.path), value: spec.value };
		case 'contains':
			if (spec.text === '') throw new Error('The text to look for in the response body is empty');
			return spec;
		case 'regex':
			if (spec.pattern === '') throw new Error('The regular expression is empty');
			return { kind: spec.kind, pattern: spec.pattern, regex: compileRegex(spec.pattern) };
	}
}

/** What a rule expects, for messages: `code = "1"`. */
export function describeKeywordRule(rule: KeywordRule): string {
	switch (rule.kind) {
		case 'jsonPathEquals':
			return `${rule.path} = ${JSON.stringify(rule.value)}`;
		case 'contains':
			return `body contains ${JSON.stringify(rule.text)}`;
		case 'regex':
			return `body matches ${rule.pattern}`;
	}
}

const excerptLength = 200;

export function bodyExcerpt(body: string): string {
	const oneLine = body.replace(/\s+/g, ' ').trim();
	if (oneLine === '') return '(empty body)';
	return oneLine.length > excerptLength ? `${oneLine.slice(0, excerptLength)}…` : oneLine;
}

function readPath(document: unknown, segments: ReadonlyArray<string | number>): { found: boolean; value?: unknown } {
	let current = document;
	for (const segment of segments) {
		if (current === null || typeof current !== 'object') return { found: false };
		if (typeof segment === 'number' && !Array.isArray(current)) {
			// `data[0]` on an object still reads key "0", as JSON path tools do.
			current = (current as Record<string, unknown>)[String(segment)];
		} else {
			current = (current as Record<string, unknown>)[segment as string];
		}
		if (current === undefined) return { found: false };
	}
	return { found: true, value: current };
}

/** `"1"` equals `1` and `"1"`; `"true"` equals `true`; `"null"` equals `null`; objects compare as JSON. */
export function valueMatches(actual: unknown, expected: string): boolean {
	const wanted = expected.trim();
	if (typeof actual === 'string') return actual === expected || actual.trim() === wanted;
	if (typeof actual === 'number') return String(actual) === wanted || (wanted !== '' && Number(wanted) === actual);
	if (typeof actual === 'boolean' || actual === null) return String(actual) === wanted;
	return JSON.stringify(actual) === wanted;
}

/** Applies a rule to a response body (UTF-8 text). */
export function matchKeywordRule(body: string, rule: KeywordRule): KeywordVerdict {
	switch (rule.kind) {
		case 'jsonPathEquals': {
			let document: unknown;
			try {
				document = JSON.parse(body);
			} catch {
				return {
					matched: false,
					message: `The response body is not JSON, so "${describeKeywordRule(rule)}" cannot be checked. Body: ${bodyExcerpt(body)}`,
				};
			}
			const read = readPath(document, rule.segments);
			if (!read.found) {
				return { matched: false, message: `Expected ${describeKeywordRule(rule)}, but the response has no "${rule.path}". Body: ${bodyExcerpt(body)}` };
			}
			if (valueMatches(read.value, rule.value)) return { matched: true };
			return {
				matched: false,
				message: `Expected ${describeKeywordRule(rule)}, but the response has ${rule.path} = ${JSON.stringify(read.value)}. Body: ${bodyExcerpt(body)}`,
			};
		}
		case 'contains':
			if (body.includes(rule.text)) return { matched: true };
			return { matched: false, message: `Expected the ${describeKeywordRule(rule)}, but it does not. Body: ${bodyExcerpt(body)}` };
		case 'regex':
			if (rule.regex.test(body)) return { matched: true };
			return { matched: false, message: `Expected the ${describeKeywordRule(rule)}, but it does not. Body: ${bodyExcerpt(body)}` };
	}
}
