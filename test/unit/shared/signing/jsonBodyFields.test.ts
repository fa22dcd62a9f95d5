import { withJsonFields } from '../../../../nodes/shared/signing/jsonBodyFields';

describe('withJsonFields', () => {
	it('inserts into an empty object and keeps its spacing', () => {
		expect(withJsonFields(' { } ', { a: '1' })).toBe(' {"a":"1" } ');
	});

	it('replaces an existing top-level value and leaves nested keys of the same name alone', () => {
		const body = '{"inner":{"sign":"keep"},"sign":"old","list":["}",{"sign":1}]}';
		expect(withJsonFields(body, { sign: 'new' })).toBe('{"inner":{"sign":"keep"},"sign":"new","list":["}",{"sign":1}]}');
	});

	it('handles strings with escaped quotes and braces before the field', () => {
		const body = '{"t":"a\\"}{","sign" : 12 , "z":null}';
		expect(withJsonFields(body, { sign: 'x' })).toBe('{"t":"a\\"}{","sign" : "x" , "z":null}');
	});

	it('keeps numbers beyond 2^53 exactly', () => {
		expect(withJsonFields('{"id":12345678901234567890}', { s: 'x' })).toBe('{"s":"x","id":12345678901234567890}');
	});

	it('throws for text that is not JSON, without quoting it', () => {
		expect(() => withJsonFields('secret=abc', { sign: 'x' })).toThrow('Cannot add sign to the body: the body is not valid JSON');
	});
});
