/**
 * A ready request for Sign Request / Send Outbound Message: the body is serialised here, once, so
 * the bytes that are signed are the bytes that are sent (DESIGN §3: signatures are over the raw body).
 */
export interface OutboundRequest {
	url: string;
	method: string;
	headers: Record<string, string>;
	/** The JSON text of the body. */
	body: string;
}

export interface OutboundRequestOptions {
	readonly url: string;
	/** Default POST. */
	readonly method?: string;
}

export function buildOutboundRequest(body: unknown, options: OutboundRequestOptions): OutboundRequest {
	return {
		url: options.url,
		method: (options.method ?? 'POST').toUpperCase(),
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	};
}
