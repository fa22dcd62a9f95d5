import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';

import { checkClaimLimit, checkPageLimit, decodePageCursor, encodePageCursor } from './pageCursor';
import {
	StateStoreError,
	type Acknowledgement,
	type BatchTask,
	type ClaimRequest,
	type FuseRecord,
	type MessageFilter,
	type MessageRecord,
	type MessageStats,
	type MessageStatus,
	type MessageWrite,
	type Page,
	type PageRequest,
	type StateStore,
	type StateStoreConfig,
	type TaskState,
	type Versioned,
} from './types';

/**
 * The embedded state store (DESIGN.md §5): one file database on Node's built-in `node:sqlite`, no
 * server. Several n8n processes on one machine share the file: WAL mode lets readers run beside the
 * one writer, the busy timeout makes a writer wait for another process's lock instead of failing,
 * and every read-then-write runs in `BEGIN IMMEDIATE`, which takes the write lock before reading,
 * so two processes never both claim a record or both remember a key.
 *
 * node:sqlite is synchronous; the methods are async to honour the interface (the PostgreSQL store
 * is truly async). Nothing awaits inside a transaction, so calls on one handle never interleave.
 */

type EmbeddedConfig = Extract<StateStoreConfig, { kind: 'embedded' }>;
type SqliteModule = typeof import('node:sqlite');
type Row = Record<string, SQLOutputValue>;

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

/**
 * Versioned schema: migration N brings `PRAGMA user_version` from N-1 to N. Append, never edit a
 * released one. Applied in one immediate transaction, so two processes opening a new file at the
 * same moment do not both migrate.
 */
const migrations: readonly string[] = [
	`
	CREATE TABLE remembered_keys (
		namespace TEXT NOT NULL,
		key TEXT NOT NULL,
		expires_at INTEGER NOT NULL,
		PRIMARY KEY (namespace, key)
	) WITHOUT ROWID;
	CREATE INDEX remembered_keys_expires ON remembered_keys (expires_at);

	CREATE TABLE versioned_values (
		namespace TEXT NOT NULL,
		key TEXT NOT NULL,
		value TEXT NOT NULL,
		version INTEGER NOT NULL,
		PRIMARY KEY (namespace, key)
	) WITHOUT ROWID;

	CREATE TABLE window_buckets (
		namespace TEXT NOT NULL,
		key TEXT NOT NULL,
		bucket_start INTEGER NOT NULL,
		field TEXT NOT NULL,
		count REAL NOT NULL,
		PRIMARY KEY (namespace, key, bucket_start, field)
	) WITHOUT ROWID;
	CREATE INDEX window_buckets_start ON window_buckets (bucket_start);

	CREATE TABLE messages (
		message_id TEXT PRIMARY KEY NOT NULL,
		status TEXT NOT NULL,
		reason TEXT,
		target TEXT,
		event TEXT,
		flow_id TEXT,
		receiver TEXT,
		source TEXT,
		attempts INTEGER NOT NULL DEFAULT 0,
		repushes INTEGER NOT NULL DEFAULT 0,
		next_due_at INTEGER,
		lease_owner TEXT,
		lease_until INTEGER,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		last_attempt_at INTEGER,
		payload TEXT,
		delivery TEXT
	);
	CREATE INDEX messages_due ON messages (next_due_at, message_id) WHERE next_due_at IS NOT NULL;
	CREATE INDEX messages_updated ON messages (updated_at, message_id);
	-- Partial: a row without a flow id (many push log rows) adds no entry; a search by flow id
	-- (flow_id IN …) implies flow_id IS NOT NULL, so SQLite still uses it. Measured: ~1 µs a row less.
	CREATE INDEX messages_flow ON messages (flow_id) WHERE flow_id IS NOT NULL;

	CREATE TABLE fuses (
		id TEXT PRIMARY KEY NOT NULL,
		target TEXT NOT NULL,
		opened_at INTEGER NOT NULL,
		recovered_at INTEGER,
		cause TEXT
	);
	CREATE UNIQUE INDEX fuses_one_open ON fuses (target) WHERE recovered_at IS NULL;
	CREATE INDEX fuses_opened ON fuses (opened_at, id);

	CREATE TABLE tasks (
		id TEXT PRIMARY KEY NOT NULL,
		kind TEXT NOT NULL,
		state TEXT NOT NULL,
		spec TEXT NOT NULL,
		cursor TEXT,
		total INTEGER NOT NULL,
		done INTEGER NOT NULL,
		failed INTEGER NOT NULL,
		error TEXT,
		created_at INTEGER NOT NULL,
		updated_at INTEGER NOT NULL,
		version INTEGER NOT NULL
	);
	CREATE INDEX tasks_created ON tasks (created_at, id);
	CREATE INDEX tasks_state ON tasks (state);
	`,
];

