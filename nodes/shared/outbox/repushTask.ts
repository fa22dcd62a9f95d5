import type { BatchTask, MessageFilter, StateStore, TaskState } from '../store/types';

/**
 * A re-push by filter as a batch task (seed 002's 批量推送 / 推送任务列表): matching rows are put
 * back in the outbox page by page, due at once, and the task records where it is (cursor), how far
 * it got (done of total) and whether someone paused it. Between pages it reads its own state, so a
 * Pause from another execution stops it after the page in hand; Resume continues from the cursor.
 */

export const repushTaskKind = 'repush';

/** Why a task counted rows as failed although the store worked. */
export const noPayloadNote =
	'Some messages were logged without their content, so they cannot be sent again from the Outbox: Send Outbound Message keeps the content of delivered messages only with "Keep Payloads of Successes" on. Re-run those from n8n\'s Executions list.';

/** Rows put back per page: one store round trip each for the search and the requeue. */
export const defaultRepushPageSize = 500;

export class TaskError extends Error {}

export interface RepushTaskSpec {
	filter: MessageFilter;
}

export function repushSpecOf(task: BatchTask): RepushTaskSpec {
	if (task.kind !== repushTaskKind) throw new TaskError(`Task ${task.id} is a "${task.kind}" task, not a re-push`);
	const filter = (task.spec as { filter?: unknown }).filter;
	return { filter: filter !== null && typeof filter === 'object' ? (filter as MessageFilter) : {} };
}

/** A new re-push task over the rows `filter` matches now (their count is its total). */
export async function createRepushTask(store: StateStore, filter: MessageFilter, now: number): Promise<BatchTask> {
	const { total } = await store.searchMessages(filter, { limit: 1 });
	return await store.createTask({ kind: repushTaskKind, spec: { filter } as unknown as Record<string, unknown>, total }, now);
}

export interface RunOptions {
	pageSize?: number;
	clock?: () => number;
	/** After each page: the task as written. */
	onProgress?: (task: BatchTask) => void;
	/** The ids requeued by each page (for Send Now). */
	onRequeued?: (messageIds: string[]) => void;
}

type Progress = Partial<Pick<BatchTask, 'state' | 'cursor' | 'total' | 'done' | 'failed' | 'error'>>;

/**
 * Writes a change to the task even when someone changed it meanwhile (paused it): progress is
 * written over their version, their state is kept. Undefined when the task was deleted.
 */
async function writeProgress(store: StateStore, task: BatchTask, change: Progress, now: number): Promise<BatchTask | undefined> {
	let current = task;
	for (let tries = 0; tries < 5; tries++) {
		const written = await store.updateTask(current.id, current.version, change, now);
		if (written) return written;
		const fresh = await store.getTask(current.id);
		if (!fresh) return undefined;
		// Someone else changed the state (Pause, Delete's neighbour): keep theirs, write only progress.
		if (change.state !== undefined && fresh.state !== current.state) {
			const { state: _ours, ...progress } = change;
			change = progress;
		}
		current = fresh;
	}
	throw new TaskError(`Task ${task.id} kept changing while its progress was written: try again`);
}

/**
 * Runs a running task until it completes, is paused or cancelled, or fails. Returns the task as it
 * ended. A store error marks the task failed (Retry starts it over) and is thrown on.
 */
