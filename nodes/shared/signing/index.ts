import * as customHmac from './customHmac';
import * as dingtalk from './dingtalk';
import * as feishu from './feishu';
import * as github from './github';
import * as hesiSignKey from './hesiSignKey';
import * as jiandaoyun from './jiandaoyun';
import * as standardWebhooks from './standardWebhooks';
import * as stripe from './stripe';
import type { ConfigOf, OutgoingRequest, ReceivedRequest, SignOptions, VerifyOptions, VerifyResult } from './types';

export * from './types';
export { choiceLabel, signingFromCredential, splitSecrets } from './credentialConfig';
export type { CredentialSigning } from './credentialConfig';
export { defaultToleranceSeconds } from './timestampWindow';
export { newMessageId } from './standardWebhooks';

/**
 * Signs a request with the configured scheme and returns a new request (headers, query or JSON
 * body changed as the scheme requires; the input is not modified). Re-signing an already signed
 * request replaces the old signature, timestamp and nonce and keeps its message id, so a retry can
 * call this again on the same request. Throws an Error naming the problem (never a secret) when the
 * secrets or config cannot sign, or a body-carrying scheme gets a body that is not a JSON object.
 */
export function signRequest(request: OutgoingRequest, options: SignOptions): OutgoingRequest {
	// Each case narrows `options.config`; the casts only say so for `options` (no copy on the hot path).
	const config = options.config;
	switch (config.scheme) {
		case 'standardWebhooks':
			return standardWebhooks.sign(request, options as SignOptions<ConfigOf<'standardWebhooks'>>);
		case 'jiandaoyun':
			return jiandaoyun.sign(request, options as SignOptions<ConfigOf<'jiandaoyun'>>);
		case 'hesiSignKey':
			return hesiSignKey.sign(request, options as SignOptions<ConfigOf<'hesiSignKey'>>);
		case 'github':
			return github.sign(request, options as SignOptions<ConfigOf<'github'>>);
		case 'stripe':
			return stripe.sign(request, options as SignOptions<ConfigOf<'stripe'>>);
		case 'dingtalk':
			return dingtalk.sign(request, options as SignOptions<ConfigOf<'dingtalk'>>);
		case 'feishu':
			return feishu.sign(request, options as SignOptions<ConfigOf<'feishu'>>);
		case 'customHmac':
			return customHmac.sign(request, options as SignOptions<ConfigOf<'customHmac'>>);
		default:
			throw new Error(`Unknown signature scheme "${(config as { scheme: string }).scheme}"`);
	}
}

/**
 * Verifies a received request on its raw body bytes. Never throws for a bad request: the result
 * says which part failed. Throws only for an unusable configuration (e.g. a malformed secret).
 */
export function verifyRequest(request: ReceivedRequest, options: VerifyOptions): VerifyResult {
	const config = options.config;
	switch (config.scheme) {
		case 'standardWebhooks':
			return standardWebhooks.verify(request, options as VerifyOptions<ConfigOf<'standardWebhooks'>>);
		case 'jiandaoyun':
			return jiandaoyun.verify(request, options as VerifyOptions<ConfigOf<'jiandaoyun'>>);
		case 'hesiSignKey':
			return hesiSignKey.verify(request, options as VerifyOptions<ConfigOf<'hesiSignKey'>>);
		case 'github':
			return github.verify(request, options as VerifyOptions<ConfigOf<'github'>>);
		case 'stripe':
			return stripe.verify(request, options as VerifyOptions<ConfigOf<'stripe'>>);
		case 'dingtalk':
			return dingtalk.verify(request, options as VerifyOptions<ConfigOf<'dingtalk'>>);
		case 'feishu':
			return feishu.verify(request, options as VerifyOptions<ConfigOf<'feishu'>>);
		case 'customHmac':
			return customHmac.verify(request, options as VerifyOptions<ConfigOf<'customHmac'>>);
		default:
			throw new Error(`Unknown signature scheme "${(config as { scheme: string }).scheme}"`);
	}
}
