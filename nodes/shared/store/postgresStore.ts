/**
 * The PostgreSQL StateStore (DESIGN.md §5), for installs that outgrow one machine (n8n queue mode on
 * several hosts). Every operation is one statement or one transaction, so any number of processes
 * can share the tables: keys are remembered with INSERT … ON CONFLICT, values and tasks change by
 * compare-and-set on a version, and outbox claims take rows with FOR UPDATE SKIP LOCKED.
 *
 * The pool is created on first use, which also applies the migrations (postgresSchema.ts); an
 * unreachable server or a refused login becomes a StateStoreError `unavailable` that says what to
 * check, and the next call tries again.
 */
import { randomUUID } from 'node:crypto';

import { Pool, types as pgTypes } from 'pg';
import type { PoolClient, PoolConfig, QueryResultRow } from 'pg';

import { checkClaimLimit, checkPageLimit, decodePageCursor, encodePageCursor } from './pageCursor';
import { migrate, storeTables } from './postgresSchema';
import type { StoreTables } from './postgresSchema';
import { StateStoreError } from './types';
import type {
	Acknowledgement,
	BatchTask,
	ClaimRequest,
	FuseRecord,
	MessageFilter,
	MessageRecord,
	MessageStats,
	MessageStatus,
	MessageWrite,
	Page,
	PageRequest,
	StateStore,
	StateStoreConfig,
	TaskState,
	Versioned,
} from './types';

export type PostgresStateStoreConfig = Extract<StateStoreConfig, { kind: 'postgres' }>;

/** How long opening a connection may take before the store reports the server unavailable. */
const connectionTimeoutMs = 10_000;
/** Rows per INSERT of writeMessages: big batches stay well inside one statement's limits. */
const writeChunkSize = 500;

export function openPostgresStateStore(config: PostgresStateStoreConfig): StateStore {
	return new PostgresStateStore(config);
}

/** Every bigint here is epoch milliseconds or a count, well inside a double: read it as a number. */
const typeParsers: PoolConfig['types'] = {
	getTypeParser: (id, format) => (id === pgTypes.builtins.INT8 ? Number : pgTypes.getTypeParser(id, format)),
};

function sslOption(ssl: PostgresStateStoreConfig['ssl']): PoolConfig['ssl'] {
	if (ssl === 'require') return { rejectUnauthorized: false };
	if (ssl === 'verify') return { rejectUnauthorized: true };
	return false;
}

// ---- Rows --------------------------------------------------------------------------------------

interface MessageRow {
	message_id: string;
	status: MessageStatus;
	reason: string | null;
	target: string | null;
	event: string | null;
	flow_id: string | null;
	receiver: string | null;
	source: string | null;
	attempts: number;
	repushes: number;
	next_due_at: number | null;
	lease_owner: string | null;
	lease_until: number | null;
	created_at: number;
	updated_at: number;
	last_attempt_at: number | null;
	payload: Record<string, unknown> | null;
	delivery: Record<string, unknown> | null;
}

function toMessageRecord(row: MessageRow): MessageRecord {
	return {
		messageId: row.message_id,
		status: row.status,
		reason: row.reason,
		target: row.target,
		event: row.event,
		flowId: row.flow_id,
		receiver: row.receiver,
		source: row.source,
		attempts: row.attempts,
		repushes: row.repushes,
		nextDueAt: row.next_due_at,
		leaseOwner: row.lease_owner,
		leaseUntil: row.lease_until,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		lastAttemptAt: row.last_attempt_at,
		payload: row.payload,
		delivery: row.delivery,
	};
}

interface FuseRow {
	id: string;
	target: string;
	opened_at: number;
	recovered_at: number | null;
	cause: string | null;
}

function toFuseRecord(row: FuseRow): FuseRecord {
	return { id: row.id, target: row.target, openedAt: row.opened_at, recoveredAt: row.recovered_at, cause: row.cause };
}

interface TaskRow {
	id: string;
	kind: string;
	state: TaskState;
	spec: Record<string, unknown>;
	cursor: string | null;
	total: number;
	done: number;
	failed: number;
	error: string | null;
	created_at: number;
	updated_at: number;
	version: number;
}

function toBatchTask(row: TaskRow): BatchTask {
	return {
		id: row.id,
		kind: row.kind,
		state: row.state,
		spec: row.spec,
		cursor: row.cursor,
		total: row.total,
		done: row.done,
		failed: row.failed,
		error: row.error,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		version: row.version,
	};
}

