/**
 * `Retry-After` (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date. Returns the wait in ms,
 * or undefined when the header is absent or unreadable (then the backoff alone decides).
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | undefined {
	const text = (Array.isArray(value) ? value[0] : value)?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// RFC 9110 only allows IMF-fixdate (and two obsolete forms), all of which name a weekday and GMT.
	if (!/GMT$/i.test(text)) return undefined;
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - nowMs);
}
