import {
	createSecretRedactor,
	isSecretHeader,
	maskHeaders,
	maskSecretValue,
	maskUrl,
} from '../../../../nodes/shared/delivery/secretMasking';

describe('secret masking', () => {
	it.each([
		'Authorization',
		'proxy-authorization',
		'Cookie',
		'X-Api-Key',
		'webhook-signature',
		'X-Hub-Signature-256',
		'Stripe-Signature',
		'X-JDY-Signature',
		'X-Auth-Token',
		'x-client-secret',
		'signKey',
	])('treats %s as secret-bearing', (name) => {
		expect(isSecretHeader(name)).toBe(true);
	});

	it.each(['content-type', 'webhook-id', 'webhook-timestamp', 'X-Message-Id', 'X-JDY-DeliverId', 'user-agent'])('leaves %s visible', (name) => {
		expect(isSecretHeader(name)).toBe(false);
	});

	it('keeps the auth scheme of Authorization', () => {
		expect(maskSecretValue('Authorization', 'Bearer eyJhbGciOi.abc.def')).toBe('Bearer ***');
		expect(maskSecretValue('Authorization', 'Basic dXNlcjpwYXNz')).toBe('Basic ***');
		expect(maskSecretValue('Authorization', 'rawtoken')).toBe('***');
	});

	it('keeps the version prefix of every Standard Webhooks signature', () => {
		expect(maskSecretValue('webhook-signature', 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1a,abc')).toBe('v1,*** v1a,***');
	});

	it('keeps the algorithm of a GitHub signature', () => {
		expect(maskSecretValue('X-Hub-Signature-256', 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17')).toBe('sha256=***');
	});

	it('keeps the timestamp of a Stripe signature and masks each signature', () => {
		expect(maskSecretValue('Stripe-Signature', 't=1492774577,v1=5257a869e7ec,v0=6ffbb59b2300')).toBe('t=1492774577,v1=***,v0=***');
	});

	it('masks a bare base64 secret whole, padding and all', () => {
		expect(maskSecretValue('X-Api-Key', 'c2VjcmV0a2V5MTI=')).toBe('***');
		expect(maskSecretValue('X-Api-Key', 'dGVzdA==')).toBe('***');
	});

	it('masks cookies whole', () => {
		expect(maskSecretValue('Cookie', 'session=abc; theme=dark')).toBe('***');
	});

	it('copies headers only when something is masked, never changing the input', () => {
		const plain = { 'content-type': 'application/json' };
		expect(maskHeaders(plain)).toBe(plain);
		const signed = { 'content-type': 'application/json', 'X-Api-Key': 'k-123' };
		expect(maskHeaders(signed)).toEqual({ 'content-type': 'application/json', 'X-Api-Key': '***' });
		expect(signed['X-Api-Key']).toBe('k-123');
	});

	it('masks secret query parameters and leaves the rest of the URL as it was', () => {
		expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=xyz%3D')).toBe(
			'https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1700000000000&sign=***',
		);
		expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6#top')).toBe(
			'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***#top',
		);
		expect(maskUrl('https://example.com/hook?a=1&b')).toBe('https://example.com/hook?a=1&b');
	});

	it('masks the password of a URL that carries a user name and password, with or without a query', () => {
		expect(maskUrl('https://hook:s3cr%40t@example.com/in')).toBe('https://hook:***@example.com/in');
		expect(maskUrl('http://hook:pw@127.0.0.1:8080/in?token=abc&a=1')).toBe('http://hook:***@127.0.0.1:8080/in?token=***&a=1');
		expect(maskUrl('https://only-a-token@example.com/in')).toBe('https://***@example.com/in');
		expect(maskUrl('https://example.com/in?next=http://a:b@c/')).toBe('https://example.com/in?next=http://a:b@c/');
	});

	describe('redacting known secret values', () => {
		it('replaces every occurrence of a secret in text', () => {
			const redact = createSecretRedactor(['hesi-key-123']);
			expect(redact?.('{"signKey":"hesi-key-123","echo":"hesi-key-123"}')).toBe('{"signKey":"***","echo":"***"}');
		});

		it('also replaces a secret as JSON escapes it inside a string', () => {
			const redact = createSecretRedactor(['k"ey\\1']);
			expect(redact?.(JSON.stringify({ signKey: 'k"ey\\1' }))).toBe('{"signKey":"***"}');
		});

		it('replaces the longer of two overlapping secrets whole', () => {
			const redact = createSecretRedactor(['abcd', 'abcdefgh']);
			expect(redact?.('x abcdefgh y abcd')).toBe('x *** y ***');
		});

		it('leaves text without the secrets as it is', () => {
			const text = '{"flowId":"ID_1"}';
			expect(createSecretRedactor(['hesi-key-123'])?.(text)).toBe(text);
		});

		it('has nothing to redact for no secrets or only very short ones, which would match ordinary text', () => {
			expect(createSecretRedactor([])).toBeUndefined();
			expect(createSecretRedactor(['', 'a1'])).toBeUndefined();
		});
	});
});
