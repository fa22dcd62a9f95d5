import { textAtPath } from './jsonPath';
import type { ReceivedRequest } from '../signing/types';

/**
 * Which delivery a request is, for duplicate suppression. In order:
 * 1. the JSON fields the node configures (e.g. `flowId, nodeId, action`): their values joined;
 * 2. a delivery id the sender puts in a header: the verified one (signature schemes return it),
 *    else `X-JDY-DeliverId` (Jiandaoyun) or `webhook-id` (Standard Webhooks);
 * 3. the source's own default key (OFS: state, system, flow, receiver and `receivets`).
 * None of them present: the delivery cannot be recognised and is never treated as a duplicate.
 */

export const deliveryIdHeaders = ['x-jdy-deliverid', 'webhook-id'] as const;

export function headerDeliveryId(headers: ReceivedRequest['headers']): string | undefined {
	for (const name of deliveryIdHeaders) {
		const value = headers[name];
		const text = Array.isArray(value) ? value[0] : value;
		if (text !== undefined && text.trim() !== '') return text.trim();
	}
	return undefined;
}

/** `flowId=ID01;nodeId=N1;action=flow.rejected` for the configured fields that have a value. */
export function fieldsKey(payload: unknown, fields: string[]): string | undefined {
	const parts: string[] = [];
	for (const field of fields) {
		const value = textAtPath(payload, field);
		if (value !== undefined) parts.push(`${field}=${value}`);
	}
	return parts.length === 0 ? undefined : parts.join(';');
}

export function deliveryKeyOf(input: {
	payload: unknown;
	headers: ReceivedRequest['headers'];
	verifiedDeliveryId?: string;
	fields: string[];
	sourceDefault: () => string | undefined;
}): string | undefined {
	if (input.fields.length > 0) return fieldsKey(input.payload, input.fields);
	return input.verifiedDeliveryId ?? headerDeliveryId(input.headers) ?? input.sourceDefault();
}
