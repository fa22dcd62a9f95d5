/**
 * To-do records, claims and the batch plan against both state stores: the embedded file database
 * and PostgreSQL on 127.0.0.1:5432 (database `test`, a fresh schema per store, dropped afterwards),
 * as test/unit/shared/store/ opens them. Concurrent claimers run as two store handles in this
 * process and as forked processes (todoPushWorker.js), like two n8n processes sharing one store.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Pool } from 'pg';

import { openStateStore } from '../../../../../nodes/shared/store/openStateStore';
import type { StateStore, StateStoreConfig } from '../../../../../nodes/shared/store/types';
import { defaultRuleSettings, planAndClaim, type RuleSettings } from '../../../../../nodes/shared/todo/rules/batchPlan';
import { claimTodos, confirmPush, mergePush, personKey, readTodoRecords, releaseTodoClaim } from '../../../../../nodes/shared/todo/rules/todoRecords';
import type { TodoEvent } from '../../../../../nodes/shared/todo/types';
import { described, todoEvent as ev } from './todoEvents';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'todo-records-'));
const admin = new Pool({ host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', max: 1 });
const schemas: string[] = [];
let files = 0;

afterAll(async () => {
	for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
	await admin.end();
	fs.rmSync(root, { recursive: true, force: true });
});

const kinds: Array<[string, () => StateStoreConfig]> = [
	['embedded', () => ({ kind: 'embedded', path: path.join(root, `store-${++files}`, 'state.sqlite') })],
	[
		'PostgreSQL',
		() => {
			const schema = `om_test_${randomBytes(6).toString('hex')}`;
			schemas.push(schema);
			return { kind: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: 'not-needed-on-trust', ssl: 'disable', schema, tablePrefix: 'outbound_' };
		},
	],
];

const duplicateFilter: RuleSettings = { ...defaultRuleSettings, duplicateFilter: true };
const compensation: RuleSettings = { ...defaultRuleSettings, compensation: true };

describe('mergePush', () => {
	it('keeps the newest ts and the flags of every push, whatever the order', () => {
		const done = mergePush(undefined, { operation: 'done', ts: 300 });
		expect(mergePush(done, { operation: 'todo', ts: 100 })).toEqual({ todoPushed: true, donePushed: true, ts: 300 });
	});

	it('lets the newer push win the ids an adapter keeps and keeps the others', () => {
		const first = mergePush(undefined, { operation: 'todo', ts: 100, keep: { taskId: 'a', listId: 'l' } });
		expect(mergePush(first, { operation: 'done', ts: 200, keep: { taskId: 'b' } }).targetIds).toEqual({ taskId: 'b', listId: 'l' });
		expect(mergePush(first, { operation: 'done', ts: 50, keep: { taskId: 'old' } }).targetIds).toEqual({ taskId: 'a', listId: 'l' });
	});

	it('clears the flags on a delete that is not older than the record', () => {
		const pushed = { todoPushed: true, donePushed: true, ts: 200 };
		expect(mergePush(pushed, { operation: 'delete_user', ts: 200 })).toEqual({ todoPushed: false, donePushed: false, ts: 200 });
		expect(mergePush(pushed, { operation: 'delete_user', ts: 100 })).toEqual(pushed);
	});
});

describe.each(kinds)('to-do records on the %s store', (_kind, freshConfig) => {
	let config: StateStoreConfig;
	let store: StateStore;
	const opened: StateStore[] = [];
	const open = (): StateStore => {
		const handle = openStateStore(config);
		opened.push(handle);
		return handle;
	};

	beforeEach(() => {
		config = freshConfig();
		store = open();
	});
	afterEach(async () => {
		for (const handle of opened.splice(0)) await handle.close();
	});

	it('reads back what was confirmed, for every receiver of the flows asked, per target', async () => {
		await confirmPush(store, 'oa-a', { ...ev('todo'), keep: { taskId: 't1' } });
		await confirmPush(store, 'oa-a', ev('done', { receiver: 'wangwu', ts: 5 }));
		await confirmPush(store, 'oa-a', ev('todo', { flowId: '2002' }));
		await confirmPush(store, 'oa-b', ev('done', { flowId: '3003' }));
		const book = await readTodoRecords(store, 'oa-a', ['1001', '3003', '1001']);
		expect(new Map([...book].map(([key, entry]) => [key, entry.record]))).toEqual(
			new Map([
				[personKey('1001', 'lisi'), { todoPushed: true, donePushed: false, ts: ev('todo').ts, targetIds: { taskId: 't1' } }],
				[personKey('1001', 'wangwu'), { todoPushed: false, donePushed: true, ts: 5 }],
			]),
		);
	});

	it('never lets an older push lower the ts of the record', async () => {
		await confirmPush(store, 'oa', ev('done', { ts: 300 }));
		await confirmPush(store, 'oa', ev('todo', { ts: 100 }));
		expect((await readTodoRecords(store, 'oa', ['1001'])).get(personKey('1001', 'lisi'))?.record).toEqual({ todoPushed: true, donePushed: true, ts: 300 });
	});

	it('keeps every concurrent confirm of one record (compare-and-set, read again on conflict)', async () => {
		const other = open();
		await Promise.all([
			confirmPush(store, 'oa', { ...ev('todo', { ts: 1 }), keep: { a: '1' } }),
			confirmPush(other, 'oa', { ...ev('done', { ts: 3 }), keep: { b: '2' } }),
			confirmPush(store, 'oa', { ...ev('cc', { ts: 2 }), keep: { c: '3' } }),
			confirmPush(other, 'oa', ev('finished', { ts: 2 })),
		]);
		expect((await readTodoRecords(store, 'oa', ['1001'])).get(personKey('1001', 'lisi'))?.record).toEqual({ todoPushed: true, donePushed: true, ts: 3, targetIds: { a: '1', b: '2', c: '3' } });
	});

	it('clears every receiver of a flow on a confirmed delete of the flow', async () => {
		await confirmPush(store, 'oa', ev('todo', { ts: 1 }));
		await confirmPush(store, 'oa', ev('todo', { receiver: 'wangwu', ts: 1 }));
		await confirmPush(store, 'oa', ev('delete_flow', { receiver: '', ts: 2 }));
		const book = await readTodoRecords(store, 'oa', ['1001']);
		expect([...book.values()].map((entry) => entry.record.todoPushed)).toEqual([false, false]);
	});

	it('gives a claim to one claimer per record version, and again after a release', async () => {
		const claim = { flowId: '1001', receiver: 'lisi', version: null };
		expect(await claimTodos(store, 'oa', [claim], { now: 1000 })).toEqual({ won: [claim], lost: [] });
		expect(await claimTodos(open(), 'oa', [claim], { now: 1001 })).toEqual({ won: [], lost: [claim] });
		expect((await claimTodos(store, 'other-target', [claim], { now: 1001 })).won).toEqual([claim]);
		await releaseTodoClaim(store, 'oa', claim);
		expect((await claimTodos(open(), 'oa', [claim], { now: 1002 })).won).toEqual([claim]);
	});

	it('lets a claim run out after its ttl', async () => {
		const claim = { flowId: '1001', receiver: 'lisi', version: null };
		await claimTodos(store, 'oa', [claim], { now: 1000, ttlMs: 50 });
		expect((await claimTodos(store, 'oa', [claim], { now: 1050, ttlMs: 50 })).won).toEqual([claim]);
	});

	it('loses a claim when a to-do was confirmed after the records were read', async () => {
		const claim = { flowId: '1001', receiver: 'lisi', version: null };
		await confirmPush(open(), 'oa', ev('todo'));
		expect(await claimTodos(store, 'oa', [claim], { now: 1000 })).toEqual({ won: [], lost: [claim] });
	});

	it('with the duplicate filter on, two concurrent claimers of one to-do push it once', async () => {
		const batch = [ev('todo')];
		const plans = await Promise.all([store, open()].map((handle) => planAndClaim(handle, 'oa', batch, duplicateFilter, { now: 1000 })));
		expect(plans.map((plan) => described(plan.steps)).sort()).toEqual([['ignore duplicate #0'], ['push todo lisi #0']]);
	});

	it('re-plans around a lost claim: the person\'s to-dos become duplicates, other people keep theirs', async () => {
		await claimTodos(open(), 'oa', [{ flowId: '1001', receiver: 'lisi', version: null }], { now: 1000 });
		const plan = await planAndClaim(store, 'oa', [ev('todo'), ev('todo', { receiver: 'wangwu' })], duplicateFilter, { now: 1001 });
		expect(described(plan.steps)).toEqual(['ignore duplicate #0', 'push todo wangwu #1']);
		expect(plan.claims).toEqual([{ flowId: '1001', receiver: 'wangwu', version: null }]);
	});

	it('after a failed delivery and a release, the retry pushes the to-do; after a success it is a duplicate', async () => {
		const first = await planAndClaim(store, 'oa', [ev('todo')], duplicateFilter, { now: 1000 });
		for (const claim of first.claims) await releaseTodoClaim(store, 'oa', claim);
		const retry = await planAndClaim(open(), 'oa', [ev('todo')], duplicateFilter, { now: 2000 });
		expect(described(retry.steps)).toEqual(['push todo lisi #0']);
		await confirmPush(store, 'oa', ev('todo'));
		expect(described((await planAndClaim(store, 'oa', [ev('todo')], duplicateFilter, { now: 3000 })).steps)).toEqual(['ignore duplicate #0']);
	});

	it('hands adapters the record as read', async () => {
		await confirmPush(store, 'oa', { ...ev('todo', { ts: 1 }), keep: { taskId: 'd-1' } });
		const plan = await planAndClaim(store, 'oa', [ev('done', { ts: 2 })], compensation, { now: 1000 });
		expect(plan.book.get(personKey('1001', 'lisi'))?.record.targetIds).toEqual({ taskId: 'd-1' });
	});

	describe('separate processes sharing the store', () => {
		async function runProcesses(count: number, events: TodoEvent[], settings: RuleSettings): Promise<Array<Array<{ action: string; operation?: string; compensated: boolean; reason?: string }>>> {
			await store.isRemembered('migrated', 'k', 0);
			const workers = Array.from({ length: count }, () =>
				fork(path.join(__dirname, 'todoPushWorker.js'), [JSON.stringify({ config, sysCode: 'oa', events, settings })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
			);
			const messages = workers.map(
				(worker) =>
					new Promise<{ type: string; steps?: never; message?: string }>((resolve, reject) => {
						worker.on('message', resolve);
						worker.on('error', reject);
						// A worker that dies before it is ready (it cannot load the engine) fails the test at once.
						worker.on('exit', (code) => reject(new Error(`todoPushWorker.js exited with code ${code} before it was ready`)));
					}),
			);
			const ready = await Promise.all(messages);
			for (const message of ready) if (message.type !== 'ready') throw new Error(String(message.message));
			const results = workers.map(
				(worker) =>
					new Promise<{ type: string; steps: never; message?: string }>((resolve) => {
						worker.on('message', resolve);
					}),
			);
			for (const worker of workers) worker.send('go');
			const done = await Promise.all(results);
			for (const message of done) if (message.type !== 'planned') throw new Error(String(message.message));
			return done.map((message) => message.steps);
		}

		it('four processes with the same to-do and the duplicate filter on: exactly one pushes it', async () => {
			const plans = await runProcesses(4, [ev('todo')], duplicateFilter);
			const steps = plans.flat();
			expect(steps.filter((step) => step.action === 'push')).toEqual([{ action: 'push', operation: 'todo', compensated: false }]);
			expect(steps.filter((step) => step.action === 'ignore').map((step) => step.reason)).toEqual(['duplicate', 'duplicate', 'duplicate']);
		});

		it('four processes with the same done and compensation on: one compensating todo in all, every done pushed', async () => {
			const plans = await runProcesses(4, [ev('done')], compensation);
			const pushes = plans.flat().filter((step) => step.action === 'push');
			expect(pushes.filter((step) => step.compensated)).toHaveLength(1);
			expect(pushes.filter((step) => step.operation === 'done')).toHaveLength(4);
			expect((await readTodoRecords(store, 'oa', ['1001'])).get(personKey('1001', 'lisi'))?.record).toMatchObject({ todoPushed: true, donePushed: true });
		});
	});
});
