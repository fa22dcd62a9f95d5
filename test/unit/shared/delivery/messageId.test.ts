import {
	existingMessageId,
	generateMessageId,
	resolveMessageId,
	withMessageIdHeader,
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

	it('sends X-Message-Id when not signing with Standard Webhooks', () => {
		expect(withMessageIdHeader({ a: '1' }, 'msg_1', false)).toEqual({ a: '1', 'X-Message-Id': 'msg_1' });
	});

	it('sends webhook-id, replacing any other spelling, when signing with Standard Webhooks', () => {
		expect(withMessageIdHeader({ 'Webhook-Id': 'old' }, 'msg_1', true)).toEqual({ 'webhook-id': 'msg_1' });
	});

	it('leaves a webhook-id an upstream signature covers alone', () => {
		const headers = { 'webhook-id': 'msg_signed', 'webhook-signature': 'v1,x' };
		expect(withMessageIdHeader(headers, 'msg_other', false)).toBe(headers);
	});
});
