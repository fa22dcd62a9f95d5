/**
 * The remembered deliveries of a trigger node as saved in the workflow's static data.
 *
 * One string holds every key, not one object property per key: n8n reads the workflow's static data
 * from the database (JSON.parse) for each webhook request and again for each execution, and wraps it
 * (n8n-workflow's ObservableObject walks every property of every object in it) each time, so a
 * property per key would cost every request O(n) inside n8n, where a string costs a copy.
 *
 * `writer` (random per process) and `revision` (that process's write count) name a saved copy: a
 * process merges the static data into its own memory only when it holds a copy it has not merged or
 * written itself (another process saved, or this process restarted), not on every request.
 */
export type StoredDeliveries = {
	version: 2;
	writer: string;
	revision: number;
	/** `digest:expiry` pairs (expiry in seconds since the epoch), comma-separated, oldest first. */
	keys: string;
};

/** What versions before 2 saved: digest → expiry, oldest first. Read, and replaced on the next save. */
export type LegacyStoredDeliveries = Record<string, number>;

/** The writer of copies saved before writers were recorded. */
export const legacyWriter = 'legacy';

export interface SavedCopy {
	writer: string;
	revision: number;
	/** The saved keys and expiries; parsed only when called (O(n)). */
	keys(): Iterable<readonly [string, number]>;
}

/** The copy saved in the static data (either format), or undefined when there is none. O(1). */
export function savedCopyOf(stored: unknown): SavedCopy | undefined {
	if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return undefined;
	const record = stored as Record<string, unknown>;
	if (record.version === 2) {
		const { writer, revision, keys } = record;
		if (typeof writer !== 'string' || typeof revision !== 'number' || typeof keys !== 'string') return undefined;
		return { writer, revision, keys: () => parseKeys(keys) };
	}
	return { writer: legacyWriter, revision: 0, keys: () => legacyKeys(record) };
}

export function storeDeliveries(
	keys: Iterable<readonly [string, number]>,
	copy: { writer: string; revision: number },
): StoredDeliveries {
	const pairs: string[] = [];
	for (const [digest, expiresAt] of keys) pairs.push(`${digest}:${expiresAt}`);
	return { version: 2, writer: copy.writer, revision: copy.revision, keys: pairs.join(',') };
}

function* parseKeys(keys: string): Iterable<readonly [string, number]> {
	if (keys === '') return;
	for (const pair of keys.split(',')) {
		const colon = pair.indexOf(':');
		const expiresAt = Number(pair.slice(colon + 1));
		if (colon > 0 && Number.isFinite(expiresAt)) yield [pair.slice(0, colon), expiresAt];
	}
}

function* legacyKeys(memory: Record<string, unknown>): Iterable<readonly [string, number]> {
	for (const [digest, expiresAt] of Object.entries(memory)) {
		if (typeof expiresAt === 'number' && Number.isFinite(expiresAt)) yield [digest, expiresAt];
	}
}