/** A value bound as jsonb: pg would turn a JS array into a PostgreSQL array, so always send JSON text. */
function jsonb(value: unknown): string | null {
	return value === null || value === undefined ? null : JSON.stringify(value);
}

// ---- Pages -------------------------------------------------------------------------------------

function pageLimit(page: PageRequest): number {
	return checkPageLimit(page.limit);
}

/** Collects the positional parameters of one statement: `bind(value)` returns its `$n`. */
class Parameters {
	readonly values: unknown[] = [];
	bind(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

/** The WHERE conditions of a message filter, to be joined with AND; a list given empty matches nothing (`= ANY('{}')` is false). */
function messageConditions(filter: MessageFilter, parameters: Parameters): string[] {
	const conditions: string[] = [];
	const anyOf = (column: string, values: readonly string[] | undefined) => {
		if (values !== undefined) conditions.push(`${column} = ANY(${parameters.bind(values)}::text[])`);
	};
	anyOf('message_id', filter.messageIds);
	anyOf('status', filter.statuses);
	anyOf('event', filter.events);
	anyOf('target', filter.targets);
	anyOf('flow_id', filter.flowIds);
	anyOf('receiver', filter.receivers);
	if (filter.queued === true) conditions.push('next_due_at IS NOT NULL');
	if (filter.queued === false) conditions.push('next_due_at IS NULL');
	if (filter.updatedFrom !== undefined) conditions.push(`updated_at >= ${parameters.bind(filter.updatedFrom)}`);
	if (filter.updatedTo !== undefined) conditions.push(`updated_at < ${parameters.bind(filter.updatedTo)}`);
	return conditions;
}

function whereClause(conditions: readonly string[]): string {
	return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

/**
 * writeMessages: the optional fields a write may leave out, by their MessageWrite name and column.
 * A field left out keeps the row's value; a field given as null clears it.
 */
const optionalMessageFields = [
	['reason', 'reason', 'text'],
	['target', 'target', 'text'],
	['event', 'event', 'text'],
	['flowId', 'flow_id', 'text'],
	['receiver', 'receiver', 'text'],
	['source', 'source', 'text'],
	['nextDueAt', 'next_due_at', 'bigint'],
	['lastAttemptAt', 'last_attempt_at', 'bigint'],
	['payload', 'payload', 'jsonb'],
	['delivery', 'delivery', 'jsonb'],
] as const;

/** Splits writes into rounds without a repeated message id (one INSERT cannot update a row twice), keeping their order per id. */
function roundsOfDistinctIds(writes: readonly MessageWrite[]): MessageWrite[][] {
	const rounds: MessageWrite[][] = [];
	const seen = new Map<string, number>();
	for (const write of writes) {
		const round = seen.get(write.messageId) ?? 0;
		seen.set(write.messageId, round + 1);
		(rounds[round] ??= []).push(write);
	}
	return rounds;
}

// ---- Errors ------------------------------------------------------------------------------------

/** Errors of reaching or logging in to the server, as opposed to errors of a statement. */
function isConnectionFailure(error: unknown): error is Error {
	// Not `instanceof Error`: errors from Node's net module may come from another realm (jest's VM).
	if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string') return false;
	const code = (error as { code?: unknown }).code;
	if (typeof code === 'string') {
		// SQLSTATE 08 connection exception, 28 authorization, 3D000 no such database, 53300 too many
		// connections, 57P01–57P03 the server shutting down or starting up.
		if (/^(08|28)/.test(code) || ['3D000', '53300', '57P01', '57P02', '57P03'].includes(code)) return true;
		if (/^(E[A-Z]+|[A-Z_]*CERT[A-Z_]*|ERR_TLS_[A-Z_]+)$/.test(code)) return true;
	}
	return /connection terminated|timeout exceeded when trying to connect|does not support SSL/i.test((error as Error).message);
}

function whatToCheck(error: Error): string {
	const code = String((error as { code?: unknown }).code ?? '');
	if (code === 'ECONNREFUSED') return 'nothing accepts connections there: check that PostgreSQL is running and the Host and Port of the Outbound State Store credential';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve: check the Host of the credential';
	if (code.startsWith('28')) return 'the server refused the login: check the User and Password of the credential (and pg_hba.conf on the server)';
	if (code === '3D000') return 'the database does not exist: check the Database of the credential, or create it';
	if (code === '53300') return 'the server has no connection to spare: lower the Pool Size of the credential or raise max_connections';
	if (/CERT|TLS|SSL/i.test(code + error.message)) return "the secure connection failed: check the SSL setting of the credential against the server's";
	if (/timeout|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/i.test(code + error.message))
		return `no answer within ${connectionTimeoutMs / 1000} s: check the Host and Port of the credential and any firewall between n8n and the server`;
	return 'check that the server is running and reachable, and the Host, Port, User, Password, Database and SSL settings of the credential';
}

// ---- The store ---------------------------------------------------------------------------------

class PostgresStateStore implements StateStore {
	readonly kind = 'postgres' as const;
	readonly location: string;
	private readonly tables: StoreTables;
	private ready: Promise<Pool> | undefined;
	private closed = false;

	constructor(private readonly config: PostgresStateStoreConfig) {
		this.tables = storeTables(config.schema, config.tablePrefix);
		const poolSize = config.poolSize ?? 4;
		// A pool of none would leave every call waiting for a connection that never comes.
		if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 100) {
			throw new StateStoreError(`Pool Size ${poolSize} of the Outbound State Store credential is not usable: use 1 to 100 connections (default 4).`, 'misconfigured');
		}
		this.location = `postgres://${config.user}@${config.host}:${config.port}/${config.database} (schema "${config.schema}", tables "${config.tablePrefix}*")`;
	}

	// ---- Connections ---------------------------------------------------------------------------

	/** The pool, opened and migrated on first use; a failed open is forgotten so the next call retries. */
	private pool(): Promise<Pool> {
		if (this.closed) return Promise.reject(new StateStoreError(`The state store at ${this.location} is closed.`, 'unavailable'));
		this.ready ??= this.openPool().catch((error: unknown) => {
			this.ready = undefined;
			throw error;
		});
		return this.ready;
	}

	private async openPool(): Promise<Pool> {
		const pool = new Pool({
			host: this.config.host,
			port: this.config.port,
			database: this.config.database,
			user: this.config.user,
			password: this.config.password,
			ssl: sslOption(this.config.ssl),
			max: this.config.poolSize ?? 4,
			connectionTimeoutMillis: connectionTimeoutMs,
			application_name: 'n8n-nodes-outbound-messages',
			types: typeParsers,
			// An idle pool does not keep n8n (or a test) from exiting.
			allowExitOnIdle: true,
		});
		// A server restart breaks idle connections; without a listener that error would end the process.
		pool.on('error', () => undefined);
		try {
			const client = await pool.connect();
			try {
				await migrate(client, this.tables, Date.now());
			} catch (error) {
				if (error instanceof StateStoreError || isConnectionFailure(error)) throw error;
				// 42501 insufficient_privilege
				const hint =
					(error as { code?: unknown }).code === '42501'
						? ': the user needs the CREATE privilege on the schema, and on the database while the schema does not exist yet'
						: '';
				throw new StateStoreError(`Could not create or migrate the state store tables at ${this.location} (${(error as Error).message})${hint}.`, 'migration');
			} finally {
				client.release();
			}
			return pool;
		} catch (error) {
			await pool.end().catch(() => undefined);
			throw this.translate(error);
		}
	}

	/** Connection failures become StateStoreError `unavailable`; other errors stay as they are. */
	private translate(error: unknown): unknown {
		if (error instanceof StateStoreError || !isConnectionFailure(error)) return error;
		const { host, port, database, password } = this.config;
		let reason = error.message || String((error as { code?: unknown }).code);
		if (password.length >= 4) reason = reason.split(password).join('***');
		return new StateStoreError(
			`Cannot reach the PostgreSQL state store at ${host}:${port}/${database} (${reason}): ${whatToCheck(error)}.`,
			'unavailable',
		);
	}

	private async query<R extends QueryResultRow>(sql: string, values: readonly unknown[] = []): Promise<{ rows: R[]; rowCount: number }> {
		const pool = await this.pool();
		try {
			const result = await pool.query<R>(sql, values as unknown[]);
			return { rows: result.rows, rowCount: result.rowCount ?? 0 };
		} catch (error) {
			throw this.translate(error);
		}
	}

	/** `begin` may ask for a snapshot: reads that must agree (a page and its total) use REPEATABLE READ. */
	private async transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
		const pool = await this.pool();
		let client: PoolClient;
		try {
			client = await pool.connect();
		} catch (error) {
			throw this.translate(error);
		}
		let broken = false;
		try {
			await client.query(begin);
			const result = await work(client);
			await client.query('COMMIT');
			return result;
		} catch (error) {
			// A connection that cannot even roll back is dropped, not handed to the next caller.
			await client.query('ROLLBACK').catch(() => (broken = true));
			throw this.translate(error);
		} finally {
			client.release(broken);
		}
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		const ready = this.ready;
		this.ready = undefined;
		if (ready) await ready.then((pool) => pool.end()).catch(() => undefined);
	}

	// ---- Duplicate keys ------------------------------------------------------------------------

	async rememberIfAbsent(namespace: string, key: string, ttlMs: number, now: number): Promise<boolean> {
		const [remembered] = await this.rememberManyIfAbsent(namespace, [key], ttlMs, now);
		return remembered;
	}

	async rememberManyIfAbsent(namespace: string, keys: readonly string[], ttlMs: number, now: number): Promise<boolean[]> {
		if (keys.length === 0) return [];
		const distinct = [...new Set(keys)];
		// Inserted, or taken over from an expired entry: either way this call remembered it.
		const { rows } = await this.query<{ key: string }>(
			`INSERT INTO ${this.tables.keys} AS k (namespace, key, expires_at)
			SELECT $1, key, $2 FROM unnest($3::text[]) AS key
			ON CONFLICT (namespace, key) DO UPDATE SET expires_at = excluded.expires_at
				WHERE k.expires_at <= $4
			RETURNING k.key`,
			[namespace, now + ttlMs, distinct, now],
		);
		const remembered = new Set(rows.map((row) => row.key));
		// A key repeated in the list is a duplicate of its own first occurrence.
		return keys.map((key) => remembered.delete(key));
	}

	async isRemembered(namespace: string, key: string, now: number): Promise<boolean> {
		const { rowCount } = await this.query(`SELECT 1 FROM ${this.tables.keys} WHERE namespace = $1 AND key = $2 AND expires_at > $3`, [namespace, key, now]);
		return rowCount > 0;
	}

	async forget(namespace: string, key: string): Promise<void> {
		await this.query(`DELETE FROM ${this.tables.keys} WHERE namespace = $1 AND key = $2`, [namespace, key]);
	}

	// ---- Compare-and-set values ----------------------------------------------------------------

	async readValue<T = unknown>(namespace: string, key: string): Promise<Versioned<T> | undefined> {
		const { rows } = await this.query<{ value: T; version: number }>(`SELECT value, version FROM ${this.tables.values} WHERE namespace = $1 AND key = $2`, [
			namespace,
			key,
		]);
		return rows[0] && { value: rows[0].value, version: rows[0].version };
	}

	async compareAndSet<T = unknown>(namespace: string, key: string, value: T, expectedVersion: number | null): Promise<number | undefined> {
		const { rows } =
			expectedVersion === null
				? await this.query<{ version: number }>(
						`INSERT INTO ${this.tables.values} (namespace, key, value, version) VALUES ($1, $2, $3::jsonb, 1)
						ON CONFLICT (namespace, key) DO NOTHING RETURNING version`,
						[namespace, key, JSON.stringify(value ?? null)],
					)
				: await this.query<{ version: number }>(
						`UPDATE ${this.tables.values} SET value = $3::jsonb, version = version + 1
						WHERE namespace = $1 AND key = $2 AND version = $4 RETURNING version`,
						[namespace, key, JSON.stringify(value ?? null), expectedVersion],
					);
		return rows[0]?.version;
	}

	async listValues<T = unknown>(namespace: string): Promise<Array<{ key: string } & Versioned<T>>> {
		const { rows } = await this.query<{ key: string; value: T; version: number }>(
			`SELECT key, value, version FROM ${this.tables.values} WHERE namespace = $1 ORDER BY key`,
			[namespace],
		);
		return rows.map((row) => ({ key: row.key, value: row.value, version: row.version }));
	}

	// ---- Windowed counters ---------------------------------------------------------------------

	async addToWindow(
		namespace: string,
		key: string,
		deltas: Record<string, number>,
		now: number,
		bucketMs: number,
		windowMs: number,
	): Promise<Record<string, number>> {
		const bucketStart = Math.floor(now / bucketMs) * bucketMs;
		return this.transaction(async (client) => {
			await client.query(
				`INSERT INTO ${this.tables.windowBuckets} AS b (namespace, key, bucket_start, counter, amount)
				SELECT $1, $2, $3, counter, amount FROM unnest($4::text[], $5::float8[]) AS d (counter, amount)
				ON CONFLICT (namespace, key, bucket_start, counter) DO UPDATE SET amount = b.amount + excluded.amount`,
				[namespace, key, bucketStart, Object.keys(deltas), Object.values(deltas)],
			);
			const { rows } = await client.query<{ counter: string; amount: number }>(this.windowSumSql(), [namespace, key, now - windowMs]);
			return windowSums(rows);
		});
	}

	async readWindow(namespace: string, key: string, since: number): Promise<Record<string, number>> {
		const { rows } = await this.query<{ counter: string; amount: number }>(this.windowSumSql(), [namespace, key, since]);
		return windowSums(rows);
	}

	private windowSumSql(): string {
		return `SELECT counter, sum(amount) AS amount FROM ${this.tables.windowBuckets}
			WHERE namespace = $1 AND key = $2 AND bucket_start >= $3 GROUP BY counter`;
	}

	// ---- Push log and outbox -------------------------------------------------------------------

	async writeMessages(writes: readonly MessageWrite[], now: number): Promise<{ inserted: number; updated: number }> {
		if (writes.length === 0) return { inserted: 0, updated: 0 };
		return this.transaction(async (client) => {
			let inserted = 0;
			let updated = 0;
			for (const round of roundsOfDistinctIds(writes)) {
				for (let start = 0; start < round.length; start += writeChunkSize) {
					const chunk = round.slice(start, start + writeChunkSize);
					const givenFields = Object.fromEntries(
						chunk.map((write) => [write.messageId, Object.keys(write).filter((field) => write[field as keyof MessageWrite] !== undefined)]),
					);
					const { rows } = await client.query<{ inserted: boolean }>(this.writeMessagesSql(), [
						JSON.stringify(chunk),
						now,
						JSON.stringify(givenFields),
					]);
					for (const row of rows) {
						if (row.inserted) inserted++;
						else updated++;
					}
				}
			}
			return { inserted, updated };
		});
	}

	/**
	 * One multi-row upsert. $1 is the writes as a JSON array, $2 is `now`, $3 maps each message id
	 * to the names of the fields its write gives: JSON drops fields that are undefined, so a field
	 * left out (keep the row's value) is told from one given as null (clear it). A write never
	 * touches the lease: the claimer holding it still acknowledges. `xmax = 0` holds for the rows
	 * the statement inserted, not for those it updated (PostgreSQL's usual upsert idiom).
	 */
	private writeMessagesSql(): string {
		const fieldValue = (field: string, type: string) =>
			type === 'jsonb' ? `NULLIF(w.doc -> '${field}', 'null'::jsonb)` : `(w.doc ->> '${field}')::${type}`;
		const columns = optionalMessageFields.map(([, column]) => column).join(', ');
		const values = optionalMessageFields.map(([field, , type]) => fieldValue(field, type)).join(', ');
		const keptUnlessGiven = optionalMessageFields
			.map(([field, column]) => `${column} = CASE WHEN $3::jsonb -> excluded.message_id ? '${field}' THEN excluded.${column} ELSE m.${column} END`)
			.join(',\n\t\t\t\t');
		return `INSERT INTO ${this.tables.messages} AS m (message_id, status, attempts, repushes, created_at, updated_at, ${columns})
			SELECT w.doc ->> 'messageId', w.doc ->> 'status', COALESCE((w.doc ->> 'attempts')::integer, 0), 0, $2, $2, ${values}
			FROM jsonb_array_elements($1::jsonb) AS w (doc)
			ON CONFLICT (message_id) DO UPDATE SET
				status = excluded.status,
				attempts = m.attempts + excluded.attempts,
				updated_at = excluded.updated_at,
				${keptUnlessGiven}
			RETURNING (xmax = 0) AS inserted`;
	}

	async claimDue(request: ClaimRequest): Promise<MessageRecord[]> {
		checkClaimLimit(request.limit);
		const parameters = new Parameters();
		const owner = parameters.bind(request.owner);
		const leaseUntil = parameters.bind(request.now + request.leaseMs);
		const now = parameters.bind(request.now);
		const conditions = [`next_due_at <= ${now}`, `(lease_until IS NULL OR lease_until <= ${now})`];
		if (request.maxRepushes !== undefined) conditions.push(`repushes < ${parameters.bind(request.maxRepushes)}`);
		conditions.push(...messageConditions(request.filter ?? {}, parameters));
		const limit = parameters.bind(request.limit);
		// SKIP LOCKED: a concurrent claimer passes over the rows this one is taking instead of
		// waiting for them, and the lease check is evaluated again on each row it does lock.
		const { rows } = await this.query<MessageRow>(
			`UPDATE ${this.tables.messages} SET lease_owner = ${owner}, lease_until = ${leaseUntil}, repushes = repushes + 1, updated_at = ${now}
			WHERE message_id IN (
				SELECT message_id FROM ${this.tables.messages}
				${whereClause(conditions)}
				ORDER BY next_due_at, message_id
				LIMIT ${limit}
				FOR UPDATE SKIP LOCKED
			)
			RETURNING *`,
			parameters.values,
		);
		return rows
			.map(toMessageRecord)
			.sort((a, b) => (a.nextDueAt ?? 0) - (b.nextDueAt ?? 0) || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0));
	}

