/**
 * The signing engine's contract. Every scheme module (standardWebhooks.ts, jiandaoyun.ts, …) exports
 * `sign` and `verify` over these shapes; `schemes.ts` is the table of them, keyed by `config.scheme`.
 * No n8n types here: the trigger core, Sign Request and Send Outbound Message all call the same
 * functions.
 */

export const signatureSchemes = [
	'standardWebhooks',
	'jiandaoyun',
	'hesiSignKey',
	'github',
	'stripe',
	'dingtalk',
	'feishu',
	'customHmac',
] as const;

export type SignatureScheme = (typeof signatureSchemes)[number];

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type SignatureEncoding = 'hex' | 'base64';

/** Scheme plus the options that scheme needs. */
export type SchemeConfig =
	| { scheme: 'standardWebhooks'; /** 'v1' HMAC-SHA256 (default) or 'v1a' Ed25519 */ variant?: 'v1' | 'v1a' }
	| { scheme: 'jiandaoyun' }
	| {
			scheme: 'hesiSignKey';
			/** Where the shared key travels: a header or a top-level JSON body field. */
			location: 'header' | 'body';
			/** Header or body field name; default `signKey`. */
			name?: string;
	  }
	| { scheme: 'github' }
	| { scheme: 'stripe' }
	| { scheme: 'dingtalk' }
	| { scheme: 'feishu' }
	| {
			scheme: 'customHmac';
			algorithm: HmacAlgorithm;
			encoding: SignatureEncoding;
			/** Signed string, with {id} {timestamp} {nonce} {body} {method} {path} placeholders. */
			template: string;
			placement: 'header' | 'query';
			/** Header or query parameter that carries the signature. */
			name: string;
			/** Text before the signature, e.g. `sha256=`. */
			prefix?: string;
			/** Header/query names for the id, timestamp and nonce the template uses (if any). */
			idName?: string;
			timestampName?: string;
			nonceName?: string;
			timestampUnit?: 's' | 'ms';
	  };

/** A request about to be sent. `body` holds the exact bytes (UTF-8 text) that go on the wire. */
export interface OutgoingRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body: string;
}

/** The config shape of one scheme, e.g. `ConfigOf<'stripe'>`. */
export type ConfigOf<S extends SignatureScheme> = Extract<SchemeConfig, { scheme: S }>;

export interface SignOptions<C extends SchemeConfig = SchemeConfig> {
	config: C;
	/**
	 * Active secrets, newest first. The newest signs; with `signWithAll` every secret signs
	 * (schemes that can carry several signatures: Standard Webhooks, Stripe, custom header).
	 */
	secrets: string[];
	signWithAll?: boolean;
	/** Clock in ms since the epoch (tests pass a fixed one). Default Date.now(). */
	now?: number;
	/** Message / delivery id to sign and send (Standard Webhooks `webhook-id`, Jiandaoyun deliver id). */
	messageId?: string;
	/** Nonce for schemes that sign one (Jiandaoyun, custom). Generated when absent. */
	nonce?: string;
}

/** A request as received by a webhook: raw bytes exactly as they arrived. */
export interface ReceivedRequest {
	method: string;
	/** Path plus query string, e.g. `/webhook/jdy?timestamp=1&nonce=abc`. */
	url: string;
	/** Header names in any case; Node gives lower-case. */
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export interface VerifyOptions<C extends SchemeConfig = SchemeConfig> {
	config: C;
	/** Every secret still accepted (rotation), newest first. */
	secrets: string[];
	/** Accepted clock skew for schemes with a timestamp, in seconds. Default 300. */
	toleranceSeconds?: number;
	now?: number;
}

export type VerifyFailureReason =
	| 'missing_signature'
	| 'malformed_signature'
	| 'timestamp_out_of_tolerance'
	| 'signature_mismatch'
	| 'no_secret_configured';

export type VerifyResult =
	| {
			valid: true;
			/** Delivery / message id the scheme carries (webhook-id, X-JDY-DeliverId), for dedupe. */
			deliveryId?: string;
			/** Signed timestamp in seconds, where the scheme has one. */
			timestamp?: number;
	  }
	| {
			valid: false;
			reason: VerifyFailureReason;
			/** Short, safe to show the sender: names the part that failed, never the expected value. */
			message: string;
	  };
