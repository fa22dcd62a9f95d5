import { signingFromCredential } from './credentialConfig';
import { signRequest, verifyRequest } from './index';
import { asymmetricKey } from './standardWebhooks';
import type { OutgoingRequest, ReceivedRequest, SchemeConfig } from './types';

/**
 * What a credential "test" can honestly check for a shared secret: there is no remote endpoint to
 * ask, so it checks locally that every secret is well formed for the scheme and that a sample
 * request signed with each one verifies. Returns a short summary; throws an Error naming what is
 * wrong (never the secret) otherwise.
 */

const sampleBody = '{"event":"credential.test","data":{"text":"签名 ✓"}}';

function sampleRequest(): OutgoingRequest {
	return {
		method: 'POST',
		url: 'https://receiver.example/webhooks/in?source=n8n',
		headers: { 'content-type': 'application/json' },
		body: sampleBody,
	};
}

function asReceived(request: OutgoingRequest): ReceivedRequest {
	const url = new URL(request.url);
	return { method: request.method, url: url.pathname + url.search, headers: { ...request.headers }, body: Buffer.from(request.body, 'utf8') };
}

function isVerifyOnly(config: SchemeConfig, secret: string): boolean {
	return config.scheme === 'standardWebhooks' && config.variant === 'v1a' && asymmetricKey(secret).privateKey === undefined;
}

export function checkSigningCredential(data: Record<string, unknown>): string {
	const { config, secrets } = signingFromCredential(data);
	const now = Date.now();
	let verifyOnly = 0;
	secrets.forEach((secret, index) => {
		const which = index === 0 ? 'Secret' : `previous secret no. ${index}`;
		try {
			if (isVerifyOnly(config, secret)) {
				verifyOnly++;
				return;
			}
			const signed = signRequest(sampleRequest(), { config, secrets: [secret], now });
			const result = verifyRequest(asReceived(signed), { config, secrets: [secret], now });
			if (!result.valid) throw new Error(`a request signed with it does not verify (${result.message})`);
		} catch (error) {
			throw new Error(`${which}: ${(error as Error).message}`);
		}
	});
	// Each secret on its own works; the whole list must also load, as verifying uses all of them.
	const signer = secrets.findIndex((secret) => !isVerifyOnly(config, secret));
	if (signer !== -1) {
		const signed = signRequest(sampleRequest(), { config, secrets: [secrets[signer]], now });
		if (!verifyRequest(asReceived(signed), { config, secrets, now }).valid) throw new Error('A request does not verify against the whole list of secrets');
	}
	const count = secrets.length === 1 ? 'The secret is' : `All ${secrets.length} secrets are`;
	const checked = verifyOnly === secrets.length ? 'public keys: they can verify, not sign' : 'a sample request signed with each verifies';
	return `${count} well formed for ${config.scheme}${'variant' in config && config.variant ? ` ${config.variant}` : ''}; ${checked}`;
}
