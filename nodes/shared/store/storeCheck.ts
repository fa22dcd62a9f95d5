import { randomBytes } from 'node:crypto';

import { openStateStore } from './openStateStore';
import type { StateStore, StateStoreConfig } from './types';

/**
 * The Outbound State Store credential's test, without n8n: opens the store a config describes,
 * remembers and forgets a probe key (a write, so a read-only file or a user without rights to create
 * the tables fails here, not at the first event), and closes it again. A fresh store, not the
 * process's cached one: the test must judge exactly these settings, and leave no pool open.
 */

/** Where the probe key goes; it lives a minute at most even if forgetting it fails. */
const probeNamespace = 'credential-test';
const probeTtlMs = 60_000;

/** What the store is, in words: "the embedded file …" or "PostgreSQL at …". */
function describe(config: StateStoreConfig): string {
	if (config.kind === 'embedded') return `the embedded file ${config.path}`;
	return `PostgreSQL at ${config.host}:${config.port}, database ${config.database}, schema ${config.schema}`;
}

/** The error codes along an error's `cause` chain (Node's `ECONNREFUSED`, PostgreSQL's SQLSTATE, SQLite's `SQLITE_…`). */
function codesOf(error: unknown): string[] {
	const codes: string[] = [];
	for (let current = error as { code?: unknown; errcode?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string') codes.push(current.code);
		if (typeof current.errcode === 'number') codes.push(`errcode:${current.errcode}`);
		current = current.cause as typeof current;
	}
	return codes;
}

/**
 * What to do about a store that failed, by the credential's labels. The store's own message is kept
 * (it names the file or server); a known cause it does not explain yet adds the fix.
 */
export function explainStoreProblem(error: unknown, config: StateStoreConfig): string {
	const message = error instanceof Error ? error.message : String(error);
	const codes = codesOf(error);
	const has = (...wanted: string[]) => wanted.some((code) => codes.includes(code) || message.includes(code));
	let fix: string | undefined;
	// The PostgreSQL store words its connection failures itself (what to check, by the credential's labels).
	const worded = (error as { name?: unknown } | undefined)?.name === 'StateStoreError';
	if (config.kind === 'postgres') {
		if (worded) return message;
		if (has('ECONNREFUSED')) fix = `Nothing accepts connections at ${config.host}:${config.port}: check Host and Port, and that PostgreSQL is running and listens there`;
		else if (has('ENOTFOUND', 'EAI_AGAIN')) fix = `The host name ${config.host} is not known: check Host`;
		else if (has('ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH')) fix = `${config.host}:${config.port} cannot be reached from n8n: check Host, Port and the firewall`;
		else if (has('28P01', '28000')) fix = `PostgreSQL refused user ${config.user}: check User and Password (and the server's pg_hba.conf)`;
		else if (has('3D000')) fix = `There is no database ${config.database} on the server: check Database, or create it`;
		else if (has('42501')) fix = `User ${config.user} may not create the tables in schema ${config.schema}: grant it CREATE there, or choose another Schema`;
	} else if (has('EEXIST', 'ENOTDIR')) {
		fix = `A file is in the way of the folder of ${config.path}: choose another File Path`;
	} else if (has('EACCES', 'EPERM', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'readonly database', 'unable to open database')) {
		fix = `n8n cannot write ${config.path}: give the user n8n runs as write access to the file and its folder, or choose another File Path`;
	}
	return fix === undefined ? message : `${fix}. (${message})`;
}

/**
 * Opens the store, writes and removes a probe key, closes it. Resolves with a line for the user
 * ("Connected to …"); rejects with an Error whose message says what is wrong and what to change.
 */
export async function checkStateStore(config: StateStoreConfig, open: (config: StateStoreConfig) => StateStore = openStateStore): Promise<string> {
	let store: StateStore | undefined;
	try {
		store = open(config);
		const probe = `probe-${randomBytes(8).toString('hex')}`;
		const now = Date.now();
		await store.rememberIfAbsent(probeNamespace, probe, probeTtlMs, now);
		await store.forget(probeNamespace, probe);
		return `Connected to ${describe(config)}: the state store can be read and written`;
	} catch (error) {
		throw new Error(`Cannot use ${describe(config)}: ${explainStoreProblem(error, config)}`);
	} finally {
		await store?.close().catch(() => undefined);
	}
}
