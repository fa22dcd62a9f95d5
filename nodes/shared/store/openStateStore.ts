import * as path from 'node:path';

import type { StateStore, StateStoreConfig } from './types';

type Opener<K extends StateStoreConfig['kind']> = (config: Extract<StateStoreConfig, { kind: K }>) => StateStore;

/**
 * Opens the store a config names. Each implementation is loaded on first use only: a workflow on
 * the embedded store never loads the `pg` driver, and one on PostgreSQL never opens `node:sqlite`
 * (which a runtime may lack; sqliteStore.ts says so in its error).
 */
export function openStateStore(config: StateStoreConfig): StateStore {
	if (config.kind === 'postgres') {
		const { openPostgresStateStore } = require('./postgresStore') as { openPostgresStateStore: Opener<'postgres'> };
		return openPostgresStateStore(config);
	}
	const { openSqliteStateStore } = require('./sqliteStore') as { openSqliteStateStore: Opener<'embedded'> };
	return openSqliteStateStore(config);
}

/**
 * The n8n folder as n8n 2.41 resolves it (@n8n/config getN8nFolder: `N8N_USER_FOLDER`, else the
 * home directory, else the working directory, plus `.n8n`). Resolved at each use, so tests can
 * point it away.
 */
export function n8nFolder(): string {
	const home = process.platform === 'win32' ? process.env.USERPROFILE : process.env.HOME;
	return path.join(process.env.N8N_USER_FOLDER ?? home ?? process.cwd(), '.n8n');
}

/**
 * The embedded store's file when no credential names one: `OUTBOUND_MESSAGES_STATE_PATH` if set
 * (an install-wide override, e.g. a shared volume), else `<n8n folder>/outbound-messages/state.db`.
 */
export function defaultStatePath(): string {
	const override = process.env.OUTBOUND_MESSAGES_STATE_PATH?.trim();
	if (override) return path.resolve(override);
	return path.join(n8nFolder(), 'outbound-messages', 'state.db');
}
