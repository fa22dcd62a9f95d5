import { Pool, types as pgTypes } from 'pg';
import type { PoolClient, PoolConfig, QueryResultRow } from 'pg';

import { decodePageCursor, checkPageLimit, encodePageCursor } from './pageCursor';
import { whereClause, type Parameters } from './postgresConditions';
import { migrate, storeTables } from './postgresSchema';
import type { StoreTables } from './postgresSchema';
import type { JsonColumn } from './storeRows';
import { StateStoreError } from './types';
import type { Page, PageRequest, StateStoreConfig } from './types';

/**
 * The PostgreSQL store's connections (postgresStore.ts): the pool, created on first use, which also
 * applies the migrations (postgresSchema.ts); an unreachable server or a refused login becomes a
 * StateStoreError `unavailable` that says what to check, and the next call tries again.
 */

export type PostgresStateStoreConfig = Extract<StateStoreConfig, { kind: 'postgres' }>;

/** How long opening a connection may take before the store reports the server unavailable. */
const connectionTimeoutMs = 10_000;

/** pg hands jsonb back parsed. */
export const parsedJsonb: JsonColumn = (value) => (value ?? null) as Record<string, unknown> | null;

/** Every bigint here is epoch milliseconds or a count, well inside a double: read it as a number. */
const typeParsers: PoolConfig['types'] = {
	getTypeParser: (id, format) => (id === pgTypes.builtins.INT8 ? Number : pgTypes.getTypeParser(id, format)),
};

function sslOption(ssl: PostgresStateStoreConfig['ssl']): PoolConfig['ssl'] {
	if (ssl === 'require') return { rejectUnauthorized: false };
	if (ssl === 'verify') return { rejectUnauthorized: true };
	return false;
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

export class PostgresConnection {
	readonly location: string;
	readonly tables: StoreTables;
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

	async query<R extends QueryResultRow>(sql: string, values: readonly unknown[] = []): Promise<{ rows: R[]; rowCount: number }> {
		const pool = await this.pool();
		try {
			const result = await pool.query<R>(sql, values as unknown[]);
			return { rows: result.rows, rowCount: result.rowCount ?? 0 };
		} catch (error) {
			throw this.translate(error);
		}
	}

	/** `begin` may ask for a snapshot: reads that must agree (a page and its total) use REPEATABLE READ. */
	async transaction<T>(work: (client: PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
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

	/**
	 * A keyset page on (time, id), newest first, with the total of the filter: rows written after
	 * the first page sort before the cursor and never shift later pages. Page and total are read
	 * from one snapshot, so they agree.
	 */
	async newestFirst<R extends QueryResultRow, T>(
		order: { table: string; time: string; id: string },
		conditions: string[],
		parameters: Parameters,
		page: PageRequest,
		read: (row: R) => { item: T; time: number; id: string },
	): Promise<Page<T>> {
		const limit = checkPageLimit(page.limit);
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
