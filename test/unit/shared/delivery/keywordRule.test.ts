import fc from 'fast-check';

import { compileKeywordRule, matchKeywordRule, parseJsonPath, valueMatches } from '../../../../nodes/shared/delivery/keywordRule';

const jsonRule = (path: string, value: string) => compileKeywordRule({ kind: 'jsonPathEquals', path, value });

describe('keyword rule', () => {
	describe('JSON path equals', () => {
		it('matches the seed example: code = 1 against {"code":"1"}', () => {
			expect(matchKeywordRule('{"code":"1"}', jsonRule('code', '1'))).toEqual({ matched: true });
		});

		it('matches a number where the rule has text: code = 1 against {"code":1}', () => {
			expect(matchKeywordRule('{"code":1}', jsonRule('code', '1'))).toEqual({ matched: true });
		});

		it('reports the value found when it differs, with the body excerpt', () => {
			const verdict = matchKeywordRule('{"code":"0","msg":"busy"}', jsonRule('code', '1'));
			expect(verdict).toEqual({
				matched: false,
				message: 'Expected code = "1", but the response has code = "0". Body: {"code":"0","msg":"busy"}',
			});
		});

		it('reads nested fields and array items', () => {
			expect(matchKeywordRule('{"value":{"code":"204"}}', jsonRule('value.code', '204'))).toEqual({ matched: true });
			expect(matchKeywordRule('{"data":[{"ok":true}]}', jsonRule('$.data[0].ok', 'true'))).toEqual({ matched: true });
			expect(matchKeywordRule('{"a.b":1}', jsonRule('["a.b"]', '1'))).toEqual({ matched: true });
		});

		it('says so when the field is missing', () => {
			const verdict = matchKeywordRule('{"status":"ok"}', jsonRule('code', '1'));
			expect(verdict.matched).toBe(false);
			expect(!verdict.matched && verdict.message).toContain('the response has no "code"');
		});

		it('fails a body that is not JSON with a reason that says so', () => {
			const verdict = matchKeywordRule('<html>ok</html>', jsonRule('code', '1'));
			expect(verdict).toEqual({
				matched: false,
				message: 'The response body is not JSON, so "code = "1"" cannot be checked. Body: <html>ok</html>',
			});
		});

		it('rejects an unreadable path when the rule is compiled', () => {
			expect(() => parseJsonPath('a..b')).toThrow(/cannot be read near/);
			expect(() => parseJsonPath('$')).toThrow(/empty/);
		});

		it('compares values as text whatever JSON type the target used', () => {
			fc.assert(
				fc.property(fc.integer(), (n) => valueMatches(n, String(n)) && valueMatches(String(n), String(n)) && !valueMatches(n + 1, String(n))),
			);
			expect(valueMatches(true, 'true')).toBe(true);
			expect(valueMatches(null, 'null')).toBe(true);
			expect(valueMatches(1.5, '1.50')).toBe(true);
			expect(valueMatches({ a: 1 }, '{"a":1}')).toBe(true);
			expect(valueMatches('1', '01')).toBe(false);
		});
	});

	describe('contains', () => {
		it('matches a body that contains the text', () => {
			expect(matchKeywordRule('success', compileKeywordRule({ kind: 'contains', text: 'success' }))).toEqual({ matched: true });
		});

		it('fails a body without it, quoting the body', () => {
			const verdict = matchKeywordRule('failed', compileKeywordRule({ kind: 'contains', text: 'success' }));
			expect(verdict).toEqual({ matched: false, message: 'Expected the body contains "success", but it does not. Body: failed' });
		});
	});

	describe('regex', () => {
		it('accepts a bare pattern', () => {
			expect(matchKeywordRule('{"code": 1}', compileKeywordRule({ kind: 'regex', pattern: '"code":\\s*"?1"?' }))).toEqual({ matched: true });
		});

		it('accepts /pattern/flags and ignores the stateful g flag', () => {
			const rule = compileKeywordRule({ kind: 'regex', pattern: '/SUCCESS/gi' });
			expect(matchKeywordRule('success', rule)).toEqual({ matched: true });
			expect(matchKeywordRule('success', rule)).toEqual({ matched: true });
		});

		it('rejects an invalid expression when compiled', () => {
			expect(() => compileKeywordRule({ kind: 'regex', pattern: '(' })).toThrow(/The regular expression \( is not valid/);
		});

		it('fails a body that does not match', () => {
			expect(matchKeywordRule('nope', compileKeywordRule({ kind: 'regex', pattern: '^ok$' })).matched).toBe(false);
		});
	});
});