export const sqliteSchemaVersion = migrations.length;

/** How many rows a `writeMessages` call needs to go to the writer thread: below it, posting costs more than writing. */
export const writerThreadFromRows = 64;

/**
 * Opens (creating when missing) the embedded store at `config.path`. `tuning.writerThreadFromRows`
 * is for tests that run the contract with every write on the writer thread.
 */
export function openSqliteStateStore(config: EmbeddedConfig, tuning: { writerThreadFromRows?: number } = {}): StateStore {
	const sqlite = loadSqlite();
	const file = path.resolve(config.path);
	let db: DatabaseSync;
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		db = new sqlite.DatabaseSync(file, { timeout: config.busyTimeoutMs ?? 5000 });
	} catch (error) {
		throw new StateStoreError(`Cannot open the state store file ${file}: ${(error as Error).message}`, 'unavailable');
	}
	try {
		db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(config.busyTimeoutMs ?? 5000))}`);
		db.exec('PRAGMA journal_mode = WAL');
		db.exec('PRAGMA synchronous = NORMAL');
		migrate(db, file);
		// Table statistics let the planner walk the (updated_at, message_id) index for a page instead of
		// sorting every row a broad filter matches; SQLite's advice for long-lived connections, bounded.
		db.exec('PRAGMA analysis_limit = 1000');
		db.exec('PRAGMA optimize = 0x10002');
	} catch (error) {
		db.close();
		if (error instanceof StateStoreError) throw error;
		throw new StateStoreError(`Cannot prepare the state store file ${file}: ${(error as Error).message}`, 'unavailable');
	}
	return new SqliteStateStore(db, file, Math.max(0, Math.floor(config.busyTimeoutMs ?? 5000)), tuning.writerThreadFromRows ?? writerThreadFromRows);
}

function migrate(db: DatabaseSync, file: string): void {
	db.exec('BEGIN IMMEDIATE');
	try {
		const current = Number((db.prepare('PRAGMA user_version').get() as Row).user_version);
		if (current > migrations.length) {
			throw new StateStoreError(
				`The state store file ${file} has schema version ${current}, newer than this package knows (${migrations.length}): update the package on every n8n process sharing it.`,
				'migration',
			);
		}
		for (let version = current + 1; version <= migrations.length; version++) {
			db.exec(migrations[version - 1]);
			db.exec(`PRAGMA user_version = ${version}`);
		}
		db.exec('COMMIT');
	} catch (error) {
		db.exec('ROLLBACK');
		throw error;
	}
}

// ---- Row mapping ----------------------------------------------------------------------------

const nullableText = (value: SQLOutputValue): string | null => (value === null || value === undefined ? null : String(value));
const nullableNumber = (value: SQLOutputValue): number | null => (value === null || value === undefined ? null : Number(value));
const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
const parsedJson = (value: SQLOutputValue): Record<string, unknown> | null =>
	value === null || value === undefined ? null : (JSON.parse(String(value)) as Record<string, unknown>);

function messageOf(row: Row): MessageRecord {
	return {
		messageId: String(row.message_id),
		status: row.status as MessageStatus,
		reason: nullableText(row.reason),
		target: nullableText(row.target),
		event: nullableText(row.event),
		flowId: nullableText(row.flow_id),
		receiver: nullableText(row.receiver),
		source: nullableText(row.source),
		attempts: Number(row.attempts),
		repushes: Number(row.repushes),
		nextDueAt: nullableNumber(row.next_due_at),
		leaseOwner: nullableText(row.lease_owner),
		leaseUntil: nullableNumber(row.lease_until),
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
		lastAttemptAt: nullableNumber(row.last_attempt_at),
		payload: parsedJson(row.payload),
		delivery: parsedJson(row.delivery),
	};
}

/** The columns of a message row, in the order `messageColumns` lists them. */
function messageValues(record: MessageRecord): SQLInputValue[] {
	return [
		record.messageId,
		record.status,
		record.reason,
		record.target,
		record.event,
		record.flowId,
		record.receiver,
		record.source,
		record.attempts,
		record.repushes,
		record.nextDueAt,
		record.leaseOwner,
		record.leaseUntil,
		record.createdAt,
		record.updatedAt,
		record.lastAttemptAt,
		json(record.payload),
		json(record.delivery),
	];
}

const messageColumns = [
	'message_id',
	'status',
	'reason',
	'target',
	'event',
	'flow_id',
	'receiver',
	'source',
	'attempts',
	'repushes',
	'next_due_at',
	'lease_owner',
	'lease_until',
	'created_at',
	'updated_at',
	'last_attempt_at',
	'payload',
	'delivery',
];

// ---- Push log rows --------------------------------------------------------------------------

/**
 * A MessageWrite as one statement: inserts the row, or updates the existing one as the contract
 * says (attempts added, a field given replaces, one not given stays, the lease untouched). Which
 * optional fields a write gives travels as the bit mask ?15, bit n for `givenColumns[n]`
 * (messageWriteRow sets them).
 */
const givenColumns = ['reason', 'target', 'event', 'flow_id', 'receiver', 'source', 'next_due_at', 'last_attempt_at', 'payload', 'delivery'];

const upsertMessageSql = `INSERT INTO messages (${messageColumns.join(', ')})
	VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, NULL, NULL, ?11, ?11, ?12, ?13, ?14)
	ON CONFLICT (message_id) DO UPDATE SET status = excluded.status,
	${givenColumns.map((column, bit) => `${column} = CASE WHEN ?15 & ${1 << bit} THEN excluded.${column} ELSE ${column} END`).join(',\n\t')},
	attempts = attempts + excluded.attempts, updated_at = excluded.updated_at`;

/** Which of a batch's ids already have a row: the inserted and updated counts, one read for the batch. */
const presentMessagesSql = 'SELECT message_id FROM messages WHERE message_id IN (SELECT value FROM json_each(?))';

type MessageRow = Array<string | number | null>;

type WriteCounts = { inserted: number; updated: number };

interface WriterReply {
	id: number;
	inserted?: number;
	updated?: number;
	error?: { message: string; code?: string; errcode?: number; errstr?: string };
}

/** The parameters of `upsertMessageSql` for one write: plain strings and numbers, ready for a statement or a thread. */
function messageWriteRow(write: MessageWrite, now: number): MessageRow {
	// Spelled out, in givenColumns order, not a loop over field names: this runs on n8n's main thread for every push
	// log row, and ten keyed reads a row cost more than the rest of the encoding.
	const given =
		(write.reason !== undefined ? 1 : 0) |
		(write.target !== undefined ? 2 : 0) |
		(write.event !== undefined ? 4 : 0) |
		(write.flowId !== undefined ? 8 : 0) |
		(write.receiver !== undefined ? 16 : 0) |
		(write.source !== undefined ? 32 : 0) |
		(write.nextDueAt !== undefined ? 64 : 0) |
		(write.lastAttemptAt !== undefined ? 128 : 0) |
		(write.payload !== undefined ? 256 : 0) |
		(write.delivery !== undefined ? 512 : 0);
	return [
		write.messageId,
		write.status,
		write.reason ?? null,
		write.target ?? null,
		write.event ?? null,
		write.flowId ?? null,
		write.receiver ?? null,
		write.source ?? null,
		write.attempts ?? 0,
		write.nextDueAt ?? null,
		now,
		write.lastAttemptAt ?? null,
		json(write.payload),
		json(write.delivery),
		given,
	];
}

/** Runs encoded rows inside the caller's transaction. sqliteWriterThread.js runs the same loop on its own connection. */
function runMessageRows(present: StatementSync, upsert: StatementSync, rows: readonly MessageRow[]): { inserted: number; updated: number } {
	const ids = rows.map((row) => row[0] as string);
	const existing = new Set((present.all(JSON.stringify(ids)) as Row[]).map((row) => String(row.message_id)));
	let inserted = 0;
	let updated = 0;
	for (let index = 0; index < rows.length; index++) {
		if (existing.has(ids[index])) updated++;
		else {
			existing.add(ids[index]);
			inserted++;
		}
		upsert.run(...rows[index]);
	}
	return { inserted, updated };
}

/**
 * The store's writer thread (sqliteWriterThread.js): started on the first big write, one per open
 * store, ended by close(). node:sqlite blocks the thread it runs on; a push log batch of 500 rows
 * is ~10 ms of SQLite work that would otherwise stall every delivery in flight on n8n's main thread.
 * It keeps the process alive only while it has writes to answer.
 */
class WriterThread {
	private readonly worker: Worker;

	private readonly waiting = new Map<number, { resolve: (counts: WriteCounts) => void; reject: (error: Error) => void }>();

	private readonly inFlight = new Set<Promise<WriteCounts>>();

	private nextId = 0;

	private failure: Error | undefined;

	private readonly exited: Promise<void>;

	constructor(file: string, busyTimeoutMs: number) {
		this.worker = new Worker(path.join(__dirname, 'sqliteWriterThread.js'), {
			workerData: { file, busyTimeoutMs, presentSql: presentMessagesSql, upsertSql: upsertMessageSql },
		});
		this.worker.unref();
		this.worker.on('message', (reply: WriterReply) => {
			const waiting = this.waiting.get(reply.id);
			if (waiting === undefined) return;
			this.waiting.delete(reply.id);
			if (this.waiting.size === 0) this.worker.unref();
			if (reply.error) waiting.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code, errcode: reply.error.errcode, errstr: reply.error.errstr }));
			else waiting.resolve({ inserted: reply.inserted ?? 0, updated: reply.updated ?? 0 });
		});
		this.worker.on('error', (error) => this.fail(new StateStoreError(`The state store's writer thread for ${file} failed: ${error.message}`, 'unavailable')));
		this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
		void this.exited.then(() => this.fail(new StateStoreError(`The state store's writer thread for ${file} stopped`, 'unavailable')));
	}

	/** Writes sent and not answered yet. */
	get busy(): boolean {
		return this.waiting.size > 0;
	}

	/** False once it failed or stopped: the store then starts another. */
	get usable(): boolean {
		return this.failure === undefined;
	}

	write(rows: readonly MessageRow[]): Promise<WriteCounts> {
		if (this.failure) return Promise.reject(this.failure);
		const id = this.nextId++;
		const written = new Promise<WriteCounts>((resolve, reject) => {
			this.waiting.set(id, { resolve, reject });
			// Keeps the process alive while an answer is due, not while the thread idles.
			if (this.waiting.size === 1) this.worker.ref();
			// The rows alone: the thread reads the ids from them (each id cloned once, not twice).
			this.worker.postMessage({ id, rows });
		});
		this.inFlight.add(written);
		const settled = () => this.inFlight.delete(written);
		written.then(settled, settled);
		return written;
	}

	/** Lets the writes already sent finish, then closes the thread's connection and ends the thread. */
	async close(): Promise<void> {
		await Promise.allSettled([...this.inFlight]);
		this.worker.ref();
		if (this.failure === undefined) this.worker.postMessage({ close: true });
		this.failure ??= new StateStoreError('The state store is closed', 'unavailable');
		await this.exited;
	}

	private fail(error: Error): void {
		this.failure ??= error;
		for (const waiting of this.waiting.values()) waiting.reject(error);
		this.waiting.clear();
	}
}

