/**
 * What both stores check and hand back the same way: the opaque `next` of a page (keyset
 * pagination: the sort key of the page's last row, newest first) and the bounds of a page or a claim.
 */

/** The sort key (time, id) of a page's last row, as base64url JSON; opaque to callers. */
export function encodePageCursor(time: number, id: string): string {
	return Buffer.from(JSON.stringify([time, id]), 'utf8').toString('base64url');
}

export function decodePageCursor(cursor: string): { time: number; id: string } {
	try {
		const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (Array.isArray(decoded) && decoded.length === 2 && Number.isFinite(decoded[0]) && typeof decoded[1] === 'string') {
			return { time: decoded[0] as number, id: decoded[1] };
		}
	} catch {
		// reported below
	}
	throw new RangeError(`The page cursor "${cursor}" is not one this store returned: start again without it.`);
}

/** A page holds 1 to 1000 rows. */
export function checkPageLimit(limit: number): number {
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError(`A page holds 1 to 1000 rows, not ${limit}.`);
	return limit;
}

/** A claim takes 1 to 1000 records. */
export function checkClaimLimit(limit: number): number {
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError(`A claim takes 1 to 1000 records, not ${limit}.`);
	return limit;
}
