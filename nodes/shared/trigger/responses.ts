import type { EventSource, JsonObject, SourceAnswer, SuccessStatus, TriggerResponse } from './types';

/**
 * The answers a trigger gives. Success (also for unselected events and duplicates, which the
 * sender must not retry) is the configured status and body; failures are 401 (signature) or 400
 * (malformed JSON, schema) with a short reason. Sources with a fixed answer shape (OFS) put their
 * own body around both.
 */

const jsonType = 'application/json; charset=utf-8';
const textType = 'text/plain; charset=utf-8';

function isJsonText(text: string): boolean {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
	try {
		JSON.parse(trimmed);
		return true;
	} catch {
		return false;
	}
}

/** A configured body: JSON text goes out as application/json, anything else as text/plain. */
export function bodyResponse(status: number, body: string): TriggerResponse {
	if (status === 204) return { status };
	return { status, body, contentType: isJsonText(body) ? jsonType : textType };
}

export function jsonResponse(status: number, body: JsonObject): TriggerResponse {
	if (status === 204) return { status };
	return { status, body: JSON.stringify(body), contentType: jsonType };
}

export function successResponse(
	source: EventSource,
	configured: { status: SuccessStatus; body: string },
	answer: Omit<SourceAnswer, 'success'>,
): TriggerResponse {
	if (source.answerBody) return jsonResponse(configured.status, source.answerBody({ ...answer, success: true }));
	return bodyResponse(configured.status, configured.body);
}

/** 401 / 400 with `{ error, message }`, or the source's own failure shape. */
export function failureResponse(
	source: EventSource,
	status: 400 | 401,
	error: string,
	answer: Omit<SourceAnswer, 'success'>,
): TriggerResponse {
	if (source.answerBody) return jsonResponse(status, source.answerBody({ ...answer, success: false }));
	return jsonResponse(status, { error, message: answer.message });
}
