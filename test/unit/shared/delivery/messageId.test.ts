import {
	addMessageIdHeader,
	existingMessageId,
	generateMessageId,
	messageIdGenerator,
	resolveMessageId,
} from '../../../../nodes/shared/delivery/messageId';

describe('message id', () => {
	it('generates msg_ followed by 32 hex digits, different each time', () => {
		const first = generateMessageId();
		expect(first).toMatch(/^msg_[0-9a-f]{32}$/);
		expect(generateMessageId()).not.toBe(first);
	});

	it('prefers the configured id', () => {
		expect(resolveMessageId({ delivery: { messageId: 'msg_old' } }, ' order-17 ')).toBe('order-17');
	});

	it("takes the id of the item's earlier delivery", () => {
		expect(resolveMessageId({ delivery: { messageId: 'msg_old' }, request: { headers: { 'webhook-id': 'msg_sig' } } })).toBe('msg_old');
	});

	it('takes the webhook-id Sign Request put on the request, in any case', () => {
		expect(existingMessageId({ request: { headers: { 'Webhook-Id': 'msg_sig' } } })).toBe('msg_sig');
	});

	it('generates one when the item has none', () => {
		expect(existingMessageId({ orderId: 1 })).toBeUndefined();
		expect(resolveMessageId({ orderId: 1 })).toMatch(/^msg_/);
	});

	const withId = (headers: Record<string, string>, id: string, standardWebhooks: boolean) => {
		addMessageIdHeader(headers, id, standardWebhooks);
		return headers;
	};

	it('sends X-Message-Id when not signing with Standard Webhooks', () => {
		expect(withId({ a: '1' }, 'msg_1', false)).toEqual({ a: '1', 'X-Message-Id': 'msg_1' });
	});

	it('sends webhook-id, replacing any other spelling, when signing with Standard Webhooks', () => {
		expect(withId({ 'Webhook-Id': 'old' }, 'msg_1', true)).toEqual({ 'webhook-id': 'msg_1' });
	});

	it('leaves a webhook-id an upstream signature covers alone', () => {
		expect(withId({ 'webhook-id': 'msg_signed', 'webhook-signature': 'v1,x' }, 'msg_other', false)).toEqual({
			'webhook-id': 'msg_signed',
			'webhook-signature': 'v1,x',
		});
	});

	it('numbers the ids of one run after a random prefix', () => {
		const next = messageIdGenerator();
		const [a, b] = [next(), next()];
		expect(a).toMatch(/^msg_[0-9a-f]{16}00000000$/);
		expect(b.slice(0, 20)).toBe(a.slice(0, 20));
		expect(b).not.toBe(a);
		expect(messageIdGenerator()().slice(0, 20)).not.toBe(a.slice(0, 20));
	});
});
