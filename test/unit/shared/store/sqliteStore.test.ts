import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { openSqliteStateStore, sqliteSchemaVersion, unsupportedRuntimeMessage } from '../../../../nodes/shared/store/sqliteStore';
import { StateStoreError } from '../../../../nodes/shared/store/types';
import { describeStateStoreContract } from './contract';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-sqlite-store-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let stores = 0;
const freshPath = (): string => path.join(root, `store-${++stores}`, 'state.sqlite');

const modulePath = path.resolve(__dirname, '../../../../nodes/shared/store/sqliteStore.ts');
const ids = (records: readonly { messageId: string }[]): string[] => records.map((record) => record.messageId);

describeStateStoreContract('embedded store on node:sqlite', {
	freshConfig: async () => ({ kind: 'embedded', path: freshPath() }),
	modulePath,
	exportName: 'openSqliteStateStore',
});

describeStateStoreContract('embedded store on node:sqlite, every push log write on its writer thread', {
	freshConfig: async () => ({ kind: 'embedded', path: freshPath() }),
	modulePath: path.resolve(__dirname, 'sqliteStoreOnWriterThread.ts'),
	exportName: 'openSqliteStateStoreWritingOnThread',
});

describe('embedded store on node:sqlite (file specifics)', () => {
	it('creates the folder of its file when missing and says where it lives', async () => {
		const file = path.join(root, 'deep', 'er', 'folder', 'state.sqlite');
		const store = openSqliteStateStore({ kind: 'embedded', path: file });
		try {
			expect(fs.existsSync(file)).toBe(true);
			expect(store.kind).toBe('embedded');
			expect(store.location).toBe(file);
		} finally {
			await store.close();
		}
	});

	it('puts the file in WAL mode', async () => {
		const file = freshPath();
		const store = openSqliteStateStore({ kind: 'embedded', path: file });
		const reader = new DatabaseSync(file);
		try {
			expect(reader.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
		} finally {
			reader.close();
			await store.close();
		}
	});

	it('shares one file between two handles: a key one remembers is a duplicate for the other', async () => {
		const file = freshPath();
		const first = openSqliteStateStore({ kind: 'embedded', path: file });
		const second = openSqliteStateStore({ kind: 'embedded', path: file });
		try {
			expect(await first.rememberIfAbsent('deliveries', 'k1', 1000, 0)).toBe(true);
			expect(await second.rememberIfAbsent('deliveries', 'k1', 1000, 0)).toBe(false);
			await second.writeMessages([{ messageId: 'm1', status: 'held', nextDueAt: 0 }], 0);
			expect(await first.claimDue({ now: 0, limit: 1, owner: 'a', leaseMs: 100 })).toHaveLength(1);
			expect(await second.claimDue({ now: 0, limit: 1, owner: 'b', leaseMs: 100 })).toEqual([]);
		} finally {
			await first.close();
			await second.close();
		}
	});

	it('migrates a new file once and opens a migrated one without migrating again', async () => {
		const file = freshPath();
		await openSqliteStateStore({ kind: 'embedded', path: file }).close();
		const store = openSqliteStateStore({ kind: 'embedded', path: file });
		const reader = new DatabaseSync(file);
		try {
			expect(reader.prepare('PRAGMA user_version').get()).toEqual({ user_version: sqliteSchemaVersion });
			expect(await store.writeMessages([{ messageId: 'm1', status: 'succeeded' }], 0)).toEqual({ inserted: 1, updated: 0 });
		} finally {
			reader.close();
			await store.close();
		}
	});

	it('lets four processes open a new file at the same moment: one migrates, all write', async () => {
		const file = freshPath();
		const owners = ['p1', 'p2', 'p3', 'p4'];
		let ready = 0;
		const children = owners.map((owner) => {
			const options = { owner, mode: 'open', modulePath, exportName: 'openSqliteStateStore', config: { kind: 'embedded', path: file } };
			const child = fork(path.join(__dirname, 'claimWorker.js'), [JSON.stringify(options)], { execPath: process.execPath, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			const messages: unknown[] = [];
			child.on('message', (message: { type: string }) => {
				messages.push(message);
				// Every process waits until all are loaded: then they open the new file together.
				if (message.type === 'ready' && ++ready === owners.length) for (const each of children) each.child.send('go');
			});
			return { child, exit: new Promise<unknown[]>((resolve) => child.once('exit', () => resolve(messages))) };
		});
		expect(await Promise.all(children.map(({ exit }) => exit))).toEqual(owners.map(() => [{ type: 'ready' }, { type: 'opened' }]));
		const store = openSqliteStateStore({ kind: 'embedded', path: file });
		try {
			expect(ids((await store.searchMessages({}, { limit: 10 })).items).sort()).toEqual(owners);
		} finally {
			await store.close();
		}
	});

	/**
	 * Another process that creates `file` in SQLite's default (rollback journal) mode and holds its write
	 * lock for `holdMs`; resolves once it holds it, with `released` for when it has committed and exited.
	 */
	async function holdWriteLock(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const script = `
			const db = new (require('node:sqlite').DatabaseSync)(process.argv[1]);
			db.exec('CREATE TABLE held (n)'); db.exec('BEGIN IMMEDIATE'); db.exec('INSERT INTO held VALUES (1)');
			process.stdout.write('holding');
			setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`;
		const holder = spawn(process.execPath, ['-e', script, file, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
		const released = new Promise<void>((resolve) => holder.once('exit', () => resolve()));
		await new Promise((resolve) => holder.stdout.once('data', resolve));
		return { released };
	}

	/** Opens the store in a process of its own, as a second n8n process would: what it answers, and the file's journal mode then. */
	function openInAnotherProcess(file: string, busyTimeoutMs: number): Promise<{ opened?: true; journalMode?: unknown; error?: string; code?: string }> {
		const script = `
			require(${JSON.stringify(path.resolve(__dirname, '../../../../scripts/requireTypeScript'))});
			const { openSqliteStateStore } = require(${JSON.stringify(modulePath)});
			let answer;
			try {
				const store = openSqliteStateStore({ kind: 'embedded', path: process.argv[1], busyTimeoutMs: Number(process.argv[2]) });
				answer = { opened: true, journalMode: new (require('node:sqlite').DatabaseSync)(process.argv[1]).prepare('PRAGMA journal_mode').get().journal_mode };
				store.close();
			} catch (error) {
				answer = { error: error.message, code: error.code };
			}
			process.stdout.write(JSON.stringify(answer));`;
		const opener = spawn(process.execPath, ['-e', script, file, String(busyTimeoutMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		opener.stdout.on('data', (chunk) => (out += String(chunk)));
		return new Promise((resolve) => opener.once('exit', () => resolve(JSON.parse(out))));
	}

	// Switching a file to WAL needs it to itself, and SQLite refuses that at once, without its busy wait,
	// while another process writes: one open in forty failed so when four processes opened a new file together.
	it('waits for another process writing the file before switching it to WAL, instead of failing at once', async () => {
		const file = freshPath();
		const holder = await holdWriteLock(file, 1000);
		expect(await openInAnotherProcess(file, 5000)).toEqual({ opened: true, journalMode: 'wal' });
		await holder.released;
		// The other process committed first: its row is there.
		const reader = new DatabaseSync(file);
		expect(reader.prepare('SELECT COUNT(*) AS n FROM held').get()).toEqual({ n: 1 });
		reader.close();
	});

	it('gives up switching to WAL after the busy timeout, saying the file is locked', async () => {
		const file = freshPath();
		const holder = await holdWriteLock(file, 3000);
		expect(await openInAnotherProcess(file, 200)).toEqual({ error: expect.stringMatching(/^Cannot prepare the state store file .*: database is locked$/), code: 'unavailable' });
		await holder.released;
	});

	it('refuses a file whose schema is newer than this package knows', () => {
		const file = freshPath();
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const writer = new DatabaseSync(file);
		writer.exec(`PRAGMA user_version = ${sqliteSchemaVersion + 1}`);
		writer.close();
		expect(() => openSqliteStateStore({ kind: 'embedded', path: file })).toThrow(
			expect.objectContaining({ name: 'StateStoreError', code: 'migration', message: expect.stringContaining('newer than this package knows') }),
		);
	});

	it('reports a file that cannot be created as unavailable', () => {
		const blocker = path.join(root, 'not-a-folder');
		fs.writeFileSync(blocker, 'x');
		expect(() => openSqliteStateStore({ kind: 'embedded', path: path.join(blocker, 'state.sqlite') })).toThrow(StateStoreError);
	});

	it('refuses work after close with a clear error', async () => {
		const store = openSqliteStateStore({ kind: 'embedded', path: freshPath() });
		await store.close();
		await expect(store.getMessage('m1')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('is closed') });
	});

	it('tells a user on a runtime without node:sqlite what to run instead', () => {
		const message = unsupportedRuntimeMessage('20.19.0', "No such built-in module: node:sqlite");
		expect(message).toContain('Node.js 20.19.0');
		expect(message).toContain('n8n 2.x');
		expect(message).toContain('Node.js 22.13 or later');
		expect(message).toContain('PostgreSQL state store');
		expect(message).toContain('No such built-in module: node:sqlite');
	});
});
