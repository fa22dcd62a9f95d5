import type { EventSource, JsonObject, SourceAnswer, SuccessStatus, TriggerResponse } from './types';

/**
 * The answers a trigger gives. Success (also for unselected events and duplicates, which the
 * sender must not retry) is the configured status and body; failures are 401 (signature), 400
 * (malformed JSON, schema) or 413 (body over n8n's size limit) with a short reason. Sources with a
 * fixed answer shape (OFS) put their own body around both.
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
	answer: Omit<SourceAnswer, 'success' | 'status'>,
): TriggerResponse {
	if (source.answerBody) return jsonResponse(configured.status, source.answerBody({ ...answer, success: true, status: configured.status }));
	return bodyResponse(configured.status, configured.body);
}

/** 401 / 400 / 413 / 503 with `{ error, message }`, or the source's own failure shape. */
export function failureResponse(
	source: EventSource,
	status: 400 | 401 | 413 | 503,
	error: string,
	answer: Omit<SourceAnswer, 'success' | 'status'>,
): TriggerResponse {
	if (source.answerBody) return jsonResponse(status, source.answerBody({ ...answer, success: false, status }));
	return jsonResponse(status, { error, message: answer.message });
}

/** 413: the body is larger than the server reads (`limitBytes`), so it was neither read nor verified. */
export function payloadTooLargeResponse(source: EventSource, endpoint: string, limitBytes: number | undefined): TriggerResponse {
	const limit = limitBytes ? ` (${Math.round((limitBytes / 1024 / 1024) * 10) / 10} MiB)` : '';
	const message = `The request body is larger than this n8n accepts${limit}; n8n's N8N_PAYLOAD_SIZE_MAX sets the limit`;
	return failureResponse(source, 413, 'payload_too_large', { message, endpoint });
}

/**
 * 400: the body could not be read to its end (a corrupt gzip or deflate body, one whose compressed
 * stream ends early); `reason` says why, e.g. "gzip: incorrect header check". Nothing was verified.
 */
export function unreadableBodyResponse(source: EventSource, endpoint: string, reason: string): TriggerResponse {
	const message = `The request body could not be read: ${reason}`;
	return failureResponse(source, 400, 'unreadable_body', { message, endpoint });
}

/**
 * 503: the trigger cannot check signatures (Signature Check needs a credential that is not selected,
 * was deleted or cannot be used). Not the sender's fault and nothing was accepted: a failure status,
 * so the sender keeps the event and retries (Hesi, Jiandaoyun; OFS logs operResult "0") until the
 * trigger is fixed. `problem` says what to fix, by the labels of the panel.
 */
export function notConfiguredResponse(source: EventSource, endpoint: string, problem: string): TriggerResponse {
	const message = `This trigger is not configured to receive events yet: ${problem}`;
	return failureResponse(source, 503, 'not_configured', { message, endpoint });
}