function fuseOf(row: Row): FuseRecord {
	return {
		id: String(row.id),
		target: String(row.target),
		openedAt: Number(row.opened_at),
		recoveredAt: nullableNumber(row.recovered_at),
		cause: nullableText(row.cause),
	};
}

function taskOf(row: Row): BatchTask {
	return {
		id: String(row.id),
		kind: String(row.kind),
		state: row.state as TaskState,
		spec: JSON.parse(String(row.spec)) as Record<string, unknown>,
		cursor: nullableText(row.cursor),
		total: Number(row.total),
		done: Number(row.done),
		failed: Number(row.failed),
		error: nullableText(row.error),
		createdAt: Number(row.created_at),
		updatedAt: Number(row.updated_at),
		version: Number(row.version),
	};
}

// ---- Filters and pages ----------------------------------------------------------------------

interface Condition {
	sql: string;
	params: SQLInputValue[];
}

/**
 * A list filter as one JSON parameter read by json_each: no limit on how many ids a caller passes
 * (SQLite caps bound parameters), and one cached statement whatever the list's length.
 */
function inList(column: string, values: readonly string[]): Condition {
	return { sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] };
}

function messageConditions(filter: MessageFilter): Condition[] {
	const conditions: Condition[] = [];
	if (filter.messageIds !== undefined) conditions.push(inList('message_id', filter.messageIds));
	if (filter.statuses !== undefined) conditions.push(inList('status', filter.statuses));
	if (filter.events !== undefined) conditions.push(inList('event', filter.events));
	if (filter.targets !== undefined) conditions.push(inList('target', filter.targets));
	if (filter.flowIds !== undefined) conditions.push(inList('flow_id', filter.flowIds));
	if (filter.receivers !== undefined) conditions.push(inList('receiver', filter.receivers));
	if (filter.queued !== undefined) conditions.push({ sql: filter.queued ? 'next_due_at IS NOT NULL' : 'next_due_at IS NULL', params: [] });
	if (filter.updatedFrom !== undefined) conditions.push({ sql: 'updated_at >= ?', params: [filter.updatedFrom] });
	if (filter.updatedTo !== undefined) conditions.push({ sql: 'updated_at < ?', params: [filter.updatedTo] });
	return conditions;
}

