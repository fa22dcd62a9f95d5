import { randomUUID } from 'node:crypto';

import { Parameters } from './postgresConditions';
import { parsedJsonb, type PostgresConnection } from './postgresConnection';
import { fuseOf, taskChangeFields, taskOf, type StoreRow } from './storeRows';
import type { BatchTask, FuseRecord, Page, PageRequest, TaskState } from './types';

/** The PostgreSQL store's fuse records (seed 002's iut_send_fuse_recovery) and batch tasks. */

const taskOfRow = (row: StoreRow): BatchTask => taskOf(row, parsedJsonb);

export async function openFuse(db: PostgresConnection, target: string, at: number, cause: string | null): Promise<{ fuse: FuseRecord; opened: boolean }> {
	// The partial unique index admits one open fuse per target; a lost race reads the winner's.
	for (;;) {
		const inserted = await db.query<StoreRow>(
			`INSERT INTO ${db.tables.fuses} (id, target, opened_at, recovered_at, cause) VALUES ($1, $2, $3, NULL, $4)
			ON CONFLICT (target) WHERE recovered_at IS NULL DO NOTHING RETURNING *`,
			[randomUUID(), target, at, cause],
		);
		if (inserted.rows[0]) return { fuse: fuseOf(inserted.rows[0]), opened: true };
		const open = await db.query<StoreRow>(`SELECT * FROM ${db.tables.fuses} WHERE target = $1 AND recovered_at IS NULL`, [target]);
		if (open.rows[0]) return { fuse: fuseOf(open.rows[0]), opened: false };
		// Closed between the two statements: try to open it again.
	}
}

export async function closeFuse(db: PostgresConnection, target: string, at: number): Promise<FuseRecord | undefined> {
	const { rows } = await db.query<StoreRow>(`UPDATE ${db.tables.fuses} SET recovered_at = $2 WHERE target = $1 AND recovered_at IS NULL RETURNING *`, [target, at]);
	return rows[0] && fuseOf(rows[0]);
}

export async function listFuses(db: PostgresConnection, filter: { target?: string; since?: number }, page: PageRequest): Promise<Page<FuseRecord>> {
	const parameters = new Parameters();
	const conditions: string[] = [];
	if (filter.target !== undefined) conditions.push(`target = ${parameters.bind(filter.target)}`);
	if (filter.since !== undefined) conditions.push(`opened_at >= ${parameters.bind(filter.since)}`);
	return db.newestFirst({ table: db.tables.fuses, time: 'opened_at', id: 'id' }, conditions, parameters, page, (row: StoreRow) => {
		const item = fuseOf(row);
		return { item, time: item.openedAt, id: item.id };
	});
}

export async function createTask(db: PostgresConnection, task: { kind: string; spec: Record<string, unknown>; total: number }, now: number): Promise<BatchTask> {
	const { rows } = await db.query<StoreRow>(
		`INSERT INTO ${db.tables.tasks} (id, kind, state, spec, cursor, total, done, failed, error, created_at, updated_at, version)
		VALUES ($1, $2, 'running', $3::jsonb, NULL, $4, 0, 0, NULL, $5, $5, 1) RETURNING *`,
		[randomUUID(), task.kind, JSON.stringify(task.spec), task.total, now],
	);
	return taskOfRow(rows[0]);
}

export async function getTask(db: PostgresConnection, id: string): Promise<BatchTask | undefined> {
	const { rows } = await db.query<StoreRow>(`SELECT * FROM ${db.tables.tasks} WHERE id = $1`, [id]);
	return rows[0] && taskOfRow(rows[0]);
}

export async function updateTask(
	db: PostgresConnection,
	id: string,
	expectedVersion: number,
	change: Partial<Pick<BatchTask, (typeof taskChangeFields)[number]>>,
	now: number,
): Promise<BatchTask | undefined> {
	const parameters = new Parameters();
	const changes = [`version = version + 1`, `updated_at = ${parameters.bind(now)}`];
	for (const field of taskChangeFields) {
		if (change[field] !== undefined) changes.push(`${field} = ${parameters.bind(change[field])}`);
	}
	const { rows } = await db.query<StoreRow>(
		`UPDATE ${db.tables.tasks} SET ${changes.join(', ')}
		WHERE id = ${parameters.bind(id)} AND version = ${parameters.bind(expectedVersion)} RETURNING *`,
		parameters.values,
	);
	return rows[0] && taskOfRow(rows[0]);
}

export async function listTasks(db: PostgresConnection, filter: { states?: TaskState[]; since?: number }, page: PageRequest): Promise<Page<BatchTask>> {
	const parameters = new Parameters();
	const conditions: string[] = [];
	if (filter.states !== undefined) conditions.push(`state = ANY(${parameters.bind(filter.states)}::text[])`);
	if (filter.since !== undefined) conditions.push(`created_at >= ${parameters.bind(filter.since)}`);
	return db.newestFirst({ table: db.tables.tasks, time: 'created_at', id: 'id' }, conditions, parameters, page, (row: StoreRow) => {
		const item = taskOfRow(row);
		return { item, time: item.createdAt, id: item.id };
	});
}

export async function deleteTask(db: PostgresConnection, id: string): Promise<boolean> {
	const { rowCount } = await db.query(`DELETE FROM ${db.tables.tasks} WHERE id = $1`, [id]);
	return rowCount > 0;
}
