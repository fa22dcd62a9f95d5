import { createHash } from 'node:crypto';

/**
 * Remembered delivery keys, for duplicate suppression: a SHA-256 digest of each key (22 base64url
 * characters, so long keys cost no more than short ones) with its expiry in seconds since the epoch.
 * One memory per trigger node and process (recentDeliveries.ts), saved to the workflow's static
 * data from time to time (storedDeliveries.ts). Bounded: beyond `maxKeys` the oldest keys are
 * dropped, so a duplicate older than the newest `maxKeys` deliveries is no longer recognised.
 *
 * Each request costs O(1) amortized, whatever the number of keys: a Map finds a key, and a queue
 * (two arrays and a head index) holds the keys in the order they were remembered, which is their
 * expiry order while the node's window setting stays the same, so expired keys are pruned from its
 * front and the oldest dropped from its front. (A Map alone keeps insertion order too, but finding its
 * first entry again after deletions walks over every deleted slot until V8 compacts the table:
 * measured at 8 µs a request with 10,000 keys, 43 µs with 100,000.)
 * A shorter window breaks that order (new keys expire before older ones): the memory then sweeps
 * every key for expired ones instead, only when its earliest expiry has passed (so at most once a
 * second), until the order holds again.
 */

export const defaultDuplicateWindowSeconds = 24 * 60 * 60;
export const defaultMaxDeliveryKeys = 10_000;

/**
 * The most keys a node may keep, whatever its setting: the memory is saved whole into the workflow's
 * static data (about 33 bytes a key), which n8n loads for every request to the workflow.
 */
export const maxDeliveryKeysLimit = 100_000;

/** The node's Remembered Deliveries setting as the bound the memory uses: a whole number, 1 to the limit. */
export function deliveryKeysBound(setting: number): number {
	if (!Number.isFinite(setting)) return defaultMaxDeliveryKeys;
	return Math.min(maxDeliveryKeysLimit, Math.max(1, Math.floor(setting)));
}

export interface RememberOptions {
	nowMs: number;
	windowSeconds: number;
	maxKeys: number;
}

export function deliveryDigest(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 22);
}

/** Queues shorter than this are not compacted: a copy would cost more than the slots it frees. */
const compactAfter = 1024;

export class DeliveryMemory {
	private readonly expiries = new Map<string, number>();

	/** Remembered digests, oldest first from `head`, with the expiry each was remembered with. */
	private queueDigests: string[] = [];

	private queueExpiries: number[] = [];

	private head = 0;

	/** Whether the queue is in expiry order (each expiry at least the one before it). */
	private ordered = true;

	/** Out of order: no key expires before this second, so nothing needs sweeping until then. */
	private sweepDueAt = Number.POSITIVE_INFINITY;

	private remembered = 0;

	/** Unexpired and not yet pruned keys (expired ones are pruned when a key is remembered). */
	get size(): number {
		return this.expiries.size;
	}

	/** How many keys this memory has remembered in all (merged ones not counted): whether it changed since a save. */
	get rememberedCount(): number {
		return this.remembered;
	}

	/** True when the key was remembered and has not expired. */
	isRemembered(key: string, nowMs: number): boolean {
		const expiresAt = this.expiries.get(deliveryDigest(key));
		return expiresAt !== undefined && expiresAt > Math.floor(nowMs / 1000);
	}

	/**
	 * Remembers the key for `windowSeconds` unless it is remembered already: false for a duplicate,
	 * true for a new key. Checking and remembering in one call is what catches a repeat that arrives
	 * while its original is still being handled.
	 */
	rememberIfNew(key: string, options: RememberOptions): boolean {
		const now = Math.floor(options.nowMs / 1000);
		this.pruneExpired(now);
		// After pruning no remembered key has expired: a known digest is a duplicate.
		const digest = deliveryDigest(key);
		if (this.expiries.has(digest)) return false;

		const maxKeys = Math.max(1, Math.floor(options.maxKeys));
		while (this.expiries.size >= maxKeys) this.dropOldest();
		const expiresAt = now + Math.max(1, Math.floor(options.windowSeconds));
		if (this.ordered && this.head < this.queueExpiries.length) {
			const newest = this.queueExpiries[this.queueExpiries.length - 1];
			if (expiresAt < newest) {
				this.ordered = false;
				this.sweepDueAt = this.queueExpiries[this.head];
			}
		}
		if (!this.ordered) this.sweepDueAt = Math.min(this.sweepDueAt, expiresAt);
		this.expiries.set(digest, expiresAt);
		this.queueDigests.push(digest);
		this.queueExpiries.push(expiresAt);
		this.remembered++;
		return true;
	}