	async acknowledge(messageId: string, owner: string, ack: Acknowledgement, now: number): Promise<boolean> {
		const parameters = new Parameters();
		const changes: string[] = [
			`status = ${parameters.bind(ack.outcome === 'retry' ? (ack.status ?? 'retrying') : ack.outcome)}`,
			`next_due_at = ${parameters.bind(ack.outcome === 'retry' ? ack.nextDueAt : null)}`,
			`attempts = attempts + ${parameters.bind(ack.attempts ?? 0)}`,
			'lease_owner = NULL',
			'lease_until = NULL',
			`updated_at = ${parameters.bind(now)}`,
		];
		// A success has no failure reason; otherwise a reason left out keeps the last one.
		if (ack.reason !== undefined || ack.outcome === 'succeeded') changes.push(`reason = ${parameters.bind(ack.reason ?? null)}`);
		if (ack.lastAttemptAt !== undefined) changes.push(`last_attempt_at = ${parameters.bind(ack.lastAttemptAt)}`);
		if (ack.delivery !== undefined) changes.push(`delivery = ${parameters.bind(jsonb(ack.delivery))}::jsonb`);
		const { rowCount } = await this.query(
			`UPDATE ${this.tables.messages} SET ${changes.join(', ')}
			WHERE message_id = ${parameters.bind(messageId)} AND lease_owner = ${parameters.bind(owner)}`,
			parameters.values,
		);
		return rowCount > 0;
	}

