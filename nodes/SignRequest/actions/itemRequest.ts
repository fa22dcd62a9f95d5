import type { OutgoingRequest, ReceivedRequest } from '../../shared/signing';

/**
 * Turning items into requests and back, without n8n types. An item's request is `json.request`
 * (`{ url, method, headers, body }`), the shape Format Fields and Send Outbound Message use.
 */

export class ItemRequestError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The body as the exact text to send: text stays as it is, anything else is serialised once as JSON. */
export function bodyText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	return JSON.stringify(value);
}

function headerValues(headers: unknown, where: string): Record<string, string> {
	if (headers === undefined || headers === null) return {};
	if (!isObject(headers)) throw new ItemRequestError(`${where} must be an object of header names and values`);
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) result[name] = value.map(String).join(', ');
		else if (typeof value === 'object') throw new ItemRequestError(`${where}: the header "${name}" is not text`);
		else result[name] = String(value);
	}
	return result;
}

function hasHeader(headers: Record<string, string>, wanted: string): boolean {
	for (const name in headers) if (name.toLowerCase() === wanted.toLowerCase()) return true;
	return false;
}

export interface SignSettings {
	url: string;
	method: string;
	headers: ReadonlyArray<{ name: string; value: string }>;
	/** The body for a request built from parameters (already chosen from the item / field / custom text). */
	body: unknown;
}

/** The item's existing request, when it has one. */
export function existingRequest(json: Record<string, unknown>): Record<string, unknown> | undefined {
	return isObject(json.request) ? json.request : undefined;
}

/**
 * The request to sign: the item's own `json.request` when present (the node's URL, method and
 * headers only fill in what it leaves out), else one built from the node's parameters. The body
 * is serialised here, once; these are the bytes that are signed and sent.
 */
export function requestToSign(json: Record<string, unknown>, settings: SignSettings): OutgoingRequest {
	const existing = existingRequest(json);
	const url = typeof existing?.url === 'string' && existing.url.trim() !== '' ? existing.url.trim() : settings.url.trim();
	const method = (typeof existing?.method === 'string' && existing.method.trim() !== '' ? existing.method : settings.method).trim().toUpperCase();
	const headers = headerValues(existing?.headers, "The item's request.headers");
	for (const { name, value } of settings.headers) {
		const trimmed = name.trim();
		if (trimmed !== '' && !hasHeader(headers, trimmed)) headers[trimmed] = value ?? '';
	}
	const body = bodyText(existing && 'body' in existing ? existing.body : settings.body);
	if (body !== '' && !hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
	return { url, method, headers, body };
}

/** The item's `request` after signing: the signed URL, headers and body over whatever else it held. */
export function signedItemRequest(json: Record<string, unknown>, signed: OutgoingRequest): Record<string, unknown> {
	return { ...existingRequest(json), url: signed.url, method: signed.method, headers: signed.headers, body: signed.body };
}

export interface ReceivedItem {
	request: ReceivedRequest;
	/** True when no raw body was available and the parsed body had to be serialised again. */
	bodyReserialised: boolean;
}

function pathAndQuery(url: string): string {
	if (!url.includes('://')) return url;
	const parsed = new URL(url);
	return parsed.pathname + parsed.search;
}

function queryString(query: unknown): string {
	if (!isObject(query)) return '';
	const pairs: string[] = [];
	for (const [name, value] of Object.entries(query)) {
		for (const one of Array.isArray(value) ? value : [value]) {
			if (one === undefined || one === null) continue;
			pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(typeof one === 'string' ? one : JSON.stringify(one))}`);
		}
	}
	return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * The received request an item carries: `json.request` (`{ method, url, headers, body }`) or the
 * Webhook node's output (`headers`, `query`, `body`, `webhookUrl`). `rawBody` is the exact bytes
 * (the Webhook node's "Raw Body" binary); without it a text body is taken as UTF-8 and a parsed
 * body is serialised again, which only verifies if the sender serialised it the same way.
 */
export function receivedRequestFromItem(json: Record<string, unknown>, rawBody?: Buffer): ReceivedItem {
	const source = existingRequest(json) ?? json;
	if (!isObject(source.headers)) {
		throw new ItemRequestError(
			'The item carries no received request: expected json.headers (as the Webhook node outputs) or json.request.headers',
		);
	}
	const headers: ReceivedRequest['headers'] = {};
	for (const [name, value] of Object.entries(source.headers)) {
		if (typeof value === 'string') headers[name] = value;
		else if (Array.isArray(value)) headers[name] = value.map(String);
		else if (typeof value === 'number' || typeof value === 'boolean') headers[name] = String(value);
	}
	let url: string;
	if (typeof source.url === 'string' && source.url !== '') url = pathAndQuery(source.url);
	else {
		const path = typeof json.webhookUrl === 'string' && json.webhookUrl.includes('://') ? new URL(json.webhookUrl).pathname : '/';
		url = path + queryString(source.query);
	}
	const method = typeof source.method === 'string' && source.method !== '' ? source.method.toUpperCase() : 'POST';
	if (rawBody) return { request: { method, url, headers, body: rawBody }, bodyReserialised: false };
	const body = source.body;
	const bodyReserialised = body !== undefined && body !== null && typeof body !== 'string';
	return { request: { method, url, headers, body: Buffer.from(bodyText(body), 'utf8') }, bodyReserialised };
}
