/** The store keeps times as epoch milliseconds (types.ts); what nodes show of them is ISO 8601 text, null for no time. */
export function isoOrNull(epochMs: number | null): string | null {
	return epochMs === null ? null : new Date(epochMs).toISOString();
}
