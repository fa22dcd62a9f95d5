import { fork } from 'node:child_process';
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
