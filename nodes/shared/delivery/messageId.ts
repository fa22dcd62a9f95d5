import { randomBytes, randomUUID } from 'node:crypto';

/**
 * One message keeps one id across every attempt and every hand-off, so a receiver can drop
 * duplicates (Standard Webhooks: "webhook-id … the same when a message is retried").
 */

export const standardWebhooksIdHeader = 'webhook-id';
export const messageIdHeader = 'X-Message-Id';

/** `msg_` plus 32 hex digits, in the style of Svix's message ids. */
export function generateMessageId(): string {
	return `msg_${randomUUID().replace(/-/g, '')}`;
}

/**
 * Ids for one run: `msg_` + 16 random hex digits chosen once + a counter. As unique as random ids
 * (a fresh 64-bit prefix per run), without drawing randomness for each of thousands of items.
 */
export function messageIdGenerator(): () => string {
	const prefix = `msg_${randomBytes(8).toString('hex')}`;
	let counter = 0;
	return () => `${prefix}${(counter++).toString(16).padStart(8, '0')}`;
}

function nonEmptyString(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function headerValue(headers: unknown, wanted: string): unknown {
	if (headers === null || typeof headers !== 'object') return undefined;
	for (const [name, value] of Object.entries(headers)) {
		if (name.toLowerCase() === wanted) return value;
	}
	return undefined;
}

/**
 * The id an item's message already has: the configured one, else the one a previous run of a
 * delivering node recorded (`delivery.messageId`), else the `webhook-id` a Sign Request step put in
 * `request.headers`. Undefined when the item has none yet.
 */
export function existingMessageId(itemJson: Record<string, unknown>, configured?: string): string | undefined {
	const fromConfig = nonEmptyString(configured);
	if (fromConfig) return fromConfig;
	const delivery = itemJson.delivery as { messageId?: unknown } | undefined;
	const fromRecord = delivery && typeof delivery === 'object' ? nonEmptyString(delivery.messageId) : undefined;
	if (fromRecord) return fromRecord;
	const request = itemJson.request as { headers?: unknown } | undefined;
	return request && typeof request === 'object' ? nonEmptyString(headerValue(request.headers, standardWebhooksIdHeader)) : undefined;
}

export function resolveMessageId(
	itemJson: Record<string, unknown>,
	configured?: string,
	generate: () => string = generateMessageId,
): string {
	return existingMessageId(itemJson, configured) ?? generate();
}

function hasHeader(headers: Record<string, string>, wanted: string): boolean {
	for (const name in headers) if (name.toLowerCase() === wanted) return true;
	return false;
}

/**
 * Puts the message id on `headers` (an object the caller built for this request, changed in place
 * to spare a copy per item): `webhook-id` when Standard Webhooks signing signs this request (the id
 * is part of the signed content), else `X-Message-Id`. A `webhook-id` the item already carries is
 * left alone: an upstream Sign Request step signed it.
 */
export function addMessageIdHeader(headers: Record<string, string>, messageId: string, standardWebhooks: boolean): void {
	if (standardWebhooks) {
		for (const name in headers) if (name.toLowerCase() === standardWebhooksIdHeader) delete headers[name];
		headers[standardWebhooksIdHeader] = messageId;
		return;
	}
	if (hasHeader(headers, standardWebhooksIdHeader) || hasHeader(headers, messageIdHeader.toLowerCase())) return;
	headers[messageIdHeader] = messageId;
}
