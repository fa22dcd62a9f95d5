import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, SQLOutputValue, StatementSync } from 'node:sqlite';

import { keysetAfter, whereOf, type Condition } from './sqliteConditions';
import { migrate } from './sqliteSchema';
import type { JsonColumn } from './storeRows';
import { StateStoreError, type Page, type PageRequest, type StateStoreConfig } from './types';

/**
 * The embedded store's one connection to its file (sqliteStore.ts): opening and preparing the
 * file, cached statements and transactions. node:sqlite is synchronous and nothing awaits inside a
 * transaction, so calls on one handle never interleave.
 */

export type EmbeddedConfig = Extract<StateStoreConfig, { kind: 'embedded' }>;
type SqliteModule = typeof import('node:sqlite');
export type Row = Record<string, SQLOutputValue>;

/** SQLite keeps JSON as text. */
export const parsedJson: JsonColumn = (value) => (value === null || value === undefined ? null : (JSON.parse(String(value)) as Record<string, unknown>));

/** What a user reads when the runtime has no node:sqlite (n8n 1.x on Node 20, or Node 22 before 22.13). */
export function unsupportedRuntimeMessage(nodeVersion: string, cause: string): string {
	return (
		`The embedded state store needs Node.js's built-in node:sqlite, which this runtime (Node.js ${nodeVersion}) does not provide (${cause}). ` +
		'Run n8n 2.x on Node.js 22.13 or later (Node.js 24 recommended), or choose the PostgreSQL state store in the Outbound State Store credential instead.'
	);
}

function loadSqlite(): SqliteModule {
	try {
		// Required here, not imported at the top: an import would fail when n8n loads the package on a
		// runtime without node:sqlite, taking down nodes that never use the embedded store.
		return require('node:sqlite') as SqliteModule;
	} catch (error) {
		throw new StateStoreError(unsupportedRuntimeMessage(process.versions.node, (error as Error).message), 'unsupported_runtime');
	}
}

/** SQLITE_BUSY (5) or SQLITE_LOCKED (6), with their extended codes: another connection holds the file. */
function isBusy(error: unknown): boolean {
	const code = (error as { errcode?: unknown }).errcode;
	return typeof code === 'number' && ((code & 0xff) === 5 || (code & 0xff) === 6);
}

/**
 * Runs a `PRAGMA optimize`, which is advice to the planner: skipped when another connection holds the
 * file. It reads, then needs the write lock, and SQLite refuses that upgrade at once (no busy wait:
 * two readers waiting for each other would deadlock), as four n8n processes opening one new file
 * together showed (a process failed to open the store).
 */
function optimizeUnlessBusy(db: DatabaseSync, sql: string): void {
	try {
		db.exec(sql);
	} catch (error) {
		if (!isBusy(error)) throw error;
	}
}

/**
 * Switches the file to write-ahead logging, waiting up to the busy timeout for other processes. The
 * switch needs the file to itself, and a connection that opened a new file before another process
 * switched it is refused at once, without SQLite's busy wait (the same upgrade rule as above): four
 * n8n processes opening one new file together failed about once in forty opens ("database is locked").
 * So the switch is tried again every few milliseconds; it happens once, when the store opens.
 */
function enableWriteAheadLog(db: DatabaseSync, timeoutMs: number): void {
	const deadline = Date.now() + timeoutMs;
	for (let attempt = 1; ; attempt++) {
		try {
			db.exec('PRAGMA journal_mode = WAL');
			return;
		} catch (error) {
			if (!isBusy(error) || Date.now() >= deadline) throw error;
			// A synchronous pause (node:sqlite is synchronous too): 1, 2, 4 … up to 25 ms.
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(25, 2 ** (attempt - 1)));
		}
	}
}