	async release(messageId: string, owner: string, _now: number): Promise<boolean> {
		const { rowCount } = await this.query(
			`UPDATE ${this.tables.messages} SET lease_owner = NULL, lease_until = NULL, repushes = GREATEST(repushes - 1, 0)
			WHERE message_id = $1 AND lease_owner = $2`,
			[messageId, owner],
		);
		return rowCount > 0;
	}

	async requeue(filter: MessageFilter, dueAt: number, now: number): Promise<number> {
		const parameters = new Parameters();
		const due = parameters.bind(dueAt);
		const at = parameters.bind(now);
		const { rowCount } = await this.query(
			`UPDATE ${this.tables.messages} SET next_due_at = ${due}, updated_at = ${at} ${whereClause(messageConditions(filter, parameters))}`,
			parameters.values,
		);
		return rowCount;
	}

	async getMessage(messageId: string): Promise<MessageRecord | undefined> {
		const { rows } = await this.query<MessageRow>(`SELECT * FROM ${this.tables.messages} WHERE message_id = $1`, [messageId]);
		return rows[0] && toMessageRecord(rows[0]);
	}

	async searchMessages(filter: MessageFilter, page: PageRequest): Promise<Page<MessageRecord>> {
		const parameters = new Parameters();
		const conditions = messageConditions(filter, parameters);
		return this.newestFirst({ table: this.tables.messages, time: 'updated_at', id: 'message_id' }, conditions, parameters, page, (row: MessageRow) => {
			const item = toMessageRecord(row);
			return { item, time: item.updatedAt, id: item.messageId };
		});
	}

