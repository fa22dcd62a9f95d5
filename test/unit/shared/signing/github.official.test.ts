import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';

import { signRequest, verifyRequest } from '../../../../nodes/shared/signing';
import { outgoing, receivedFrom } from './requests';

// Cross-check with GitHub's own Octokit library (`@octokit/webhooks-methods` on npm, dev dependency;
// 4.1.0, the last release that ships CommonJS): its verify() is what GitHub-style receivers written
// with Octokit run, and its sign() signs as GitHub does. What we sign, it accepts; what it signs, we
// accept; both refuse a one-byte change.
const secret = 'a-long-random-shared-secret-for-the-cross-check';
const payload = '{"action":"flow.paid","flowId":"ID01owxnVgQ0BV","actionName":"已支付","amount":"10.00"}';
const config = { scheme: 'github' } as const;

describe('GitHub style signature against the official Octokit library', () => {
	it('produces an X-Hub-Signature-256 header the library verifies', async () => {
		const signed = signRequest(outgoing(payload), { config, secrets: [secret] });
		await expect(octokitVerify(secret, signed.body, signed.headers['X-Hub-Signature-256'])).resolves.toBe(true);
	});

	it('accepts what the library signs', async () => {
		const header = await octokitSign(secret, payload);
		const request = receivedFrom({ ...outgoing(payload), headers: { 'X-Hub-Signature-256': header } });
		expect(verifyRequest(request, { config, secrets: [secret] })).toMatchObject({ valid: true });
	});

	it('rejects, like the library, a body changed by one character after either side signed it', async () => {
		const tampered = payload.replace('10.00', '10.01');
		const ours = signRequest(outgoing(payload), { config, secrets: [secret] }).headers['X-Hub-Signature-256'];
		const theirs = await octokitSign(secret, payload);
		expect(ours).toBe(theirs);
		await expect(octokitVerify(secret, tampered, ours)).resolves.toBe(false);
		const request = receivedFrom({ ...outgoing(tampered), headers: { 'X-Hub-Signature-256': theirs } });
		expect(verifyRequest(request, { config, secrets: [secret] })).toMatchObject({ valid: false, reason: 'signature_mismatch' });
	});

	it('rejects, like the library, a signature made with another secret', async () => {
		const header = await octokitSign('another-secret', payload);
		await expect(octokitVerify(secret, payload, header)).resolves.toBe(false);
		const request = receivedFrom({ ...outgoing(payload), headers: { 'X-Hub-Signature-256': header } });
		expect(verifyRequest(request, { config, secrets: [secret] })).toMatchObject({ valid: false, reason: 'signature_mismatch' });
	});
});