function whereOf(conditions: readonly Condition[]): Condition {
	if (conditions.length === 0) return { sql: '', params: [] };
	return { sql: ` WHERE ${conditions.map((condition) => `(${condition.sql})`).join(' AND ')}`, params: conditions.flatMap((condition) => condition.params) };
}

/** Newest first by `timeColumn`, then id: rows written after the first page sort before the cursor and never shift later pages. */
function keysetAfter(after: string | null | undefined, timeColumn: string, idColumn: string): Condition[] {
	if (after === null || after === undefined) return [];
	const { time, id } = decodePageCursor(after);
	// A row value, not `t < ? OR (t = ? AND id < ?)`: SQLite reads it as one range of the (time, id) index.
	return [{ sql: `(${timeColumn}, ${idColumn}) < (?, ?)`, params: [time, id] }];
}

function isEmptyFilter(filter: MessageFilter): boolean {
	return Object.values(filter).every((value) => value === undefined);
}

class SqliteStateStore implements StateStore {
	readonly kind = 'embedded' as const;

	private readonly statements = new Map<string, StatementSync>();

	private closed = false;

	/** Started by the first write of `writerThreadFromRows` rows or more. */
	private writer: WriterThread | undefined;

	constructor(
		private readonly db: DatabaseSync,
		readonly location: string,
		private readonly busyTimeoutMs: number,
		private readonly writerThreadFromRows: number,
	) {}

