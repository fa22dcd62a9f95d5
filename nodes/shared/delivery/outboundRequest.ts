import { describeJsonSyntaxProblem, findJsonSyntaxProblem, isJsonMediaType } from './jsonSyntax';
import { type ContentType, InvalidRequestError, contentTypeHeaders, encodeBody } from './requestBody';
import { type NameValue, checkHeaders, hasHeader, headerValue, headersOf } from './requestHeaders';
import { maskUrl } from './secretMasking';
import type { DeliveryRequest } from './types';

/**
 * Builds the request for one item. With the body source "request", the item's `json.request`
 * (`{url?, method?, headers?, body?}`, written by Sign Request or Format Fields) is the request:
 * its URL, method and headers are used as they are and a string body is sent byte for byte, because
 * a signature may cover them. The node's URL and method fill in what the item's request leaves out,
 * and the node's headers are added where the item has no header of that name.
 */

export const bodySources = ['request', 'wholeItem', 'custom'] as const;

export type BodySource = (typeof bodySources)[number];

/**
 * Where an item's body came from, as the record states it (`delivery.bodyFrom`): the item's
 * `request.body`, JSON of the whole item, or the node's Custom Body; null when no body was sent.
 */
export type BodyFrom = 'request' | 'wholeItem' | 'custom';

export type { NameValue } from './requestHeaders';

export interface RequestSettings {
	/** The node's URL; may be empty when items carry `request.url`. */
	url: string;
	method: string;
	headers: readonly NameValue[];
	queryParameters: readonly NameValue[];
	bodySource: BodySource;
	/** The body for `custom`: text (sent as it is) or a value to serialise. */
	customBody?: unknown;
	contentType: ContentType;
	/** Content-Type for `raw` bodies. */
	rawContentType?: string;
}

/**
 * Keys a delivering node adds to an item, and `outbox`, the claim the Outbox node adds to a message
 * it hands back for a re-push; they are not part of the message.
 */
export const deliveryKeys: readonly string[] = ['delivery', 'testResult', 'outbox'];

interface ItemRequest {
	url?: unknown;
	method?: unknown;
	headers?: unknown;
	body?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function itemWithoutDeliveryKeys(itemJson: Record<string, unknown>): Record<string, unknown> {
	if (!deliveryKeys.some((key) => key in itemJson)) return itemJson;
	const copy = { ...itemJson };
	for (const key of deliveryKeys) delete copy[key];
	return copy;
}

/** Where the URL came from, as the user sees it: the node's field or the item's request. */
export type UrlSource = 'node' | 'item';

const urlFix: Record<UrlSource, string> = {
	node: 'Correct the "URL" field of the node.',
	item: "It is the item's request.url (from Sign Request or Format Fields): correct the URL there.",
};

/**
 * Checks the URL and appends the node's query parameters as text, leaving every existing byte as it
 * is. Throws an Error saying what is wrong with the URL (the caller says where it came from).
 */
function targetUrl(url: string, queryParameters: readonly NameValue[]): string {
	const trimmed = url.trim();
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		throw new Error('is not valid: use a full URL such as https://example.com/webhook');
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		// WHATWG URL parses `htp://host/ok` as a URL of an unknown scheme (origin "null"): a typo, usually.
		throw new Error(`has the scheme "${parsed.protocol.slice(0, -1)}", which cannot be called: only http and https targets can, e.g. https://example.com/webhook`);
	}
	const hashAt = trimmed.indexOf('#');
	const withoutFragment = hashAt === -1 ? trimmed : trimmed.slice(0, hashAt);
	const pairs = queryParameters
		.filter(({ name }) => name.trim() !== '')
		.map(({ name, value }) => `${encodeURIComponent(name.trim())}=${encodeURIComponent(value === undefined || value === null ? '' : String(value))}`);
	if (pairs.length === 0) return withoutFragment;
	const separator = withoutFragment.includes('?') ? (/[?&]$/.test(withoutFragment) ? '' : '&') : '?';
	return `${withoutFragment}${separator}${pairs.join('&')}`;
}

/** The URL that was to be used cannot be called: the record then names no target. */
export class InvalidUrlError extends InvalidRequestError {}

function urlProblem(url: string, problem: string, source: UrlSource): InvalidUrlError {
	// The message goes into the record: the URL's password and tokens are masked there too.
	return new InvalidUrlError(`The URL "${maskUrl(url.trim())}" ${problem}. ${urlFix[source]}`);
}

type UrlResolver = (url: string, source: UrlSource) => string;

/**
 * A builder of requests for many items with the same settings. It checks each distinct URL once:
 * usually every item goes to the node's one URL, and parsing it per item is a measurable part of
 * the per-item cost.
 */
export function createRequestBuilder(settings: RequestSettings): (itemJson: Record<string, unknown>) => DeliveryRequest {
	const checked = new Map<string, { url: string } | { error: string }>();
	const resolveUrl: UrlResolver = (url, source) => {
		let result = checked.get(url);
		if (!result) {
			try {
				result = { url: targetUrl(url, settings.queryParameters) };
			} catch (error) {
				result = { error: (error as Error).message };
			}
			checked.set(url, result);
		}
		if ('error' in result) throw urlProblem(url, result.error, source);
		return result.url;
	};
	return (itemJson) => build(itemJson, settings, resolveUrl);
}

