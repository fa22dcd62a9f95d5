import type { OutgoingRequest, ReceivedRequest } from '../../../../nodes/shared/signing/types';

/** Test fixtures: an outgoing request and the request a server would receive from it. */
export function outgoing(body: string, url = 'https://example.com/hooks/in?tenant=a%20b'): OutgoingRequest {
	return { method: 'POST', url, headers: { 'content-type': 'application/json' }, body };
}

/** What the receiving server sees: path + query, lower-case header names, the raw body bytes. */
export function receivedFrom(request: OutgoingRequest, body: Buffer = Buffer.from(request.body, 'utf8')): ReceivedRequest {
	const url = new URL(request.url);
	return {
		method: request.method,
		url: url.pathname + url.search,
		headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key.toLowerCase(), value])),
		body,
	};
}
