/**
 * Where a text stops being JSON (RFC 8259), said so a person can fix it: the position, line and
 * column, what the grammar expected there and what it found. `JSON.parse` decides whether the text
 * is JSON; this scanner only runs when it is not, and words the first place it breaks. Its messages
 * are the same in every Node version, which `JSON.parse`'s are not (some name no position at all).
 */

export interface JsonSyntaxProblem {
	/** 0-based index into the text (UTF-16 code units, as JavaScript counts), as JSON.parse reports. */
	position: number;
	/** 1-based. */
	line: number;
	/** 1-based. */
	column: number;
	expected: string;
	/** The character found, quoted, or "the end of the text". */
	found: string;
}

const anyValue = 'a value (an object, array, text in double quotes, number, true, false or null)';

type Frame = 'object' | 'array';

function isWhitespace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

function isHexDigit(code: number): boolean {
	return isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

function describeFound(text: string, position: number): string {
	if (position >= text.length) return 'the end of the text';
	const code = text.codePointAt(position) as number;
	if (code === 0x0a) return 'a line break';
	if (code === 0x0d) return 'a carriage return';
	if (code === 0x09) return 'a tab';
	if (code < 0x20) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	return `'${String.fromCodePoint(code)}'`;
}

function problemAt(text: string, position: number, expected: string): JsonSyntaxProblem {
	let line = 1;
	let lineStart = 0;
	for (let index = 0; index < position && index < text.length; index++) {
		if (text.charCodeAt(index) === 0x0a) {
			line++;
			lineStart = index + 1;
		}
	}
	return { position, line, column: position - lineStart + 1, expected, found: describeFound(text, position) };
}

class JsonScanner {
	private position = 0;

	constructor(private readonly text: string) {}

	private skipWhitespace(): void {
		while (this.position < this.text.length && isWhitespace(this.text.charCodeAt(this.position))) this.position++;
	}

	private code(): number {
		return this.position < this.text.length ? this.text.charCodeAt(this.position) : -1;
	}

	/** Scans a string starting at its opening quote; returns a problem or undefined. */
	private scanString(): JsonSyntaxProblem | undefined {
		this.position++; // the opening quote
		for (;;) {
			const code = this.code();
			if (code === -1) return problemAt(this.text, this.position, "the closing '\"' of the text");
			if (code === 0x22) {
				this.position++;
				return undefined;
			}
			if (code < 0x20) {
				return problemAt(this.text, this.position, 'a character that may stand in text as it is (write a line break as \\n, a tab as \\t)');
			}
			if (code !== 0x5c) {
				this.position++;
				continue;
			}
			this.position++; // the backslash
			const escaped = this.code();
			if (escaped === 0x75) {
				this.position++;
				for (let digit = 0; digit < 4; digit++) {
					if (!isHexDigit(this.code())) return problemAt(this.text, this.position, 'a hexadecimal digit of a \\uXXXX escape');
					this.position++;
				}
				continue;
			}
			// " \ / b f n r t
			if ([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74].includes(escaped)) {
				this.position++;
				continue;
			}
			return problemAt(this.text, this.position, 'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX');
		}
	}

	private scanDigits(expected: string): JsonSyntaxProblem | undefined {
		if (!isDigit(this.code())) return problemAt(this.text, this.position, expected);
		while (isDigit(this.code())) this.position++;
		return undefined;
	}

	private scanNumber(): JsonSyntaxProblem | undefined {
		if (this.code() === 0x2d) this.position++; // -
		if (this.code() === 0x30) this.position++; // a leading zero stands alone
		else {
			const problem = this.scanDigits('a digit');
			if (problem) return problem;
		}
		if (this.code() === 0x2e) {
			this.position++;
			const problem = this.scanDigits('a digit after the decimal point');
			if (problem) return problem;
		}
		if (this.code() === 0x65 || this.code() === 0x45) {
			this.position++;
			if (this.code() === 0x2b || this.code() === 0x2d) this.position++;
			const problem = this.scanDigits('a digit of the exponent');
			if (problem) return problem;
		}
		return undefined;
	}

	private scanLiteral(word: string): JsonSyntaxProblem | undefined {
		for (let index = 0; index < word.length; index++) {
			if (this.text.charCodeAt(this.position) !== word.charCodeAt(index)) return problemAt(this.text, this.position, `'${word}'`);
			this.position++;
		}
		return undefined;
	}

	/**
	 * Scans one scalar at the current position, or opens a container (pushed on `stack`). Returns
	 * true when a container was opened.
	 */
	private scanValue(stack: Frame[]): JsonSyntaxProblem | boolean {
		const code = this.code();
		if (code === 0x7b || code === 0x5b) {
			stack.push(code === 0x7b ? 'object' : 'array');
			this.position++;
			return true;
		}
		let problem: JsonSyntaxProblem | undefined;
		if (code === 0x22) problem = this.scanString();
		else if (code === 0x2d || isDigit(code)) problem = this.scanNumber();
		else if (code === 0x74) problem = this.scanLiteral('true');
		else if (code === 0x66) problem = this.scanLiteral('false');
		else if (code === 0x6e) problem = this.scanLiteral('null');
		else problem = problemAt(this.text, this.position, anyValue);
		return problem ?? false;
	}

	/** The first problem, or undefined when the whole text is one JSON value. Iterative: nesting depth costs no stack. */
	scan(): JsonSyntaxProblem | undefined {
		const stack: Frame[] = [];
		// What the scanner is looking for next.
		let state: 'value' | 'firstMember' | 'member' | 'colon' | 'firstElement' | 'afterValue' = 'value';
		for (;;) {
			this.skipWhitespace();
			const code = this.code();
			switch (state) {
				case 'value':
				case 'firstElement': {
					if (state === 'firstElement' && code === 0x5d) {
						this.position++;
						stack.pop();
						state = 'afterValue';
						break;
					}
					const start = this.position;
					const opened = this.scanValue(stack);
					if (typeof opened === 'object') {
						const atElementStart = state === 'firstElement' && opened.position === start && opened.expected === anyValue;
						return atElementStart ? { ...opened, expected: `${anyValue}, or ']'` } : opened;
					}
					state = opened ? (stack[stack.length - 1] === 'object' ? 'firstMember' : 'firstElement') : 'afterValue';
					break;
				}
				case 'firstMember':
				case 'member': {
					if (state === 'firstMember' && code === 0x7d) {
						this.position++;
						stack.pop();
						state = 'afterValue';
						break;
					}
					if (code !== 0x22) {
						return problemAt(this.text, this.position, state === 'firstMember' ? "a property name in double quotes, or '}'" : 'a property name in double quotes');
					}
					const problem = this.scanString();
					if (problem) return problem;
					state = 'colon';
					break;
				}
				case 'colon':
					if (code !== 0x3a) return problemAt(this.text, this.position, "':' after the property name");
					this.position++;
					state = 'value';
					break;
				case 'afterValue': {
					const frame = stack[stack.length - 1];
					if (frame === undefined) {
						return code === -1 ? undefined : problemAt(this.text, this.position, 'the end of the text after the value');
					}
					const close = frame === 'object' ? 0x7d : 0x5d;
					if (code === 0x2c) {
						this.position++;
						state = frame === 'object' ? 'member' : 'value';
					} else if (code === close) {
						this.position++;
						stack.pop();
					} else {
						return problemAt(this.text, this.position, frame === 'object' ? "',' or '}'" : "',' or ']'");
					}
					break;
				}
			}
		}
	}
}

/** The first place `text` breaks the JSON grammar, or undefined when it is JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
	try {
		JSON.parse(text);
		return undefined;
	} catch {
		return new JsonScanner(text).scan() ?? problemAt(text, 0, anyValue);
	}
}

/** "at position 19 (line 1, column 20): expected …, found 'a'" */
export function describeJsonSyntaxProblem(problem: JsonSyntaxProblem): string {
	return `at position ${problem.position} (line ${problem.line}, column ${problem.column}) expected ${problem.expected}, found ${problem.found}`;
}

/** True for media types whose body is JSON: application/json, text/json and any …+json (RFC 6839). */
export function isJsonMediaType(contentType: string): boolean {
	const essence = contentType.split(';', 1)[0].trim().toLowerCase();
	return essence === 'application/json' || essence === 'text/json' || essence.endsWith('+json');
}
