import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';

import { openSqliteStateStore, writerThreadFromRows } from '../../../../nodes/shared/store/sqliteStore';
import type { MessageStatus, MessageWrite, StateStore } from '../../../../nodes/shared/store/types';

/**
 * The embedded store's writer thread (sqliteWriterThread.js): a `writeMessages` call of
 * `writerThreadFromRows` rows or more runs on its own connection. The contract suite runs with
 * every write on the thread (sqliteStore.test.ts); these tests use the default threshold and look
 * at what only the thread has: a second connection, and a thread to end.
 */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-sqlite-writer-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let files = 0;
const freshPath = (): string => path.join(root, `store-${++files}`, 'state.sqlite');

const rows = (count: number, from = 0, extra: Partial<MessageWrite> = {}): MessageWrite[] =>
	Array.from({ length: count }, (_, index) => ({ messageId: `m${String(from + index).padStart(5, '0')}`, status: 'succeeded', attempts: 1, ...extra }));

describe('embedded store: big push log writes on the writer thread', () => {
	let store: StateStore;

	beforeEach(() => {
		store = openSqliteStateStore({ kind: 'embedded', path: freshPath() });
	});

	afterEach(async () => {
		await store.close();
	});

	it('writes 2,000 rows that reads on the main connection then see, every one', async () => {
		expect(2000).toBeGreaterThanOrEqual(writerThreadFromRows);
		expect(await store.writeMessages(rows(2000, 0, { payload: { amount: 1 }, delivery: { status: 'succeeded' } }), 100)).toEqual({ inserted: 2000, updated: 0 });
		const page = await store.searchMessages({}, { limit: 1000 });
		expect(page.total).toBe(2000);
		expect(await store.getMessage('m01999')).toMatchObject({ status: 'succeeded', attempts: 1, createdAt: 100, payload: { amount: 1 }, delivery: { status: 'succeeded' } });
	});

	it('counts rows already present as updated and adds their attempts', async () => {
		await store.writeMessages(rows(2000), 100);
		expect(await store.writeMessages(rows(2000, 1000, { status: 'failed' as MessageStatus }), 200)).toEqual({ inserted: 1000, updated: 1000 });
		expect(await store.getMessage('m01500')).toMatchObject({ status: 'failed', attempts: 2, createdAt: 100, updatedAt: 200 });
		expect(await store.getMessage('m02500')).toMatchObject({ status: 'failed', attempts: 1, createdAt: 200 });
		expect((await store.stats(0)).byStatus).toEqual({ succeeded: 1000, failed: 2000 });
	});

	it('writes nothing of a batch the thread fails, and takes the next batch', async () => {
		// The last row breaks the messages table's NOT NULL status: SQLite refuses it on the thread.
		const broken = [...rows(1999), { messageId: 'm-broken', status: null as unknown as MessageStatus }];
		await expect(store.writeMessages(broken, 100)).rejects.toThrow(/NOT NULL/);
		expect((await store.searchMessages({}, { limit: 1 })).total).toBe(0);
		expect(await store.writeMessages(rows(2000), 100)).toEqual({ inserted: 2000, updated: 0 });
	});

	it('completes calls in the order they were made, a small one after a big one still on the thread', async () => {
		const big = store.writeMessages(rows(2000, 0, { status: 'failed' as MessageStatus }), 100);
		const small = store.writeMessages([{ messageId: 'm00000', status: 'succeeded' }], 200);
		expect(await big).toEqual({ inserted: 2000, updated: 0 });
		expect(await small).toEqual({ inserted: 0, updated: 1 });
		expect(await store.getMessage('m00000')).toMatchObject({ status: 'succeeded', updatedAt: 200 });
	});

	it('lets the writes in flight finish on close, then ends the thread and its connection', async () => {
		const file = store.location;
		const writing = store.writeMessages(rows(2000), 100);
		await store.close();
		expect(await writing).toEqual({ inserted: 2000, updated: 0 });
		// SQLite removes the -wal file when the last connection to the database closes: none is left open.
		expect(fs.existsSync(`${file}-wal`)).toBe(false);
		await expect(store.writeMessages(rows(2000), 200)).rejects.toThrow(/closed/);
		const reopened = openSqliteStateStore({ kind: 'embedded', path: file });
		try {
			expect((await reopened.searchMessages({}, { limit: 1 })).total).toBe(2000);
		} finally {
			await reopened.close();
		}
	});

	it('keeps a process alive while the thread writes, though the idle thread does not', async () => {
		const file = freshPath();
		const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'writeThroughThread.js'), file, '2000']);
		expect(JSON.parse(stdout)).toEqual({ inserted: 0, updated: 2000 });
	});
});

