/**
 * A ready request for Sign Request / Send Outbound Message: the body is serialised here, once, so
 * the bytes that are signed are the bytes that are sent (DESIGN §3: signatures are over the raw body).
 */
export interface OutboundRequest {
	/** Absent when no URL was given: Send Outbound Message then uses its own. */
	url?: string;
	/** Absent when no method was given: the signing or sending node's Method applies. */
	method?: string;
	headers: Record<string, string>;
	/** The JSON text of the body. */
	body: string;
}

export interface OutboundRequestOptions {
	/** Empty or absent: the request names no URL. */
	readonly url?: string;
	/** Default POST; empty: the request names no method. */
	readonly method?: string;
}

export function buildOutboundRequest(body: unknown, options: OutboundRequestOptions): OutboundRequest {
	const url = options.url?.trim();
	const method = (options.method ?? 'POST').trim().toUpperCase();
	return {
		...(url ? { url } : {}),
		...(method ? { method } : {}),
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	};
}
