import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { changeTaskState, createRepushTask, noPayloadNote, purgeTasks, runRepushTask } from '../../../../nodes/shared/outbox/repushTask';
import { openSqliteStateStore } from '../../../../nodes/shared/store/sqliteStore';
import type { StateStore } from '../../../../nodes/shared/store/types';

const now = Date.parse('2026-12-01T08:00:00Z');
let folder: string;
let store: StateStore;

beforeEach(async () => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'repush-task-'));
	store = openSqliteStateStore({ kind: 'embedded', path: path.join(folder, 'state.db') });
	await store.writeMessages(
		Array.from({ length: 10 }, (_, index) => ({ messageId: `m${index}`, status: index < 7 ? 'failed' : 'succeeded', attempts: 1, payload: { n: index } })),
		now - 1000,
	);
});

afterEach(async () => {
	await store.close();
	fs.rmSync(folder, { recursive: true, force: true });
});

describe('a re-push task', () => {
	it('counts its matches when created', async () => {
		const task = await createRepushTask(store, { statuses: ['failed'] }, now);
		expect(task).toMatchObject({ kind: 'repush', state: 'running', total: 7, done: 0, cursor: null, spec: { filter: { statuses: ['failed'] } } });
	});

	it('puts every match back page by page, reporting progress after each page', async () => {
		const task = await createRepushTask(store, { statuses: ['failed'] }, now);
		const progress: number[] = [];
		const ended = await runRepushTask(store, task, { pageSize: 3, clock: () => now, onProgress: (each) => progress.push(each.done) });
		expect(ended).toMatchObject({ state: 'completed', done: 7, failed: 0, cursor: null });
		expect(progress).toEqual([3, 6, 7]);
		expect((await store.searchMessages({ queued: true }, { limit: 100 })).total).toBe(7);
	});

	it('counts a message logged without its content as failed, with why, and does not put it back (it would send an empty body)', async () => {
		await store.writeMessages([{ messageId: 'bare', status: 'succeeded', attempts: 1, payload: null }], now - 500);
		const task = await createRepushTask(store, { messageIds: ['bare', 'm1'] }, now);
		const ended = await runRepushTask(store, task, { pageSize: 10, clock: () => now });
		expect(ended).toMatchObject({ state: 'completed', done: 1, failed: 1, error: noPayloadNote });
		expect((await store.getMessage('bare'))?.nextDueAt).toBeNull();
		expect((await store.getMessage('m1'))?.nextDueAt).toBe(now);
	});

	it('stops after the page in hand when paused, and resumes from its cursor', async () => {
		const task = await createRepushTask(store, { statuses: ['failed'] }, now);
		const requeued: string[] = [];
		const paused = await runRepushTask(store, task, {
			pageSize: 3,
			clock: () => now,
			onRequeued: (ids) => requeued.push(...ids),
			onProgress: (each) => {
				if (each.done === 3) void changeTaskState(store, each.id, 'pause', now);
			},
		});
		expect(paused.state).toBe('paused');
		expect(paused.cursor).not.toBeNull();
		expect(paused.done).toBeLessThan(7);

		const resumed = await changeTaskState(store, task.id, 'resume', now + 1);
		const ended = await runRepushTask(store, resumed, { pageSize: 3, clock: () => now + 1, onRequeued: (ids) => requeued.push(...ids) });
		expect(ended).toMatchObject({ state: 'completed', done: 7 });
		expect(new Set(requeued)).toEqual(new Set(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']));
		expect(requeued).toHaveLength(7);
	});

	it('starts over on Retry', async () => {
		const task = await runRepushTask(store, await createRepushTask(store, { statuses: ['failed'] }, now), { clock: () => now });
		const retried = await changeTaskState(store, task.id, 'retry', now + 1);
		expect(retried).toMatchObject({ state: 'running', done: 0, cursor: null, total: 7 });
	});

	it('refuses to resume a completed task', async () => {
		const task = await runRepushTask(store, await createRepushTask(store, { statuses: ['failed'] }, now), { clock: () => now });
		await expect(changeTaskState(store, task.id, 'resume', now)).rejects.toThrow(`Task ${task.id} is completed: it cannot be resumed from that state`);
	});

	it('purges completed tasks older than the retention only', async () => {
		const old = await runRepushTask(store, await createRepushTask(store, { messageIds: ['m0'] }, now), { clock: () => now });
		await runRepushTask(store, await createRepushTask(store, { messageIds: ['m1'] }, now + 10), { clock: () => now + 10 });
		expect(await purgeTasks(store, now + 5)).toBe(1);
		expect(await store.getTask(old.id)).toBeUndefined();
	});
});