describe('embedded store: push log batches staged on the writer thread (logMessages)', () => {
	const opened: StateStore[] = [];
	const open = (file: string, timing: { foldIdleMs?: number; foldAtRows?: number } = {}): StateStore => {
		const store = openSqliteStateStore({ kind: 'embedded', path: file }, timing);
		opened.push(store);
		return store;
	};
	/** What the file holds, read by a connection of its own (no fold). */
	const countsIn = (file: string): { staged: number; refused: number; messages: number } => {
		const db = new DatabaseSync(file, { readOnly: true });
		try {
			const count = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
			return {
				staged: count('SELECT COALESCE(SUM(row_count), 0) AS n FROM staged_messages WHERE error IS NULL'),
				refused: count('SELECT COUNT(*) AS n FROM staged_messages WHERE error IS NOT NULL'),
				messages: count('SELECT COUNT(*) AS n FROM messages'),
			};
		} finally {
			db.close();
		}
	};

	afterEach(async () => {
		for (const store of opened.splice(0)) await store.close();
	});

	it('stages a big batch as it is logged, and folds it before the next read of messages', async () => {
		const file = freshPath();
		const store = open(file, { foldIdleMs: 60_000 });
		await store.logMessages(rows(2000, 0, { status: 'failed' as MessageStatus, payload: { amount: 1 } }), 100);
		expect(countsIn(file)).toEqual({ staged: 2000, refused: 0, messages: 0 });
		expect(await store.getMessage('m01999')).toMatchObject({ status: 'failed', attempts: 1, payload: { amount: 1 }, createdAt: 100 });
		expect(countsIn(file)).toEqual({ staged: 0, refused: 0, messages: 2000 });
	});

	it('writes a small batch behind what is staged, in call order, whether the staged batch is done or in flight', async () => {
		const file = freshPath();
		const store = open(file, { foldIdleMs: 60_000 });
		await store.logMessages(rows(2000, 0, { status: 'failed' as MessageStatus }), 100);
		expect(await store.writeMessages([{ messageId: 'm00000', status: 'succeeded', attempts: 1 }], 200)).toEqual({ inserted: 0, updated: 1 });
		expect(await store.getMessage('m00000')).toMatchObject({ status: 'succeeded', attempts: 2, createdAt: 100, updatedAt: 200 });
		// Not awaited: the small calls are made while the big one is still on its way.
		const big = store.logMessages(rows(2000, 2000, { status: 'failed' as MessageStatus }), 300);
		const small = store.logMessages([{ messageId: 'm02000', status: 'succeeded', attempts: 1 }], 400);
		const counted = store.writeMessages([{ messageId: 'm02001', status: 'held', attempts: 1 }], 500);
		await Promise.all([big, small]);
		expect(await counted).toEqual({ inserted: 0, updated: 1 });
		expect(await store.getMessage('m02000')).toMatchObject({ status: 'succeeded', attempts: 2, updatedAt: 400 });
		expect(await store.getMessage('m02001')).toMatchObject({ status: 'held', attempts: 2, updatedAt: 500 });
		expect(countsIn(file)).toEqual({ staged: 0, refused: 0, messages: 4000 });
	});

	it('folds on the writer thread once no batch came for the idle time', async () => {
		const file = freshPath();
		const store = open(file, { foldIdleMs: 50 });
		await store.logMessages(rows(1000), 100);
		await store.logMessages(rows(1000, 1000), 100);
		const deadline = Date.now() + 5000;
		while (countsIn(file).staged > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
		expect(countsIn(file)).toEqual({ staged: 0, refused: 0, messages: 2000 });
	});

	it('folds at once when the rows waiting reach the bound', async () => {
		const file = freshPath();
		const store = open(file, { foldIdleMs: 60_000, foldAtRows: 1500 });
		await store.logMessages(rows(1000), 100);
		expect(countsIn(file).staged).toBe(1000);
		await store.logMessages(rows(1000, 1000), 100);
		// The thread answers before it folds; its next answer comes after the fold.
		await store.logMessages(rows(100, 5000), 100);
		expect(countsIn(file)).toEqual({ staged: 100, refused: 0, messages: 2000 });
	});

	it('folds what is staged on close', async () => {
		const file = freshPath();
		const store = open(file, { foldIdleMs: 60_000 });
		await store.logMessages(rows(2000), 100);
		await store.close();
		expect(countsIn(file)).toEqual({ staged: 0, refused: 0, messages: 2000 });
	});

	it('keeps what a process logged and did not fold (it ended first) for the next connection', async () => {
		const file = freshPath();
		const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'logThroughThread.js'), file, '2000']);
		expect(stdout).toBe('logged');
		expect(countsIn(file)).toEqual({ staged: 2000, refused: 0, messages: 0 });
		const store = open(file);
		expect(await store.searchMessages({ statuses: ['failed'] }, { limit: 1 })).toMatchObject({ total: 2000 });
		expect(await store.getMessage('child-1999')).toMatchObject({ status: 'failed', reason: 'timeout', attempts: 1, createdAt: 1000 });
	});

	it('stages a batch as the UTF-8 bytes of its JSON, and files text in every script and text staged by earlier builds', async () => {
		const file = freshPath();
		const store = open(file, { foldIdleMs: 60_000 });
		await store.logMessages(rows(100, 0, { status: 'failed' as MessageStatus, receiver: '张三', payload: { title: '差旅报销 — 🚄' } }), 100);
		const db = new DatabaseSync(file);
		const [staged] = db.prepare('SELECT rows FROM staged_messages').all() as Array<{ rows: unknown }>;
		expect(staged.rows).toBeInstanceOf(Uint8Array);
		expect(JSON.parse(Buffer.from(staged.rows as Uint8Array).toString('utf8'))).toHaveLength(100);
		// Earlier builds of schema version 2 staged the JSON as text: still filed.
		const textRow = [['m-text', 'held', null, null, null, null, '李四', null, 1, null, 100, null, null, null, 16]];
		db.prepare('INSERT INTO staged_messages (rows, row_count) VALUES (?, 1)').run(JSON.stringify(textRow));
		db.close();
		expect(await store.getMessage('m00099')).toMatchObject({ receiver: '张三', payload: { title: '差旅报销 — 🚄' } });
		expect(await store.getMessage('m-text')).toMatchObject({ status: 'held', receiver: '李四' });
		expect(countsIn(file)).toEqual({ staged: 0, refused: 0, messages: 101 });
	});

	it('refuses a staged batch whose bytes are not UTF-8, rather than file altered text', async () => {
		const file = freshPath();
		const store = open(file, { foldIdleMs: 60_000 });
		const db = new DatabaseSync(file);
		const json = Buffer.from(JSON.stringify([['m-bad', 'failed', null, null, null, null, 'Zhang', null, 1, null, 100, null, null, null, 16]]));
		// 'Zhang' with its 'h' made into a lone continuation byte.
		json[json.indexOf('Zhang') + 1] = 0x80;
		db.prepare('INSERT INTO staged_messages (rows, row_count) VALUES (?, 1)').run(json);
		db.close();
		expect(await store.getMessage('m-bad')).toBeUndefined();
		expect(countsIn(file)).toEqual({ staged: 0, refused: 1, messages: 0 });
		expect((await store.stats(0)).unfiledLog).toEqual({ batches: 1, rows: 1, lastError: expect.stringMatching(/encoded|UTF-8|utf-8/i) });
	});

	it('keeps a staged batch SQLite refuses, with its error, and folds and reads the rest', async () => {
		const file = freshPath();
		const store = open(file, { foldIdleMs: 60_000 });
		await store.logMessages(rows(100), 100);
		// A batch whose row breaks NOT NULL status, as a bug or a damaged file would leave one.
		const db = new DatabaseSync(file);
		db.prepare('INSERT INTO staged_messages (rows, row_count) VALUES (?, 1)').run(JSON.stringify([['bad', null, null, null, null, null, null, null, 0, null, 100, null, null, null, 0]]));
		db.prepare('INSERT INTO staged_messages (rows, row_count) VALUES (?, 1)').run('not json');
		db.close();
		await store.logMessages(rows(100, 100), 200);
		expect((await store.searchMessages({}, { limit: 1 })).total).toBe(200);
		expect(await store.getMessage('bad')).toBeUndefined();
		expect(countsIn(file)).toEqual({ staged: 0, refused: 2, messages: 200 });
		// Kept for inspection, and not in the way of later reads.
		const stats = await store.stats(0);
		expect(stats.byStatus).toEqual({ succeeded: 200 });
		// …and reported by Stats, so an administrator sees that rows were not filed and why.
		expect(stats.unfiledLog).toEqual({ batches: 2, rows: 2, lastError: expect.stringMatching(/JSON/) });
	});
});