/** Opens (creating when missing) and migrates the file at `config.path`. */
export function openSqliteConnection(config: EmbeddedConfig): SqliteConnection {
	const sqlite = loadSqlite();
	const file = path.resolve(config.path);
	let db: DatabaseSync;
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		db = new sqlite.DatabaseSync(file, { timeout: config.busyTimeoutMs ?? 5000 });
	} catch (error) {
		throw new StateStoreError(`Cannot open the state store file ${file}: ${(error as Error).message}`, 'unavailable');
	}
	const busyTimeoutMs = Math.max(0, Math.floor(config.busyTimeoutMs ?? 5000));
	try {
		db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
		enableWriteAheadLog(db, busyTimeoutMs);
		db.exec('PRAGMA synchronous = NORMAL');
		migrate(db, file);
		// Table statistics let the planner walk the (updated_at, message_id) index for a page instead of
		// sorting every row a broad filter matches; SQLite's advice for long-lived connections, bounded.
		db.exec('PRAGMA analysis_limit = 1000');
		optimizeUnlessBusy(db, 'PRAGMA optimize = 0x10002');
	} catch (error) {
		db.close();
		if (error instanceof StateStoreError) throw error;
		throw new StateStoreError(`Cannot prepare the state store file ${file}: ${(error as Error).message}`, 'unavailable');
	}
	return new SqliteConnection(db, file);
}

export class SqliteConnection {
	private readonly statements = new Map<string, StatementSync>();

	private closed = false;

	constructor(
		private readonly db: DatabaseSync,
		readonly file: string,
	) {}

	checkOpen(): void {
		if (this.closed) throw new StateStoreError(`The state store ${this.file} is closed`, 'unavailable');
	}

	statement(sql: string): StatementSync {
		this.checkOpen();
		let statement = this.statements.get(sql);
		if (statement === undefined) {
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}

	exec(sql: string): void {
		this.db.exec(sql);
	}

	/** Takes the write lock before reading (waiting up to the busy timeout for another process), so what is read is still true when written. */
	immediate<T>(work: () => T): T {
		return this.transaction('BEGIN IMMEDIATE', work);
	}

	/** Several reads that must agree (a page and its total). */
	readTransaction<T>(work: () => T): T {
		return this.transaction('BEGIN DEFERRED', work);
	}

	/**
	 * A newest-first keyset page of `order.table` (by `order.time`, then `order.id`) with the total of
	 * the filter, both read in one transaction, so they see the same snapshot.
	 */
	page<T>(
		order: { table: string; time: string; id: string },
		conditions: Condition[],
		page: PageRequest,
		map: (row: Row) => T,
		cursorOf: (item: T) => string,
	): Page<T> {
		const { table, time, id } = order;
		const where = whereOf(conditions);
		const pageWhere = whereOf([...conditions, ...keysetAfter(page.after, time, id)]);
		return this.readTransaction(() => {
			const total = Number((this.statement(`SELECT COUNT(*) AS total FROM ${table}${where.sql}`).get(...where.params) as Row).total);
			const rows = this.statement(`SELECT * FROM ${table}${pageWhere.sql} ORDER BY ${time} DESC, ${id} DESC LIMIT ?`).all(...pageWhere.params, page.limit + 1) as Row[];
			const items = rows.slice(0, page.limit).map(map);
			return { items, total, next: rows.length > page.limit ? cursorOf(items[items.length - 1]) : null };
		});
	}

	/** Refuses every call from now on; true when it was open. */
	markClosed(): boolean {
		if (this.closed) return false;
		this.closed = true;
		return true;
	}

	/** After markClosed and the writer thread's end: refreshes the planner's statistics and closes the file. */
	dispose(): void {
		this.statements.clear();
		try {
			optimizeUnlessBusy(this.db, 'PRAGMA optimize');
		} finally {
			this.db.close();
		}
	}

	private transaction<T>(begin: string, work: () => T): T {
		this.statement(begin).run();
		try {
			const result = work();
			this.statement('COMMIT').run();
			return result;
		} catch (error) {
			// isTransaction is false when SQLite already rolled back (a full disk, an I/O error); Node
			// before 22.16 lacks it, and then the transaction is taken to be open.
			if (this.db.isTransaction ?? true) this.db.exec('ROLLBACK');
			throw error;
		}
	}
}