	async deleteMessages(filter: MessageFilter): Promise<number> {
		const parameters = new Parameters();
		const conditions = messageConditions(filter, parameters);
		if (conditions.length === 0) return 0;
		const { rowCount } = await this.query(`DELETE FROM ${this.tables.messages} ${whereClause(conditions)}`, parameters.values);
		return rowCount;
	}

	async purge(request: { olderThan: number; statuses: readonly MessageStatus[]; now: number }): Promise<{ messages: number; keys: number; buckets: number }> {
		return this.transaction(async (client) => {
			const messages = await client.query(`DELETE FROM ${this.tables.messages} WHERE status = ANY($1::text[]) AND updated_at < $2 AND next_due_at IS NULL`, [
				request.statuses,
				request.olderThan,
			]);
			const keys = await client.query(`DELETE FROM ${this.tables.keys} WHERE expires_at <= $1`, [request.now]);
			const buckets = await client.query(`DELETE FROM ${this.tables.windowBuckets} WHERE bucket_start < $1`, [request.olderThan]);
			// A bucket is one row per counter, here as in the embedded store: `buckets` counts those rows.
			return { messages: messages.rowCount ?? 0, keys: keys.rowCount ?? 0, buckets: buckets.rowCount ?? 0 };
		});
	}

	async stats(now: number): Promise<MessageStats> {
		const { rows } = await this.query<{ target: string | null; status: MessageStatus; count: number; queued: number; due: number }>(
			`SELECT target, status, count(*)::integer AS count,
				count(next_due_at)::integer AS queued,
				-- due: waiting and free to claim (a record under a live lease is being pushed)
				count(*) FILTER (WHERE next_due_at <= $1 AND (lease_until IS NULL OR lease_until <= $1))::integer AS due
			FROM ${this.tables.messages} GROUP BY target, status ORDER BY target NULLS FIRST, status`,
			[now],
		);
		const stats: MessageStats = { byStatus: {}, byTarget: [], queued: 0, due: 0 };
		for (const row of rows) {
			stats.byStatus[row.status] = (stats.byStatus[row.status] ?? 0) + row.count;
			stats.byTarget.push({ target: row.target, status: row.status, count: row.count });
			stats.queued += row.queued;
			stats.due += row.due;
		}
		return stats;
	}

