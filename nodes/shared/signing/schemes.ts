import * as customHmac from './customHmac';
import * as dingtalk from './dingtalk';
import * as feishu from './feishu';
import * as github from './github';
import * as hesiSignKey from './hesiSignKey';
import * as jiandaoyun from './jiandaoyun';
import * as standardWebhooks from './standardWebhooks';
import * as stripe from './stripe';
import type { ConfigOf, HmacAlgorithm, OutgoingRequest, ReceivedRequest, SignatureEncoding, SignatureScheme, SignOptions, VerifyOptions, VerifyResult } from './types';

/**
 * The credential's options of a scheme, read by field name. The reader (credentialConfig.ts) checks
 * each value and words the error with the field's label; a scheme only says which fields it reads
 * and what an empty one defaults to.
 */
export interface SchemeFields {
	text(field: string): string;
	required(field: string): string;
	oneOf<T extends string>(field: string, allowed: readonly T[], fallback: T): T;
}

/** One signature scheme: how it signs, how it verifies, and its config with the defaults filled in. */
export interface Scheme<S extends SignatureScheme> {
	sign(request: OutgoingRequest, options: SignOptions<ConfigOf<S>>): OutgoingRequest;
	verify(request: ReceivedRequest, options: VerifyOptions<ConfigOf<S>>): VerifyResult;
	config(fields: SchemeFields): ConfigOf<S>;
}

/** Every scheme, keyed by its name in the credential (`types.ts` signatureSchemes). */
export const schemes: { readonly [S in SignatureScheme]: Scheme<S> } = {
	standardWebhooks: {
		sign: standardWebhooks.sign,
		verify: standardWebhooks.verify,
		config: (fields) => ({ scheme: 'standardWebhooks', variant: fields.oneOf('standardWebhooksVariant', ['v1', 'v1a'] as const, 'v1') }),
	},
	jiandaoyun: { sign: jiandaoyun.sign, verify: jiandaoyun.verify, config: () => ({ scheme: 'jiandaoyun' }) },
	hesiSignKey: {
		sign: hesiSignKey.sign,
		verify: hesiSignKey.verify,
		config: (fields) => ({
			scheme: 'hesiSignKey',
			location: fields.oneOf('hesiLocation', ['header', 'body'] as const, 'header'),
			name: fields.text('hesiFieldName').trim() || 'signKey',
		}),
	},
	github: { sign: github.sign, verify: github.verify, config: () => ({ scheme: 'github' }) },
	stripe: { sign: stripe.sign, verify: stripe.verify, config: () => ({ scheme: 'stripe' }) },
	dingtalk: { sign: dingtalk.sign, verify: dingtalk.verify, config: () => ({ scheme: 'dingtalk' }) },
	feishu: { sign: feishu.sign, verify: feishu.verify, config: () => ({ scheme: 'feishu' }) },
	customHmac: {
		sign: customHmac.sign,
		verify: customHmac.verify,
		config: (fields) => ({
			scheme: 'customHmac',
			algorithm: fields.oneOf<HmacAlgorithm>('customAlgorithm', ['sha1', 'sha256', 'sha512'], 'sha256'),
			encoding: fields.oneOf<SignatureEncoding>('customEncoding', ['hex', 'base64'], 'hex'),
			template: fields.required('customTemplate'),
			placement: fields.oneOf('customPlacement', ['header', 'query'] as const, 'header'),
			name: fields.required('customName'),
			prefix: fields.text('customPrefix'),
			idName: fields.text('customIdName').trim() || undefined,
			timestampName: fields.text('customTimestampName').trim() || undefined,
			nonceName: fields.text('customNonceName').trim() || undefined,
			timestampUnit: fields.oneOf('customTimestampUnit', ['s', 'ms'] as const, 's'),
		}),
	},
};

/**
 * The scheme of a config. The table is keyed by scheme, so a config and its scheme's functions
 * always match; the cast only says so to TypeScript, which cannot follow a key into a union.
 */
export function schemeOf(name: string): Scheme<SignatureScheme> {
	if (!Object.hasOwn(schemes, name)) throw new Error(`Unknown signature scheme "${name}"`);
	return schemes[name as SignatureScheme] as unknown as Scheme<SignatureScheme>;
}