/** The request for one item. Throws InvalidRequestError with a message naming what to fix. */
export function buildOutboundRequest(itemJson: Record<string, unknown>, settings: RequestSettings): DeliveryRequest {
	return build(itemJson, settings, (url, source) => {
		try {
			return targetUrl(url, settings.queryParameters);
		} catch (error) {
			throw urlProblem(url, (error as Error).message, source);
		}
	});
}

/** The item's own request, used when the body source is "request" and the item has one. */
function itemRequestOf(itemJson: Record<string, unknown>, settings: RequestSettings): ItemRequest | undefined {
	return settings.bodySource === 'request' && isObject(itemJson.request) ? (itemJson.request as ItemRequest) : undefined;
}

function isBodyless(method: string): boolean {
	return method === 'GET' || method === 'HEAD';
}

/**
 * Where the body `build` sends for this item comes from (null: no body, for GET and HEAD). The
 * same choice as `build` makes, for the record.
 */
export function bodyFromOf(itemJson: Record<string, unknown>, settings: RequestSettings): BodyFrom | null {
	const itemRequest = itemRequestOf(itemJson, settings);
	const itemMethod = typeof itemRequest?.method === 'string' && itemRequest.method.trim() !== '' ? itemRequest.method : undefined;
	if (isBodyless((itemMethod ?? settings.method ?? 'POST').trim().toUpperCase())) return null;
	if (settings.bodySource === 'custom') return 'custom';
	return itemRequest ? 'request' : 'wholeItem';
}

/**
 * A Custom Body written as text goes out as it is; under a JSON content type it must be JSON, or
 * the receiver gets a body its parser refuses while the delivery counts as a success.
 */
function checkCustomJson(body: string, contentType: string): void {
	if (!isJsonMediaType(contentType)) return;
	const problem = findJsonSyntaxProblem(body);
	if (!problem) return;
	throw new InvalidRequestError(
		`The Body is not valid JSON, yet it would be sent as ${contentType}: ${describeJsonSyntaxProblem(problem)}. ` +
			'Correct the Body, or set Content Type to Raw (or a Content-Type header) to send text that is not JSON.',
	);
}

function build(itemJson: Record<string, unknown>, settings: RequestSettings, resolveUrl: UrlResolver): DeliveryRequest {
	const itemRequest = itemRequestOf(itemJson, settings);

	const itemUrl = typeof itemRequest?.url === 'string' && itemRequest.url.trim() !== '' ? itemRequest.url : undefined;
	const url = itemUrl ?? settings.url;
	if (!url || url.trim() === '') {
		throw new InvalidRequestError('No URL to send to: set "URL" on the node, or give the item a request.url (Sign Request does)');
	}
	const itemMethod = typeof itemRequest?.method === 'string' && itemRequest.method.trim() !== '' ? itemRequest.method : undefined;
	const method = (itemMethod ?? settings.method ?? 'POST').trim().toUpperCase();
	if (!/^[A-Z]+$/.test(method)) throw new InvalidRequestError(`"${method}" is not an HTTP method`);

	const headers = headersOf(itemRequest, settings.headers);
	checkHeaders(headers);

	let bodyValue: unknown;
	if (settings.bodySource === 'custom') bodyValue = settings.customBody;
	else if (itemRequest) bodyValue = itemRequest.body;
	else bodyValue = itemWithoutDeliveryKeys(itemJson);
	// GET and HEAD carry no body (RFC 9110 §9.3.1: a body has no defined meaning there).
	const body = isBodyless(method) ? undefined : encodeBody(bodyValue, settings.contentType);

	if (body !== undefined && !hasHeader(headers, 'content-type')) {
		headers['content-type'] =
			settings.contentType === 'raw' ? settings.rawContentType?.trim() || 'text/plain' : contentTypeHeaders[settings.contentType];
	}
	// Only text the user wrote is checked: a body serialised here is JSON by construction, and an
	// item's request is sent byte for byte (it may be signed).
	if (body !== undefined && settings.bodySource === 'custom' && typeof bodyValue === 'string') {
		checkCustomJson(body, headerValue(headers, 'content-type') ?? '');
	}
	const resolved = resolveUrl(url, itemUrl === undefined ? 'node' : 'item');
	if (resolved.includes('@') && !hasHeader(headers, 'authorization')) {
		const authorization = basicAuthorizationOf(resolved);
		if (authorization !== undefined) headers.authorization = authorization;
	}
	return { method, url: resolved, headers, body };
}

/**
 * A user name and password in the URL (`https://user:password@host/`) as Basic authorization, the way
 * curl sends them (the connection itself never carries them).
 */
function basicAuthorizationOf(url: string): string | undefined {
	const parsed = new URL(url);
	if (parsed.username === '' && parsed.password === '') return undefined;
	const decode = (text: string): string => {
		try {
			return decodeURIComponent(text);
		} catch {
			return text;
		}
	};
	return `Basic ${Buffer.from(`${decode(parsed.username)}:${decode(parsed.password)}`).toString('base64')}`;
}