	// ---- Fuse records --------------------------------------------------------------------------

	async openFuse(target: string, at: number, cause: string | null): Promise<{ fuse: FuseRecord; opened: boolean }> {
		// The partial unique index admits one open fuse per target; a lost race reads the winner's.
		for (;;) {
			const inserted = await this.query<FuseRow>(
				`INSERT INTO ${this.tables.fuses} (id, target, opened_at, recovered_at, cause) VALUES ($1, $2, $3, NULL, $4)
				ON CONFLICT (target) WHERE recovered_at IS NULL DO NOTHING RETURNING *`,
				[randomUUID(), target, at, cause],
			);
			if (inserted.rows[0]) return { fuse: toFuseRecord(inserted.rows[0]), opened: true };
			const open = await this.query<FuseRow>(`SELECT * FROM ${this.tables.fuses} WHERE target = $1 AND recovered_at IS NULL`, [target]);
			if (open.rows[0]) return { fuse: toFuseRecord(open.rows[0]), opened: false };
			// Closed between the two statements: try to open it again.
		}
	}

	async closeFuse(target: string, at: number): Promise<FuseRecord | undefined> {
		const { rows } = await this.query<FuseRow>(
			`UPDATE ${this.tables.fuses} SET recovered_at = $2 WHERE target = $1 AND recovered_at IS NULL RETURNING *`,
			[target, at],
		);
		return rows[0] && toFuseRecord(rows[0]);
	}