export async function runRepushTask(store: StateStore, task: BatchTask, options: RunOptions = {}): Promise<BatchTask> {
	const clock = options.clock ?? Date.now;
	const pageSize = options.pageSize ?? defaultRepushPageSize;
	const { filter } = repushSpecOf(task);
	let current = task;
	for (;;) {
		const fresh = await store.getTask(current.id);
		if (!fresh) throw new TaskError(`Task ${current.id} was deleted while it ran`);
		current = fresh;
		if (current.state !== 'running') return current;
		let change: Progress;
		try {
			const page = await store.searchMessages(filter, { limit: pageSize, after: current.cursor });
			// A row logged without its item (a success, unless Send Outbound Message keeps those) cannot
			// be sent again: putting it back would send an empty body. It counts as failed, with why.
			const ids = page.items.filter((record) => record.payload !== null).map((record) => record.messageId);
			const withoutPayload = page.items.length - ids.length;
			const now = clock();
			const requeued = ids.length > 0 ? await store.requeue({ messageIds: ids }, now, now) : 0;
			if (ids.length > 0) options.onRequeued?.(ids);
			const done = current.done + requeued;
			const failed = current.failed + (page.items.length - requeued);
			change = {
				cursor: page.next,
				done,
				failed,
				...(withoutPayload > 0 ? { error: noPayloadNote } : {}),
				// Rows logged while the task runs may match too: the total never shows less than what was done.
				total: Math.max(current.total, done + failed),
				state: page.next === null ? 'completed' : 'running',
			};
		} catch (error) {
			await writeProgress(store, current, { state: 'failed', error: (error as Error).message }, clock());
			throw error;
		}
		const written = await writeProgress(store, current, change, clock());
		if (!written) throw new TaskError(`Task ${current.id} was deleted while it ran`);
		current = written;
		options.onProgress?.(current);
		if (current.state !== 'running') return current;
	}
}

/** Which states each task action starts from. */
const allowedFrom: Record<'pause' | 'resume' | 'retry', readonly TaskState[]> = {
	pause: ['running'],
	// A task left `running` by an execution that stopped half-way can be resumed too.
	resume: ['paused', 'running', 'failed'],
	retry: ['failed', 'completed', 'cancelled', 'paused'],
};

/**
 * Changes a task's state for Pause / Resume / Retry (Retry starts over: cursor, done and failed
 * back to nothing, total counted again). Returns the task as written.
 */
export async function changeTaskState(store: StateStore, id: string, action: 'pause' | 'resume' | 'retry', now: number): Promise<BatchTask> {
	for (let tries = 0; tries < 5; tries++) {
		const task = await store.getTask(id);
		if (!task) throw new TaskError(`There is no task with the id "${id}": List Tasks shows the ids (completed tasks are purged after 7 days)`);
		if (!allowedFrom[action].includes(task.state)) {
			throw new TaskError(`Task ${id} is ${task.state}: ${action === 'pause' ? 'only a running task can be paused' : `it cannot be ${action === 'resume' ? 'resumed' : 'retried'} from that state`}`);
		}
		let change: Progress;
		if (action === 'pause') change = { state: 'paused' };
		else if (action === 'resume') change = { state: 'running', error: null };
		else {
			const { total } = await store.searchMessages(repushSpecOf(task).filter, { limit: 1 });
			change = { state: 'running', cursor: null, done: 0, failed: 0, total, error: null };
		}
		const written = await store.updateTask(id, task.version, change, now);
		if (written) return written;
	}
	throw new TaskError(`Task ${id} kept changing: try again`);
}

/** Deletes completed tasks last updated before `olderThan` (seed 002: the list keeps 7 days). Returns how many. */
export async function purgeTasks(store: StateStore, olderThan: number, states: readonly TaskState[] = ['completed']): Promise<number> {
	const old: string[] = [];
	let after: string | null = null;
	do {
		const page = await store.listTasks({ states: [...states] }, { limit: 1000, after });
		for (const task of page.items) if (task.updatedAt < olderThan) old.push(task.id);
		after = page.next;
	} while (after !== null);
	let deleted = 0;
	for (const id of old) if (await store.deleteTask(id)) deleted++;
	return deleted;
}

/** The task as an output item shows it. */
export function taskView(task: BatchTask): Record<string, unknown> {
	return {
		id: task.id,
		kind: task.kind,
		state: task.state,
		total: task.total,
		done: task.done,
		failed: task.failed,
		remaining: Math.max(0, task.total - task.done - task.failed),
		cursor: task.cursor,
		error: task.error,
		spec: task.spec,
		createdAt: new Date(task.createdAt).toISOString(),
		updatedAt: new Date(task.updatedAt).toISOString(),
	};
}
