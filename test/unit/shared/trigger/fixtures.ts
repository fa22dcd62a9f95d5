import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

import { verifyRequest } from '../../../../nodes/shared/signing';
import type { SchemeConfig } from '../../../../nodes/shared/signing/types';
import type { EventSource, TriggerRequest, TriggerSettings } from '../../../../nodes/shared/trigger/types';

/** Test fixtures for the trigger core: signed requests made the way each sender signs them. */

export const now = Date.parse('2024-06-01T01:30:00.000Z');
export const jiandaoyunSecret = 'jdy-push-secret-2024';
/** A Standard Webhooks secret (whsec_ + base64 of 24 bytes). */
export const standardSecret = `whsec_${Buffer.from('trigger-test-secret-bytes').toString('base64')}`;

/** A Hesi signKey (签名秘钥), and the harness options of a Hesi trigger left at its default check: Hesi sends the key in a `signKey` header. */
export const hesiSignKey = 'hesi-sign-key-0f3a9c2e71';
export const signedByHesi = {
	credentials: { scheme: 'hesiSignKey', secret: hesiSignKey },
	defaultHeaders: { signKey: hesiSignKey },
};

export function settingsFor(source: EventSource, overrides: Partial<TriggerSettings> = {}): TriggerSettings {
	return {
		source,
		selection: { events: [], filters: [] },
		duplicates: { enabled: true, fields: [], windowSeconds: 24 * 3600, maxKeys: 10_000 },
		response: { ...source.defaultResponse },
		splitRecipients: false,
		...overrides,
	};
}

export function verifierFor(config: SchemeConfig, secret: string, at = now): TriggerSettings['verify'] {
	return (request) => verifyRequest(request, { config, secrets: [secret], toleranceSeconds: 300, now: at });
}

export function unsigned(payload: unknown, endpoint = 'default'): TriggerRequest {
	return {
		method: 'POST',
		url: '/webhook/test',
		headers: { 'content-type': 'application/json' },
		body: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload), 'utf8'),
		endpoint,
	};
}

/**
 * Jiandaoyun's published algorithm (seed 001 push settings; DESIGN §3), written out here rather than
 * taken from our signing module: hex(sha1("{nonce}:{body}:{secret}:{timestamp}")).
 */
export function jiandaoyunRequest(
	payload: unknown,
	options: { at?: number; deliverId?: string; secret?: string; nonce?: string } = {},
): TriggerRequest {
	const body = JSON.stringify(payload);
	const timestamp = String(Math.floor((options.at ?? now) / 1000));
	const nonce = options.nonce ?? 'b3f9a1c2';
	const signature = createHash('sha1')
		.update(`${nonce}:${body}:${options.secret ?? jiandaoyunSecret}:${timestamp}`, 'utf8')
		.digest('hex');
	return {
		method: 'POST',
		url: `/webhook/jdy?timestamp=${timestamp}&nonce=${nonce}`,
		headers: {
			'content-type': 'application/json',
			'x-jdy-signature': signature,
			'x-jdy-deliverid': options.deliverId ?? '6479a1b2c3d4e5f6a7b8c9d0',
		},
		body: Buffer.from(body, 'utf8'),
		endpoint: 'default',
	};
}

/** Signed with the official `standardwebhooks` library. */
export function standardWebhooksRequest(
	payload: unknown,
	options: { at?: number; id?: string; endpoint?: string } = {},
): TriggerRequest {
	const body = JSON.stringify(payload);
	const at = options.at ?? now;
	const id = options.id ?? 'msg_2hKZ1fD7v3Qm8pWn0sXy4Tb6';
	const signature = new Webhook(standardSecret).sign(id, new Date(at), body);
	return {
		method: 'POST',
		url: '/webhook/hesi',
		headers: {
			'content-type': 'application/json',
			'webhook-id': id,
			'webhook-timestamp': String(Math.floor(at / 1000)),
			'webhook-signature': signature,
		},
		body: Buffer.from(body, 'utf8'),
		endpoint: options.endpoint ?? 'default',
	};
}
