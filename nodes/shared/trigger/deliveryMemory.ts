import { createHash } from 'node:crypto';

import type { DeliveryMemory } from './types';

/**
 * Remembered delivery keys, for duplicate suppression. The memory is a plain object (it lives in
 * the workflow's static data): a SHA-256 digest of each key (22 base64url characters, so long keys
 * cost no more than short ones) mapped to its expiry in seconds since the epoch, oldest first.
 * Expired keys are pruned on every insert, and beyond `maxKeys` the oldest are dropped: a bounded
 * memory means a duplicate older than the newest `maxKeys` deliveries is no longer recognised.
 */

export const defaultDuplicateWindowSeconds = 24 * 60 * 60;
export const defaultMaxDeliveryKeys = 10_000;

export function deliveryDigest(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 22);
}

/** True when the key was remembered and has not expired. */
export function isRemembered(memory: DeliveryMemory, key: string, nowMs: number): boolean {
	const expiresAt = memory[deliveryDigest(key)];
	return typeof expiresAt === 'number' && expiresAt > Math.floor(nowMs / 1000);
}

/**
 * A new memory holding the key (expiring `windowSeconds` from now) and every unexpired key before
 * it, at most `maxKeys` in all. The input is not modified.
 */
export function rememberDelivery(
	memory: DeliveryMemory,
	key: string,
	options: { nowMs: number; windowSeconds: number; maxKeys: number },
): DeliveryMemory {
	const now = Math.floor(options.nowMs / 1000);
	const digest = deliveryDigest(key);
	const kept = Object.entries(memory).filter(
		([stored, expiresAt]) => stored !== digest && typeof expiresAt === 'number' && expiresAt > now,
	);
	const room = Math.max(0, Math.floor(options.maxKeys) - 1);
	const next: DeliveryMemory = {};
	for (const [stored, expiresAt] of kept.slice(Math.max(0, kept.length - room))) next[stored] = expiresAt;
	next[digest] = now + Math.max(1, Math.floor(options.windowSeconds));
	return next;
}

/**
 * One memory holding every unexpired key of the given ones (the longest expiry wins), oldest first:
 * the workflow's static data plus what this process accepted since it was loaded.
 */
export function mergeMemories(memories: DeliveryMemory[], nowMs: number): DeliveryMemory {
	const now = Math.floor(nowMs / 1000);
	const expiries = new Map<string, number>();
	for (const memory of memories) {
		for (const [digest, expiresAt] of Object.entries(memory)) {
			if (typeof expiresAt !== 'number' || expiresAt <= now) continue;
			const known = expiries.get(digest);
			if (known === undefined || expiresAt > known) expiries.set(digest, expiresAt);
		}
	}
	const merged: DeliveryMemory = {};
	for (const [digest, expiresAt] of [...expiries].sort((a, b) => a[1] - b[1])) merged[digest] = expiresAt;
	return merged;
}
