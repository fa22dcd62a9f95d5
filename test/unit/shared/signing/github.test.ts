import { sign, verify } from '../../../../nodes/shared/signing/github';
import { outgoing, receivedFrom } from './requests';

// Golden vector: docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries,
// "Testing the webhook payload validation".
const docs = {
	secret: "It's a Secret to Everybody",
	payload: 'Hello, World!',
	header: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};
const config = { scheme: 'github' } as const;

describe('GitHub style signature', () => {
	it('signs the documented example to the documented X-Hub-Signature-256', () => {
		expect(sign(outgoing(docs.payload), { config, secrets: [docs.secret] }).headers['X-Hub-Signature-256']).toBe(docs.header);
	});

	it('verifies the documented example', () => {
		const request = { method: 'POST', url: '/gh', headers: { 'x-hub-signature-256': docs.header }, body: Buffer.from(docs.payload) };
		expect(verify(request, { config, secrets: [docs.secret] }).valid).toBe(true);
	});

	it('rejects the documented signature for "Hello, World?"', () => {
		const request = { method: 'POST', url: '/gh', headers: { 'x-hub-signature-256': docs.header }, body: Buffer.from('Hello, World?') };
		expect(verify(request, { config, secrets: [docs.secret] })).toMatchObject({ reason: 'signature_mismatch' });
	});

	it('rejects a header without the sha256= prefix as malformed', () => {
		const request = { method: 'POST', url: '/gh', headers: { 'x-hub-signature-256': docs.header.slice(7) }, body: Buffer.from(docs.payload) };
		expect(verify(request, { config, secrets: [docs.secret] })).toMatchObject({ reason: 'malformed_signature' });
	});

	it('accepts a delivery signed with a previous secret', () => {
		const signed = sign(outgoing('{}'), { config, secrets: ['old'] });
		expect(verify(receivedFrom(signed), { config, secrets: ['new', 'old'] }).valid).toBe(true);
	});

	it('returns the X-GitHub-Delivery id when present', () => {
		const signed = sign({ ...outgoing('{}'), headers: { 'X-GitHub-Delivery': 'abc' } }, { config, secrets: ['s'] });
		expect(verify(receivedFrom(signed), { config, secrets: ['s'] })).toMatchObject({ valid: true, deliveryId: 'abc' });
	});
});
