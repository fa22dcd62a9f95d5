import { createHash } from 'node:crypto';

import { openStateStore } from './openStateStore';
import type { StateStore, StateStoreConfig } from './types';

/**
 * One open store per distinct config in this process: an execution asks for its store once per
 * node run, and opening (a file handle, a connection pool, the migration check) is paid once per
 * process. A per-process cache in front of the store is allowed (CONVENTIONS: n8n habits): nothing a
 * result depends on lives here, only handles.
 */
const openStores = new Map<string, StateStore>();

/** The cache key: the config's fields, the password as a hash (so it is not kept twice in memory as text). */
function cacheKey(config: StateStoreConfig): string {
	if (config.kind === 'embedded') return JSON.stringify(config);
	const { password, ...rest } = config;
	return JSON.stringify({ ...rest, password: createHash('sha256').update(password).digest('base64url') });
}

export function cachedStateStore(config: StateStoreConfig, open: (config: StateStoreConfig) => StateStore = openStateStore): StateStore {
	const key = cacheKey(config);
	let store = openStores.get(key);
	if (!store) {
		store = open(config);
		openStores.set(key, store);
	}
	return store;
}

/** Forgets a store that failed (e.g. the server was unreachable), so the next run opens it again. */
export async function dropCachedStateStore(config: StateStoreConfig): Promise<void> {
	const key = cacheKey(config);
	const store = openStores.get(key);
	openStores.delete(key);
	await store?.close().catch(() => undefined);
}

/** Closes every store this process opened (tests, and a clean shutdown). */
export async function closeCachedStateStores(): Promise<void> {
	const stores = [...openStores.values()];
	openStores.clear();
	await Promise.all(stores.map(async (store) => await store.close().catch(() => undefined)));
}
