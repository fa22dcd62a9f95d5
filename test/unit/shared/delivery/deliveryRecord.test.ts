import { createHash } from 'node:crypto';

import fc from 'fast-check';

import {
	invalidRequestRecord,
	readPreviousDelivery,
	recordRequest,
	recordResponse,
	recordResponseHeaders,
	targetOf,
	textPrefix,
	truncateText,
} from '../../../../nodes/shared/delivery';
import { createSecretRedactor } from '../../../../nodes/shared/delivery/secretMasking';

describe('delivery record parts', () => {
	it('cuts text at a whole character, never past the limit, keeping every whole character that fits', () => {
		// Not "no U+FFFD in the prefix": the text itself may hold U+FFFD (fast-check generates it).
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 0, max: 400 }), (text, limit) => {
				const bytes = Buffer.from(text, 'utf8');
				const prefix = textPrefix(bytes.subarray(0, limit), limit, limit < bytes.length);
				const next = text.codePointAt(prefix.length);
				const nextFits = next !== undefined && Buffer.byteLength(prefix + String.fromCodePoint(next)) <= limit;
				return text.startsWith(prefix) && Buffer.byteLength(prefix) <= limit && !nextFits;
			}),
		);
	});

	it('does not turn a character cut at the limit into U+FFFD', () => {
		const bytes = Buffer.from('a€', 'utf8'); // € is 3 bytes
		expect(textPrefix(bytes.subarray(0, 3), 3, true)).toBe('a');
		expect(textPrefix(Buffer.from('\ufffd', 'utf8'), 3)).toBe('\ufffd');
	});

	it('truncates a long request body and says so', () => {
		expect(truncateText('a'.repeat(10), 4)).toEqual({ text: 'aaaa', truncated: true });
		expect(truncateText('short', 100)).toEqual({ text: 'short', truncated: false });
	});

	it('records a request without a body as body null', () => {
		expect(recordRequest({ method: 'GET', url: 'https://x.test/a', headers: {}, body: undefined })).toEqual({
			method: 'GET',
			url: 'https://x.test/a',
			headers: {},
			body: null,
			truncated: false,
			bodyBytes: 0,
			bodySha256: null,
		});
	});

	it('records a request with known secret values redacted from body, headers and URL, after the usual masking', () => {
		const redact = createSecretRedactor(['hesi-key-123']);
		const recorded = recordRequest(
			{
				method: 'POST',
				url: 'https://x.test/a?access_token=t-1&k=hesi-key-123',
				headers: { 'X-Hesi-Key': 'hesi-key-123', Authorization: 'Bearer b-1', 'content-type': 'application/json' },
				body: '{"signKey":"hesi-key-123","n":1}',
			},
			redact,
		);
		expect(recorded).toEqual({
			method: 'POST',
			url: 'https://x.test/a?access_token=***&k=***',
			headers: { 'X-Hesi-Key': '***', Authorization: 'Bearer ***', 'content-type': 'application/json' },
			body: '{"signKey":"***","n":1}',
			truncated: false,
			// Of the bytes sent, before redaction.
			bodyBytes: 32,
			bodySha256: createHash('sha256').update('{"signKey":"hesi-key-123","n":1}').digest('hex'),
		});
	});

	it('records a response that echoes a known secret with the secret redacted', () => {
		const redact = createSecretRedactor(['hesi-key-123']);
		expect(recordResponse(200, { 'x-echo': 'hesi-key-123', vary: ['a', 'hesi-key-123'] }, 'got hesi-key-123', false, redact)).toEqual({
			status: 200,
			headers: { 'x-echo': '***', vary: ['a', '***'] },
			body: 'got ***',
			truncated: false,
		});
	});

	it('records response headers with secrets masked and connection-level headers left out', () => {
		expect(
			recordResponseHeaders({ 'set-cookie': ['a=1', 'b=2'], server: 'x', connection: 'keep-alive', 'keep-alive': 'timeout=5', date: 'Sun, 01 Mar 2026 08:00:00 GMT' }),
		).toEqual({ 'set-cookie': ['***', '***'], server: 'x', date: 'Sun, 01 Mar 2026 08:00:00 GMT' });
	});

	it('names the target by origin and path, leaving out the query', () => {
		expect(targetOf('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe('https://oapi.dingtalk.com/robot/send');
		expect(targetOf('not a url')).toBeNull();
		// WHATWG URL parses a mistyped scheme, with the origin "null": still no target.
		expect(targetOf('htp://127.0.0.1:5721/ok')).toBeNull();
		expect(targetOf('ftp://example.com/x')).toBeNull();
	});

	it('records an invalid request with no attempts', () => {
		expect(invalidRequestRecord({ messageId: 'msg_1', target: null, event: null }, 'No URL')).toEqual({
			messageId: 'msg_1',
			target: null,
			event: null,
			status: 'failed',
			reason: 'invalid_request',
			message: 'No URL',
			attempts: [],
			firstAttemptAt: null,
			lastAttemptAt: null,
			nextAttemptAt: null,
		});
	});

	it('continues only a delivery that is retrying', () => {
		const attempts = [{ at: '2026-01-01T00:00:00.000Z' }];
		expect(readPreviousDelivery({ delivery: { status: 'retrying', messageId: 'msg_1', attempts } })).toEqual({
			messageId: 'msg_1',
			attempts,
			firstAttemptAt: '2026-01-01T00:00:00.000Z',
			nextAttemptAt: null,
		});
		expect(readPreviousDelivery({ delivery: { status: 'retrying', messageId: 'msg_1', attempts, nextAttemptAt: '2026-01-01T00:01:00.000Z' } })?.nextAttemptAt).toBe(
			'2026-01-01T00:01:00.000Z',
		);
		expect(readPreviousDelivery({ delivery: { status: 'succeeded', messageId: 'msg_1', attempts } })).toBeUndefined();
		expect(readPreviousDelivery({ delivery: 'x' })).toBeUndefined();
		expect(readPreviousDelivery({})).toBeUndefined();
	});
});