	async listFuses(filter: { target?: string; since?: number }, page: PageRequest): Promise<Page<FuseRecord>> {
		const parameters = new Parameters();
		const conditions: string[] = [];
		if (filter.target !== undefined) conditions.push(`target = ${parameters.bind(filter.target)}`);
		if (filter.since !== undefined) conditions.push(`opened_at >= ${parameters.bind(filter.since)}`);
		return this.newestFirst({ table: this.tables.fuses, time: 'opened_at', id: 'id' }, conditions, parameters, page, (row: FuseRow) => ({
			item: toFuseRecord(row),
			time: row.opened_at,
			id: row.id,
		}));
	}

	// ---- Batch tasks ---------------------------------------------------------------------------

	async createTask(task: { kind: string; spec: Record<string, unknown>; total: number }, now: number): Promise<BatchTask> {
		const { rows } = await this.query<TaskRow>(
			`INSERT INTO ${this.tables.tasks} (id, kind, state, spec, cursor, total, done, failed, error, created_at, updated_at, version)
			VALUES ($1, $2, 'running', $3::jsonb, NULL, $4, 0, 0, NULL, $5, $5, 1) RETURNING *`,
			[randomUUID(), task.kind, JSON.stringify(task.spec), task.total, now],
		);
		return toBatchTask(rows[0]);
	}

