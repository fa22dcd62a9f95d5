import { randomUUID } from 'node:crypto';

import { checkPageLimit, encodePageCursor } from './pageCursor';
import { inList, type Condition } from './sqliteConditions';
import { parsedJson, type Row, type SqliteConnection } from './sqliteConnection';
import { fuseOf, taskOf } from './storeRows';
import type { BatchTask, FuseRecord, Page, PageRequest, TaskState } from './types';

/** The embedded store's fuse records (seed 002's iut_send_fuse_recovery) and batch tasks. */

const taskOfRow = (row: Row): BatchTask => taskOf(row, parsedJson);

export function openFuse(db: SqliteConnection, target: string, at: number, cause: string | null): { fuse: FuseRecord; opened: boolean } {
	return db.immediate(() => {
		const open = db.statement('SELECT * FROM fuses WHERE target = ? AND recovered_at IS NULL').get(target) as Row | undefined;
		if (open !== undefined) return { fuse: fuseOf(open), opened: false };
		const row = db
			.statement('INSERT INTO fuses (id, target, opened_at, recovered_at, cause) VALUES (?, ?, ?, NULL, ?) RETURNING *')
			.get(randomUUID(), target, at, cause) as Row;
		return { fuse: fuseOf(row), opened: true };
	});
}

export function closeFuse(db: SqliteConnection, target: string, at: number): FuseRecord | undefined {
	const row = db.statement('UPDATE fuses SET recovered_at = ? WHERE target = ? AND recovered_at IS NULL RETURNING *').get(at, target) as Row | undefined;
	return row === undefined ? undefined : fuseOf(row);
}

export function listFuses(db: SqliteConnection, filter: { target?: string; since?: number }, page: PageRequest): Page<FuseRecord> {
	checkPageLimit(page.limit);
	const conditions: Condition[] = [];
	if (filter.target !== undefined) conditions.push({ sql: 'target = ?', params: [filter.target] });
	if (filter.since !== undefined) conditions.push({ sql: 'opened_at >= ?', params: [filter.since] });
	return db.page({ table: 'fuses', time: 'opened_at', id: 'id' }, conditions, page, fuseOf, (fuse) => encodePageCursor(fuse.openedAt, fuse.id));
}

export function createTask(db: SqliteConnection, task: { kind: string; spec: Record<string, unknown>; total: number }, now: number): BatchTask {
	const row = db
		.statement(
			`INSERT INTO tasks (id, kind, state, spec, cursor, total, done, failed, error, created_at, updated_at, version)
			 VALUES (?, ?, 'running', ?, NULL, ?, 0, 0, NULL, ?, ?, 1) RETURNING *`,
		)
		.get(randomUUID(), task.kind, JSON.stringify(task.spec), task.total, now, now) as Row;
	return taskOfRow(row);
}

export function getTask(db: SqliteConnection, id: string): BatchTask | undefined {
	const row = db.statement('SELECT * FROM tasks WHERE id = ?').get(id) as Row | undefined;
	return row === undefined ? undefined : taskOfRow(row);
}

export function updateTask(
	db: SqliteConnection,
	id: string,
	expectedVersion: number,
	change: Partial<Pick<BatchTask, 'state' | 'cursor' | 'total' | 'done' | 'failed' | 'error'>>,
	now: number,
): BatchTask | undefined {
	return db.immediate(() => {
		const current = db.statement('SELECT * FROM tasks WHERE id = ? AND version = ?').get(id, expectedVersion) as Row | undefined;
		if (current === undefined) return undefined;
		const task = { ...taskOfRow(current), ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) };
		const row = db
			.statement('UPDATE tasks SET state = ?, cursor = ?, total = ?, done = ?, failed = ?, error = ?, updated_at = ?, version = version + 1 WHERE id = ? RETURNING *')
			.get(task.state, task.cursor, task.total, task.done, task.failed, task.error, now, id) as Row;
		return taskOfRow(row);
	});
}

export function listTasks(db: SqliteConnection, filter: { states?: TaskState[]; since?: number }, page: PageRequest): Page<BatchTask> {
	checkPageLimit(page.limit);
	const conditions: Condition[] = [];
	if (filter.states !== undefined) conditions.push(inList('state', filter.states));
	if (filter.since !== undefined) conditions.push({ sql: 'created_at >= ?', params: [filter.since] });
	return db.page({ table: 'tasks', time: 'created_at', id: 'id' }, conditions, page, taskOfRow, (task) => encodePageCursor(task.createdAt, task.id));
}

export function deleteTask(db: SqliteConnection, id: string): boolean {
	return Number(db.statement('DELETE FROM tasks WHERE id = ?').run(id).changes) === 1;
}