	/**
	 * Takes a remembered delivery back by its digest (its execution was never stored). Its queue slot
	 * stays until it is dropped or swept, and no longer counts. O(1).
	 */
	forget(digest: string): boolean {
		return this.expiries.delete(digest);
	}

	/**
	 * Adds saved keys (another process's, or this node's from before a restart); for a key in both, the
	 * later expiry wins, and beyond `maxKeys` the earliest expiries are dropped. O(n log n): called only
	 * when the saved copy changed. Returns whether this memory now holds keys the saved copy lacks (then
	 * it is worth saving again).
	 */
	merge(saved: Iterable<readonly [string, number]>, options: { nowMs: number; maxKeys: number }): boolean {
		const now = Math.floor(options.nowMs / 1000);
		const savedKeys = new Map<string, number>();
		for (const [digest, expiresAt] of saved) {
			if (!(expiresAt > now)) continue;
			const known = savedKeys.get(digest);
			if (known === undefined || expiresAt > known) savedKeys.set(digest, expiresAt);
		}
		const merged = new Map<string, number>(this.entries(options.nowMs));
		for (const [digest, expiresAt] of savedKeys) {
			const known = merged.get(digest);
			if (known === undefined || expiresAt > known) merged.set(digest, expiresAt);
		}
		// Oldest first by expiry (a stable sort keeps the order of equal expiries), the newest maxKeys.
		const kept = [...merged].sort((a, b) => a[1] - b[1]).slice(-Math.max(1, Math.floor(options.maxKeys)));
		this.expiries.clear();
		for (const [digest, expiresAt] of kept) this.expiries.set(digest, expiresAt);
		this.queueDigests = kept.map(([digest]) => digest);
		this.queueExpiries = kept.map(([, expiresAt]) => expiresAt);
		this.head = 0;
		this.ordered = true;
		this.sweepDueAt = Number.POSITIVE_INFINITY;
		return kept.some(([digest]) => !savedKeys.has(digest));
	}

	/**
	 * The last `count` keys remembered (by rememberIfNew; digests with expiries), oldest first: what a
	 * request added, read right after it. O(count).
	 */
	newest(count: number): Array<[string, number]> {
		const from = Math.max(this.head, this.queueDigests.length - Math.max(0, Math.floor(count)));
		const newest: Array<[string, number]> = [];
		for (let i = from; i < this.queueDigests.length; i++) newest.push([this.queueDigests[i], this.queueExpiries[i]]);
		return newest;
	}

	/** The unexpired keys (digests) with their expiries, oldest first. */
	*entries(nowMs: number): IterableIterator<[string, number]> {
		const now = Math.floor(nowMs / 1000);
		for (let i = this.head; i < this.queueDigests.length; i++) {
			const expiresAt = this.queueExpiries[i];
			if (expiresAt > now && this.expiries.get(this.queueDigests[i]) === expiresAt) {
				yield [this.queueDigests[i], expiresAt];
			}
		}
	}

	private pruneExpired(now: number): void {
		if (!this.ordered) {
			if (now >= this.sweepDueAt) this.sweep(now);
			return;
		}
		while (this.head < this.queueExpiries.length && this.queueExpiries[this.head] <= now) this.dropOldest();
	}

	private dropOldest(): void {
		const digest = this.queueDigests[this.head];
		if (this.expiries.get(digest) === this.queueExpiries[this.head]) this.expiries.delete(digest);
		this.head++;
		if (this.head >= compactAfter && this.head * 2 >= this.queueDigests.length) {
			this.queueDigests = this.queueDigests.slice(this.head);
			this.queueExpiries = this.queueExpiries.slice(this.head);
			this.head = 0;
		}
	}

	/** Out of order: drops every expired key, and notes whether the rest is in expiry order again. O(n). */
	private sweep(now: number): void {
		const digests: string[] = [];
		const expiries: number[] = [];
		let ordered = true;
		let earliest = Number.POSITIVE_INFINITY;
		for (let i = this.head; i < this.queueDigests.length; i++) {
			const digest = this.queueDigests[i];
			const expiresAt = this.queueExpiries[i];
			if (this.expiries.get(digest) !== expiresAt) continue;
			if (expiresAt <= now) {
				this.expiries.delete(digest);
				continue;
			}
			if (expiries.length > 0 && expiresAt < expiries[expiries.length - 1]) ordered = false;
			earliest = Math.min(earliest, expiresAt);
			digests.push(digest);
			expiries.push(expiresAt);
		}
		this.queueDigests = digests;
		this.queueExpiries = expiries;
		this.head = 0;
		this.ordered = ordered;
		this.sweepDueAt = ordered ? Number.POSITIVE_INFINITY : earliest;
	}
}