	// ---- Duplicate keys ------------------------------------------------------------------------

	async rememberIfAbsent(namespace: string, key: string, ttlMs: number, now: number): Promise<boolean> {
		return this.remember(namespace, key, ttlMs, now);
	}

	async rememberManyIfAbsent(namespace: string, keys: readonly string[], ttlMs: number, now: number): Promise<boolean[]> {
		return this.immediate(() => keys.map((key) => this.remember(namespace, key, ttlMs, now)));
	}

	/** One statement, so atomic on its own: inserts, or takes over an expired key. */
	private remember(namespace: string, key: string, ttlMs: number, now: number): boolean {
		const result = this.statement(
			`INSERT INTO remembered_keys (namespace, key, expires_at) VALUES (?, ?, ?)
			 ON CONFLICT (namespace, key) DO UPDATE SET expires_at = excluded.expires_at WHERE remembered_keys.expires_at <= ?`,
		).run(namespace, key, now + ttlMs, now);
		return Number(result.changes) === 1;
	}

	async isRemembered(namespace: string, key: string, now: number): Promise<boolean> {
		return this.statement('SELECT 1 AS found FROM remembered_keys WHERE namespace = ? AND key = ? AND expires_at > ?').get(namespace, key, now) !== undefined;
	}

	async forget(namespace: string, key: string): Promise<void> {
		this.statement('DELETE FROM remembered_keys WHERE namespace = ? AND key = ?').run(namespace, key);
	}

	// ---- Compare-and-set values ----------------------------------------------------------------

	async readValue<T = unknown>(namespace: string, key: string): Promise<Versioned<T> | undefined> {
		const row = this.statement('SELECT value, version FROM versioned_values WHERE namespace = ? AND key = ?').get(namespace, key) as Row | undefined;
		return row === undefined ? undefined : { value: JSON.parse(String(row.value)) as T, version: Number(row.version) };
	}

	async compareAndSet<T = unknown>(namespace: string, key: string, value: T, expectedVersion: number | null): Promise<number | undefined> {
		const text = JSON.stringify(value ?? null);
		if (expectedVersion === null) {
			const result = this.statement('INSERT INTO versioned_values (namespace, key, value, version) VALUES (?, ?, ?, 1) ON CONFLICT (namespace, key) DO NOTHING').run(
				namespace,
				key,
				text,
			);
			return Number(result.changes) === 1 ? 1 : undefined;
		}
		const row = this.statement('UPDATE versioned_values SET value = ?, version = version + 1 WHERE namespace = ? AND key = ? AND version = ? RETURNING version').get(
			text,
			namespace,
			key,
			expectedVersion,
		) as Row | undefined;
		return row === undefined ? undefined : Number(row.version);
	}

	async listValues<T = unknown>(namespace: string): Promise<Array<{ key: string } & Versioned<T>>> {
		const rows = this.statement('SELECT key, value, version FROM versioned_values WHERE namespace = ? ORDER BY key').all(namespace) as Row[];
		return rows.map((row) => ({ key: String(row.key), value: JSON.parse(String(row.value)) as T, version: Number(row.version) }));
	}

	// ---- Windowed counters ---------------------------------------------------------------------

	async addToWindow(namespace: string, key: string, deltas: Record<string, number>, now: number, bucketMs: number, windowMs: number): Promise<Record<string, number>> {
		const bucketStart = Math.floor(now / bucketMs) * bucketMs;
		return this.immediate(() => {
			const add = this.statement(
				`INSERT INTO window_buckets (namespace, key, bucket_start, field, count) VALUES (?, ?, ?, ?, ?)
				 ON CONFLICT (namespace, key, bucket_start, field) DO UPDATE SET count = count + excluded.count`,
			);
			for (const [field, delta] of Object.entries(deltas)) add.run(namespace, key, bucketStart, field, delta);
			return this.windowSums(namespace, key, now - windowMs);
		});
	}

