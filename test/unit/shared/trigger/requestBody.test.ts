import { parseJsonBody } from '../../../../nodes/shared/trigger/requestBody';

describe('parseJsonBody', () => {
	it('parses a JSON object from the raw bytes', () => {
		expect(parseJsonBody(Buffer.from('{"op":"data_create","data":{"名称":"报销单"}}'))).toEqual({
			ok: true,
			value: { op: 'data_create', data: { 名称: '报销单' } },
		});
	});

	it('skips a UTF-8 byte order mark', () => {
		expect(parseJsonBody(Buffer.from('\ufeff{"a":1}', 'utf8'))).toEqual({ ok: true, value: { a: 1 } });
	});

	it('names an empty body', () => {
		expect(parseJsonBody(Buffer.alloc(0))).toEqual({ ok: false, problem: 'The request body is empty; expected a JSON object' });
	});

	it('names invalid JSON with the parser message', () => {
		const parsed = parseJsonBody(Buffer.from('{"a":'));
		expect(parsed.ok).toBe(false);
		expect(!parsed.ok && parsed.problem).toMatch(/^The request body is not valid JSON: /);
	});

	it.each([
		['[1,2]', 'an array'],
		['"text"', 'a string'],
		['42', 'a number'],
		['null', 'null'],
	])('refuses %s, which is %s rather than an object', (body, kind) => {
		expect(parseJsonBody(Buffer.from(body))).toEqual({ ok: false, problem: `The request body is ${kind}; expected a JSON object` });
	});
});