	async getTask(id: string): Promise<BatchTask | undefined> {
		const { rows } = await this.query<TaskRow>(`SELECT * FROM ${this.tables.tasks} WHERE id = $1`, [id]);
		return rows[0] && toBatchTask(rows[0]);
	}

	async updateTask(
		id: string,
		expectedVersion: number,
		change: Partial<Pick<BatchTask, 'state' | 'cursor' | 'total' | 'done' | 'failed' | 'error'>>,
		now: number,
	): Promise<BatchTask | undefined> {
		const parameters = new Parameters();
		const changes = [`version = version + 1`, `updated_at = ${parameters.bind(now)}`];
		for (const field of ['state', 'cursor', 'total', 'done', 'failed', 'error'] as const) {
			if (change[field] !== undefined) changes.push(`${field} = ${parameters.bind(change[field])}`);
		}
		const { rows } = await this.query<TaskRow>(
			`UPDATE ${this.tables.tasks} SET ${changes.join(', ')}
			WHERE id = ${parameters.bind(id)} AND version = ${parameters.bind(expectedVersion)} RETURNING *`,
			parameters.values,
		);
		return rows[0] && toBatchTask(rows[0]);
	}

	async listTasks(filter: { states?: TaskState[]; since?: number }, page: PageRequest): Promise<Page<BatchTask>> {
		const parameters = new Parameters();
		const conditions: string[] = [];
		if (filter.states !== undefined) conditions.push(`state = ANY(${parameters.bind(filter.states)}::text[])`);
		if (filter.since !== undefined) conditions.push(`created_at >= ${parameters.bind(filter.since)}`);
		return this.newestFirst({ table: this.tables.tasks, time: 'created_at', id: 'id' }, conditions, parameters, page, (row: TaskRow) => ({
			item: toBatchTask(row),
			time: row.created_at,
			id: row.id,
		}));
	}

	async deleteTask(id: string): Promise<boolean> {
		const { rowCount } = await this.query(`DELETE FROM ${this.tables.tasks} WHERE id = $1`, [id]);
		return rowCount > 0;
	}

	/**
	 * A keyset page on (time, id), newest first, with the total of the filter: rows written after
	 * the first page sort before the cursor and never shift later pages. Page and total are read
	 * from one snapshot, so they agree.
	 */
	private async newestFirst<R extends QueryResultRow, T>(
		order: { table: string; time: string; id: string },
		conditions: string[],
		parameters: Parameters,
		page: PageRequest,
		read: (row: R) => { item: T; time: number; id: string },
	): Promise<Page<T>> {
		const limit = pageLimit(page);
		const { table, time, id } = order;
		const countSql = `SELECT count(*)::integer AS total FROM ${table} ${whereClause(conditions)}`;
		const countValues = [...parameters.values];
		if (page.after) {
			const after = decodePageCursor(page.after);
			conditions.push(`(${time}, ${id}) < (${parameters.bind(after.time)}, ${parameters.bind(after.id)})`);
		}
		const pageSql = `SELECT * FROM ${table} ${whereClause(conditions)} ORDER BY ${time} DESC, ${id} DESC LIMIT ${parameters.bind(limit + 1)}`;
		const [total, rows] = await this.transaction(
			async (client) => [(await client.query<{ total: number }>(countSql, countValues)).rows[0].total, (await client.query<R>(pageSql, parameters.values)).rows] as const,
			'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
		);
		const entries = rows.slice(0, limit).map(read);
		const last = entries[entries.length - 1];
		return { items: entries.map((entry) => entry.item), total, next: rows.length > limit ? encodePageCursor(last.time, last.id) : null };
	}
}

function windowSums(rows: ReadonlyArray<{ counter: string; amount: number }>): Record<string, number> {
	const sums: Record<string, number> = {};
	for (const row of rows) sums[row.counter] = row.amount;
	return sums;
}