	async readWindow(namespace: string, key: string, since: number): Promise<Record<string, number>> {
		return this.windowSums(namespace, key, since);
	}

	private windowSums(namespace: string, key: string, since: number): Record<string, number> {
		const rows = this.statement('SELECT field, SUM(count) AS total FROM window_buckets WHERE namespace = ? AND key = ? AND bucket_start >= ? GROUP BY field').all(
			namespace,
			key,
			since,
		) as Row[];
		return Object.fromEntries(rows.map((row) => [String(row.field), Number(row.total)]));
	}

	// ---- Push log and outbox -------------------------------------------------------------------

	async writeMessages(writes: readonly MessageWrite[], now: number): Promise<{ inserted: number; updated: number }> {
		this.checkOpen();
		// Encoded here, before anything is written: a row that cannot be encoded fails the whole call.
		const rows = writes.map((write) => messageWriteRow(write, now));
		// Through the writer thread once one has work queued, so calls complete in the order they came.
		if (writes.length >= this.writerThreadFromRows || this.writer?.busy) return this.writerThread().write(rows);
		return this.immediate(() => runMessageRows(this.statement(presentMessagesSql), this.statement(upsertMessageSql), rows));
	}

	async claimDue(request: ClaimRequest): Promise<MessageRecord[]> {
		checkClaimLimit(request.limit);
		const conditions: Condition[] = [
			{ sql: 'next_due_at <= ?', params: [request.now] },
			{ sql: 'lease_until IS NULL OR lease_until <= ?', params: [request.now] },
		];
		if (request.maxRepushes !== undefined) conditions.push({ sql: 'repushes < ?', params: [request.maxRepushes] });
		conditions.push(...messageConditions({ targets: request.filter?.targets, events: request.filter?.events, statuses: request.filter?.statuses }));
		const where = whereOf(conditions);
		return this.immediate(() => {
			const rows = this.statement(
				`UPDATE messages SET lease_owner = ?, lease_until = ?, repushes = repushes + 1, updated_at = ?
				 WHERE message_id IN (SELECT message_id FROM messages${where.sql} ORDER BY next_due_at, message_id LIMIT ?)
				 RETURNING *`,
			).all(request.owner, request.now + request.leaseMs, request.now, ...where.params, request.limit) as Row[];
			// RETURNING follows the update's order, not the subquery's.
			return rows.map(messageOf).sort((a, b) => (a.nextDueAt ?? 0) - (b.nextDueAt ?? 0) || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
		});
	}

	async acknowledge(messageId: string, owner: string, ack: Acknowledgement, now: number): Promise<boolean> {
		return this.immediate(() => {
			const existing = this.readMessage(messageId);
			if (existing === undefined || existing.leaseOwner !== owner) return false;
			const retry = ack.outcome === 'retry';
			this.writeMessage({
				...existing,
				status: retry ? (ack.status ?? 'retrying') : ack.outcome,
				reason: ack.reason !== undefined ? ack.reason : ack.outcome === 'succeeded' ? null : existing.reason,
				attempts: existing.attempts + (ack.attempts ?? 0),
				nextDueAt: retry ? ack.nextDueAt : null,
				leaseOwner: null,
				leaseUntil: null,
				lastAttemptAt: ack.lastAttemptAt !== undefined ? ack.lastAttemptAt : existing.lastAttemptAt,
				delivery: ack.delivery !== undefined ? ack.delivery : existing.delivery,
				updatedAt: now,
			});
			return true;
		});
	}

	async release(messageId: string, owner: string, _now: number): Promise<boolean> {
		// The record goes back as it was: the claim's re-push did not happen, so it is taken back.
		const result = this.statement(
			'UPDATE messages SET lease_owner = NULL, lease_until = NULL, repushes = MAX(repushes - 1, 0) WHERE message_id = ? AND lease_owner = ?',
		).run(messageId, owner);
		return Number(result.changes) === 1;
	}

	async requeue(filter: MessageFilter, dueAt: number, now: number): Promise<number> {
		const where = whereOf(messageConditions(filter));
		const result = this.statement(`UPDATE messages SET next_due_at = ?, updated_at = ?${where.sql}`).run(dueAt, now, ...where.params);
		return Number(result.changes);
	}

	async getMessage(messageId: string): Promise<MessageRecord | undefined> {
		return this.readMessage(messageId);
	}

	async searchMessages(filter: MessageFilter, page: PageRequest): Promise<Page<MessageRecord>> {
		checkPageLimit(page.limit);
		const conditions = messageConditions(filter);
		const where = whereOf(conditions);
		const pageWhere = whereOf([...conditions, ...keysetAfter(page.after, 'updated_at', 'message_id')]);
		// One read transaction: the total and the page see the same snapshot.
		return this.readTransaction(() => {
			const total = Number((this.statement(`SELECT COUNT(*) AS total FROM messages${where.sql}`).get(...where.params) as Row).total);
			const rows = this.statement(`SELECT * FROM messages${pageWhere.sql} ORDER BY updated_at DESC, message_id DESC LIMIT ?`).all(
				...pageWhere.params,
				page.limit + 1,
			) as Row[];
			const items = rows.slice(0, page.limit).map(messageOf);
			const last = items[items.length - 1];
			return { items, total, next: rows.length > page.limit ? encodePageCursor(last.updatedAt, last.messageId) : null };
		});
	}

	async deleteMessages(filter: MessageFilter): Promise<number> {
		if (isEmptyFilter(filter)) return 0;
		const where = whereOf(messageConditions(filter));
		return Number(this.statement(`DELETE FROM messages${where.sql}`).run(...where.params).changes);
	}

	async purge(request: { olderThan: number; statuses: readonly MessageStatus[]; now: number }): Promise<{ messages: number; keys: number; buckets: number }> {
		const purged = this.immediate(() => {
			const status = inList('status', request.statuses);
			const messages = this.statement(`DELETE FROM messages WHERE ${status.sql} AND updated_at < ? AND next_due_at IS NULL`).run(...status.params, request.olderThan).changes;
			const keys = this.statement('DELETE FROM remembered_keys WHERE expires_at <= ?').run(request.now).changes;
			const buckets = this.statement('DELETE FROM window_buckets WHERE bucket_start < ?').run(request.olderThan).changes;
			return { messages: Number(messages), keys: Number(keys), buckets: Number(buckets) };
		});
		// Large deletes change the tables' shape: refresh the planner's statistics where they are stale.
		this.db.exec('PRAGMA optimize');
		return purged;
	}

	async stats(now: number): Promise<MessageStats> {
		return this.readTransaction(() => {
			const byStatus: MessageStats['byStatus'] = {};
			for (const row of this.statement('SELECT status, COUNT(*) AS count FROM messages GROUP BY status').all() as Row[]) {
				byStatus[row.status as MessageStatus] = Number(row.count);
			}
			const byTarget = (this.statement('SELECT target, status, COUNT(*) AS count FROM messages GROUP BY target, status ORDER BY target, status').all() as Row[]).map(
				(row) => ({ target: nullableText(row.target), status: row.status as MessageStatus, count: Number(row.count) }),
			);
			const outbox = this.statement(
				`SELECT COUNT(*) AS queued,
				 COALESCE(SUM(CASE WHEN next_due_at <= ? AND (lease_until IS NULL OR lease_until <= ?) THEN 1 ELSE 0 END), 0) AS due
				 FROM messages WHERE next_due_at IS NOT NULL`,
			).get(now, now) as Row;
			return { byStatus, byTarget, queued: Number(outbox.queued), due: Number(outbox.due) };
		});
	}

	private readMessage(messageId: string): MessageRecord | undefined {
		const row = this.statement('SELECT * FROM messages WHERE message_id = ?').get(messageId) as Row | undefined;
		return row === undefined ? undefined : messageOf(row);
	}

	private writeMessage(record: MessageRecord): void {
		const [messageId, ...rest] = messageValues(record);
		this.statement(`UPDATE messages SET ${messageColumns.slice(1).map((column) => `${column} = ?`).join(', ')} WHERE message_id = ?`).run(...rest, messageId);
	}

	// ---- Fuse records --------------------------------------------------------------------------

	async openFuse(target: string, at: number, cause: string | null): Promise<{ fuse: FuseRecord; opened: boolean }> {
		return this.immediate(() => {
			const open = this.statement('SELECT * FROM fuses WHERE target = ? AND recovered_at IS NULL').get(target) as Row | undefined;
			if (open !== undefined) return { fuse: fuseOf(open), opened: false };
			const row = this.statement('INSERT INTO fuses (id, target, opened_at, recovered_at, cause) VALUES (?, ?, ?, NULL, ?) RETURNING *').get(
				randomUUID(),
				target,
				at,
				cause,
			) as Row;
			return { fuse: fuseOf(row), opened: true };
		});
	}

	async closeFuse(target: string, at: number): Promise<FuseRecord | undefined> {
		const row = this.statement('UPDATE fuses SET recovered_at = ? WHERE target = ? AND recovered_at IS NULL RETURNING *').get(at, target) as Row | undefined;
		return row === undefined ? undefined : fuseOf(row);
	}

	async listFuses(filter: { target?: string; since?: number }, page: PageRequest): Promise<Page<FuseRecord>> {
		checkPageLimit(page.limit);
		const conditions: Condition[] = [];
		if (filter.target !== undefined) conditions.push({ sql: 'target = ?', params: [filter.target] });
		if (filter.since !== undefined) conditions.push({ sql: 'opened_at >= ?', params: [filter.since] });
		return this.page(
			'fuses',
			conditions,
			'opened_at',
			page,
			fuseOf,
			(fuse) => encodePageCursor(fuse.openedAt, fuse.id),
		);
	}

	// ---- Batch tasks ---------------------------------------------------------------------------

	async createTask(task: { kind: string; spec: Record<string, unknown>; total: number }, now: number): Promise<BatchTask> {
		const row = this.statement(
			`INSERT INTO tasks (id, kind, state, spec, cursor, total, done, failed, error, created_at, updated_at, version)
			 VALUES (?, ?, 'running', ?, NULL, ?, 0, 0, NULL, ?, ?, 1) RETURNING *`,
		).get(randomUUID(), task.kind, JSON.stringify(task.spec), task.total, now, now) as Row;
		return taskOf(row);
	}

	async getTask(id: string): Promise<BatchTask | undefined> {
		const row = this.statement('SELECT * FROM tasks WHERE id = ?').get(id) as Row | undefined;
		return row === undefined ? undefined : taskOf(row);
	}

	async updateTask(
		id: string,
		expectedVersion: number,
		change: Partial<Pick<BatchTask, 'state' | 'cursor' | 'total' | 'done' | 'failed' | 'error'>>,
		now: number,
	): Promise<BatchTask | undefined> {
		return this.immediate(() => {
			const current = this.statement('SELECT * FROM tasks WHERE id = ? AND version = ?').get(id, expectedVersion) as Row | undefined;
			if (current === undefined) return undefined;
			const task = { ...taskOf(current), ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) };
			const row = this.statement(
				'UPDATE tasks SET state = ?, cursor = ?, total = ?, done = ?, failed = ?, error = ?, updated_at = ?, version = version + 1 WHERE id = ? RETURNING *',
			).get(task.state, task.cursor, task.total, task.done, task.failed, task.error, now, id) as Row;
			return taskOf(row);
		});
	}

