import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { presentMessagesSql, stagingSql, upsertMessageSql, type MessageRow, type StagedBatch, type WriteCounts } from './sqliteMessageWrites';
import { StateStoreError } from './types';

interface WriterReply {
	id: number;
	inserted?: number;
	updated?: number;
	error?: { message: string; code?: string; errcode?: number; errstr?: string };
}

/** When the thread folds what is staged: after this long without a batch, or at once at this many rows. */
export interface FoldTiming {
	foldIdleMs: number;
	foldAtRows: number;
}

/**
 * The store's writer thread (sqliteWriterThread.js): started on the first big write, one per open
 * store, ended by close(). node:sqlite blocks the thread it runs on; a push log batch of 500 rows
 * is ~10 ms of SQLite work that would otherwise stall every delivery in flight on n8n's main thread.
 * It keeps the process alive only while it has writes to answer (a fold it has not run yet is left
 * staged when the process ends, for the next connection to fold).
 */
export class WriterThread {
	private readonly worker: Worker;

	private readonly waiting = new Map<number, { resolve: (counts: WriteCounts) => void; reject: (error: Error) => void }>();

	private readonly inFlight = new Set<Promise<WriteCounts>>();

	private nextId = 0;

	private failure: Error | undefined;

	private readonly exited: Promise<void>;

	constructor(file: string, busyTimeoutMs: number, timing: FoldTiming) {
		this.worker = new Worker(path.join(__dirname, 'sqliteWriterThread.js'), {
			workerData: { file, busyTimeoutMs, ...timing, sql: { present: presentMessagesSql, upsert: upsertMessageSql, ...stagingSql } },
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

	/** Writes the rows (what is staged first) and counts them. */
	write(rows: readonly MessageRow[]): Promise<WriteCounts> {
		return this.send((id) => ({ id, rows }));
	}

	/**
	 * Stores staged batches (`stagedBatches`), to be folded into the messages table later
	 * (sqliteWriterThread.js). Their bytes move to the thread: the caller must not use them after.
	 */
	stage(batches: readonly StagedBatch[]): Promise<WriteCounts> {
		return this.send(
			(id) => ({ id, stage: batches }),
			batches.map(([bytes]) => bytes.buffer),
		);
	}

	/** Folds what is staged (by any connection) into the messages table. */
	fold(): Promise<WriteCounts> {
		return this.send((id) => ({ id, fold: true }));
	}

	private send(request: (id: number) => object, transfer: ArrayBuffer[] = []): Promise<WriteCounts> {
		if (this.failure) return Promise.reject(this.failure);
		const id = this.nextId++;
		const written = new Promise<WriteCounts>((resolve, reject) => {
			this.waiting.set(id, { resolve, reject });
			// Keeps the process alive while an answer is due, not while the thread idles.
			if (this.waiting.size === 1) this.worker.ref();
			// Rows alone for a write (the thread reads the ids from them, each id cloned once); for a stage, its bytes, moved.
			this.worker.postMessage(request(id), transfer);
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
