import { createHmac } from 'node:crypto';

import { parseTemplate, sign, verify } from '../../../../nodes/shared/signing/customHmac';
import type { ConfigOf } from '../../../../nodes/shared/signing/types';
import { outgoing, receivedFrom } from './requests';

const base: ConfigOf<'customHmac'> = {
	scheme: 'customHmac',
	algorithm: 'sha256',
	encoding: 'hex',
	template: '{method}\n{path}\n{timestamp}\n{nonce}\n{body}',
	placement: 'header',
	name: 'X-Signature',
	prefix: 'sha256=',
};
const at = 1_700_000_000_000;

describe('Custom HMAC', () => {
	it('signs the template with the placeholders filled in, as an independent HMAC computes it', () => {
		const body = '{"n":"汉字"}';
		const signed = sign(outgoing(body, 'https://example.com/a/b?x=1'), { config: base, secrets: ['s3cret'], now: at, nonce: 'n1' });
		const reference = createHmac('sha256', 's3cret').update(`POST\n/a/b\n1700000000\nn1\n${body}`).digest('hex');
		expect(signed.headers).toMatchObject({
			'X-Signature': `sha256=${reference}`,
			'X-Webhook-Timestamp': '1700000000',
			'X-Webhook-Nonce': 'n1',
		});
		expect(signed.headers['X-Webhook-Id']).toBeUndefined();
	});

	it('puts signature, timestamp (ms) and id into query parameters with the configured names', () => {
		const config: ConfigOf<'customHmac'> = {
			...base,
			template: '{id}|{timestamp}|{body}',
			placement: 'query',
			name: 'signature',
			prefix: '',
			encoding: 'base64',
			algorithm: 'sha1',
			idName: 'rid',
			timestampName: 'ts',
			timestampUnit: 'ms',
		};
		const signed = sign(outgoing('x', 'https://example.com/in'), { config, secrets: ['k'], now: at, messageId: 'm-1' });
		const reference = createHmac('sha1', 'k').update(`m-1|${at}|x`).digest('base64');
		expect(signed.url).toBe(`https://example.com/in?signature=${encodeURIComponent(reference)}&rid=m-1&ts=${at}`);
		expect(verify(receivedFrom(signed), { config, secrets: ['k'], now: at })).toEqual({
			valid: true,
			deliveryId: 'm-1',
			timestamp: at / 1000,
		});
	});

	it('writes one prefixed signature per secret in the header when signing with all, and verify accepts either', () => {
		const signed = sign(outgoing('{}'), { config: base, secrets: ['a', 'b'], signWithAll: true, now: at });
		expect(signed.headers['X-Signature']).toMatch(/^sha256=[0-9a-f]{64} sha256=[0-9a-f]{64}$/);
		expect(verify(receivedFrom(signed), { config: base, secrets: ['b'], now: at }).valid).toBe(true);
	});

	it('supports sha512', () => {
		const config = { ...base, algorithm: 'sha512' as const, template: '{body}' };
		const signed = sign(outgoing('abc'), { config, secrets: ['k'] });
		expect(signed.headers['X-Signature']).toBe('sha256=' + createHmac('sha512', 'k').update('abc').digest('hex'));
	});

	it('rejects a request whose method differs from the signed one', () => {
		const signed = sign(outgoing('{}'), { config: base, secrets: ['k'], now: at });
		expect(verify({ ...receivedFrom(signed), method: 'PUT' }, { config: base, secrets: ['k'], now: at })).toMatchObject({
			reason: 'signature_mismatch',
		});
	});

	it('names the missing nonce header the template needs', () => {
		const signed = sign(outgoing('{}'), { config: base, secrets: ['k'], now: at });
		const request = receivedFrom(signed);
		delete request.headers['x-webhook-nonce'];
		expect(verify(request, { config: base, secrets: ['k'], now: at })).toMatchObject({ message: 'Missing header X-Webhook-Nonce' });
	});

	it('signs the message id for an {ID} placeholder and sends it in the ID header', () => {
		const config = { ...base, template: '{ID}.{body}', prefix: '' };
		const signed = sign(outgoing('{}'), { config, secrets: ['k'], now: at, messageId: 'm-7' });
		expect(signed.headers).toMatchObject({
			'X-Signature': createHmac('sha256', 'k').update('m-7.{}').digest('hex'),
			'X-Webhook-Id': 'm-7',
		});
	});

	it('makes up a fresh nonce for each signature when the template signs one', () => {
		const first = sign(outgoing('{}'), { config: base, secrets: ['k'], now: at });
		const second = sign(outgoing('{}'), { config: base, secrets: ['k'], now: at });
		expect(first.headers['X-Webhook-Nonce']).toMatch(/^[0-9a-f]{20}$/);
		expect(second.headers['X-Webhook-Nonce']).not.toBe(first.headers['X-Webhook-Nonce']);
	});

	it('refuses a config without a signature name', () => {
		expect(() => sign(outgoing('{}'), { config: { ...base, name: ' ' }, secrets: ['k'] })).toThrow('needs the name');
	});
});

describe('parseTemplate', () => {
	it('reads {ID} as the id placeholder, as the credential spells it', () => {
		expect(parseTemplate('{ID}.{body}')).toEqual([{ placeholder: 'id' }, { literal: '.' }, { placeholder: 'body' }]);
	});

	it('splits literals and known placeholders and leaves unknown braces as text', () => {
		expect(parseTemplate('v0:{timestamp}:{body}{other}')).toEqual([
			{ literal: 'v0:' },
			{ placeholder: 'timestamp' },
			{ literal: ':' },
			{ placeholder: 'body' },
			{ literal: '{other}' },
		]);
	});
});
