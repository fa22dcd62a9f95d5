import type { JsonObject } from './types';

/**
 * Jiandaoyun's old flow-message format sends one push with every recipient in `data.to`; the new
 * format sends one push per recipient with a one-element `data.to` (seed 001 §4.5.3). Splitting
 * the old format into one item per recipient, each with `data.to = [recipient]`, makes both
 * formats give the same items. A push without a `data.to` list (data push) stays one item. An empty
 * list gives no item: one item per recipient of a message to nobody is none (the trigger answers the
 * push as success and starts nothing; Jiandaoyun did nothing wrong, so it must not retry).
 */
export function splitRecipients(payload: JsonObject): JsonObject[] {
	const data = payload.data;
	if (data === null || typeof data !== 'object' || Array.isArray(data)) return [payload];
	const to = (data as JsonObject).to;
	if (!Array.isArray(to)) return [payload];
	if (to.length === 0) return [];
	if (to.length === 1) return [payload];
	return to.map((recipient) => ({ ...payload, data: { ...(data as JsonObject), to: [recipient] } }));
}