	async listTasks(filter: { states?: TaskState[]; since?: number }, page: PageRequest): Promise<Page<BatchTask>> {
		checkPageLimit(page.limit);
		const conditions: Condition[] = [];
		if (filter.states !== undefined) conditions.push(inList('state', filter.states));
		if (filter.since !== undefined) conditions.push({ sql: 'created_at >= ?', params: [filter.since] });
		return this.page('tasks', conditions, 'created_at', page, taskOf, (task) => encodePageCursor(task.createdAt, task.id));
	}

	async deleteTask(id: string): Promise<boolean> {
		return Number(this.statement('DELETE FROM tasks WHERE id = ?').run(id).changes) === 1;
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		await this.writer?.close();
		this.statements.clear();
		try {
			this.db.exec('PRAGMA optimize');
		} finally {
			this.db.close();
		}
	}

	// ---- Plumbing ------------------------------------------------------------------------------

	/** A newest-first keyset page of `table` (ordered by `timeColumn`, then `id`). */
	private page<T>(table: string, conditions: Condition[], timeColumn: string, page: PageRequest, map: (row: Row) => T, cursorOf: (item: T) => string): Page<T> {
		const where = whereOf(conditions);
		const pageWhere = whereOf([...conditions, ...keysetAfter(page.after, timeColumn, 'id')]);
		return this.readTransaction(() => {
			const total = Number((this.statement(`SELECT COUNT(*) AS total FROM ${table}${where.sql}`).get(...where.params) as Row).total);
			const rows = this.statement(`SELECT * FROM ${table}${pageWhere.sql} ORDER BY ${timeColumn} DESC, id DESC LIMIT ?`).all(...pageWhere.params, page.limit + 1) as Row[];
			const items = rows.slice(0, page.limit).map(map);
			return { items, total, next: rows.length > page.limit ? cursorOf(items[items.length - 1]) : null };
		});
	}

	private writerThread(): WriterThread {
		if (this.writer === undefined || !this.writer.usable) this.writer = new WriterThread(this.location, this.busyTimeoutMs);
		return this.writer;
	}

	private checkOpen(): void {
		if (this.closed) throw new StateStoreError(`The state store ${this.location} is closed`, 'unavailable');
	}

	private statement(sql: string): StatementSync {
		this.checkOpen();
		let statement = this.statements.get(sql);
		if (statement === undefined) {
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}

	/** Takes the write lock before reading (waiting up to the busy timeout for another process), so what is read is still true when written. */
	private immediate<T>(work: () => T): T {
		return this.transaction('BEGIN IMMEDIATE', work);
	}

	/** Several reads that must agree (a page and its total). */
	private readTransaction<T>(work: () => T): T {
		return this.transaction('BEGIN DEFERRED', work);
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
