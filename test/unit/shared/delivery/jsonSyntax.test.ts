import fc from 'fast-check';

import {
	describeJsonSyntaxProblem,
	findJsonSyntaxProblem,
	isJsonMediaType,
} from '../../../../nodes/shared/delivery/jsonSyntax';

describe('findJsonSyntaxProblem', () => {
	it('finds nothing wrong with JSON', () => {
		for (const text of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "x\\n\\u00e9"]} ', '"text"', '0', '{"a":{"b":[[]]}}']) {
			expect(findJsonSyntaxProblem(text)).toBeUndefined();
		}
	});

	it('names where the issue example breaks: an unquoted property name', () => {
		const problem = findJsonSyntaxProblem('{"orderId": "A-1", amount: 10,');
		expect(problem).toEqual({ position: 19, line: 1, column: 20, expected: 'a property name in double quotes', found: "'a'" });
		expect(describeJsonSyntaxProblem(problem!)).toBe(
			"at position 19 (line 1, column 20) expected a property name in double quotes, found 'a'",
		);
	});

	it('counts lines and columns from the last line break', () => {
		expect(findJsonSyntaxProblem('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ position: 13, line: 3, column: 3, expected: "',' or '}'", found: "'\"'" });
	});

	it('says what each place expects', () => {
		const cases: Array<[string, Partial<ReturnType<typeof findJsonSyntaxProblem>>]> = [
			['', { position: 0, expected: expect.stringMatching(/^a value/), found: 'the end of the text' }],
			['{"a":1,}', { position: 7, expected: 'a property name in double quotes', found: "'}'" }],
			['[1,]', { position: 3, expected: expect.stringMatching(/^a value/), found: "']'" }],
			['[', { position: 1, expected: expect.stringMatching(/^a value .*, or '\]'$/), found: 'the end of the text' }],
			['{"a" 1}', { position: 5, expected: "':' after the property name", found: "'1'" }],
			['{"a":1', { position: 6, expected: "',' or '}'", found: 'the end of the text' }],
			['["a\tb"]', { position: 3, found: 'a tab' }],
			['"\\x"', { position: 2, expected: expect.stringMatching(/^an escape/) }],
			['"\\u12g4"', { position: 5, expected: 'a hexadecimal digit of a \\uXXXX escape' }],
			['"abc', { position: 4, expected: "the closing '\"' of the text" }],
			['01', { position: 1, expected: 'the end of the text after the value', found: "'1'" }],
			['1.', { position: 2, expected: 'a digit after the decimal point' }],
			['1e', { position: 2, expected: 'a digit of the exponent' }],
			['-', { position: 1, expected: 'a digit' }],
			['tru', { position: 3, expected: "'true'" }],
			["{'a':1}", { position: 1, expected: "a property name in double quotes, or '}'", found: "'''" }],
			['{} {}', { position: 3, expected: 'the end of the text after the value' }],
			['\u{1F600}', { position: 0, found: "'\u{1F600}'" }],
		];
		for (const [text, expected] of cases) expect({ text, problem: findJsonSyntaxProblem(text) }).toEqual({ text, problem: expect.objectContaining(expected) });
	});

	it('handles deep nesting without running out of stack', () => {
		expect(findJsonSyntaxProblem('['.repeat(200_000))).toMatchObject({ position: 200_000, found: 'the end of the text' });
	});

	it('agrees with JSON.parse on every text, and the problem lies within the text', () => {
		// JSON texts and texts one edit away from JSON: the interesting cases.
		const jsonText = fc.jsonValue().map((value) => JSON.stringify(value, null, 1) ?? 'null');
		const edited = fc.tuple(jsonText, fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '\\', '{', '[', '0', '-', '.', 'e')).map(
			([text, at, insert]) => {
				const index = at % (text.length + 1);
				return text.slice(0, index) + insert + text.slice(index + (at % 2));
			},
		);
		fc.assert(
			fc.property(fc.oneof(jsonText, edited, fc.string()), (text) => {
				let parses = true;
				try {
					JSON.parse(text);
				} catch {
					parses = false;
				}
				const problem = findJsonSyntaxProblem(text);
				expect(problem === undefined).toBe(parses);
				if (problem) expect(problem.position).toBeLessThanOrEqual(text.length);
			}),
			{ numRuns: 3000 },
		);
	});
});

describe('isJsonMediaType', () => {
	it('recognises JSON media types, with parameters and in any case', () => {
		for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/cloudevents+json', 'text/json']) {
			expect(isJsonMediaType(type)).toBe(true);
		}
	});

	it('does not take other media types for JSON', () => {
		for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/jsonl', '']) {
			expect(isJsonMediaType(type)).toBe(false);
		}
	});
});
