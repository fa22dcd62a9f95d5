/**
 * Triggers with an Outbound State Store credential: duplicates are checked in the store that every
 * n8n process shares. Each "process" is the trigger node loaded from a fresh copy of the package's
 * modules (jest.isolateModules): its own delivery memory and its own store cache, so its own store
 * handle, as in a separate n8n process. Real SQLite files and the real PostgreSQL on 127.0.0.1:5432.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';
import { Pool } from 'pg';

import { openPostgresStateStore } from '../../../../nodes/shared/store/postgresStore';
import { openSqliteStateStore } from '../../../../nodes/shared/store/sqliteStore';
import type { StateStore } from '../../../../nodes/shared/store/types';
import { deliveryNamespace, SharedDeliveries } from '../../../../nodes/shared/trigger/sharedDeliveries';
import { deliveryIdOf, ofsPush, trackTriggerProcesses } from './triggerProcesses';
import { emittedItems } from './webhookHarness';
import { closedPort } from '../delivery/localTarget';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-trigger-store-'));
const server = { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' };
const admin = new Pool({ ...server, max: 1 });
const schema = `om_trigger_${randomBytes(6).toString('hex')}`;
const nodeName = 'Unified Todo Trigger';

const { start, closers } = trackTriggerProcesses();
const push = ofsPush;

afterAll(async () => {
	fs.rmSync(folder, { recursive: true, force: true });
	await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
	await admin.end();
});

/** A store handle of the test's own, to look at what the triggers remembered. */
function lookAt(store: StateStore, workflowId: string): SharedDeliveries {
	closers.push(async () => await store.close());
	return new SharedDeliveries(store, deliveryNamespace(workflowId, nodeName));
}

const stores: Record<string, { credential: () => IDataObject; open: () => StateStore }> = {
	'the embedded file': {
		credential: () => ({ storeType: 'embedded', filePath: path.join(folder, 'state.db') }),
		open: () => openSqliteStateStore({ kind: 'embedded', path: path.join(folder, 'state.db') }),
	},
	PostgreSQL: {
		credential: () => ({ storeType: 'postgres', ...server, password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' }),
		open: () => openPostgresStateStore({ kind: 'postgres', ...server, password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' }),
	},
};

describe.each(Object.keys(stores))('trigger duplicates in %s', (storeName) => {
	const { credential, open } = stores[storeName];

	it('answers a delivery that one process accepted as a duplicate in another process', async () => {
		const workflowId = randomUUID();
		const first = await start({ workflowId, stateStore: credential() });
		const second = await start({ workflowId, stateStore: credential() });
		const accepted = await first.send(push('flow-two-processes'));
		expect(emittedItems(accepted)).toHaveLength(1);

		const repeat = await second.send(push('flow-two-processes'));
		expect(repeat.status).toBe(200);
		expect(JSON.parse(repeat.body)).toMatchObject({ operResult: '1', message: 'Received; this delivery was already received' });
		expect(emittedItems(repeat)).toBeUndefined();
		expect(await lookAt(open(), workflowId).isRemembered(deliveryIdOf(accepted), Date.now())).toBe(true);
	});

	it('keeps the static data out of it: the store alone remembers', async () => {
		const harness = await start({ workflowId: randomUUID(), stateStore: credential() });
		expect(emittedItems(await harness.send(push('flow-static')))).toHaveLength(1);
		expect((await harness.send(push('flow-static'))).result).toMatchObject({ noWebhookResponse: true });
		expect(harness.staticData.deliveries).toBeUndefined();
	});

	it('still accepts new deliveries in both processes', async () => {
		const workflowId = randomUUID();
		const first = await start({ workflowId, stateStore: credential() });
		const second = await start({ workflowId, stateStore: credential() });
		expect(emittedItems(await first.send(push('flow-a')))).toHaveLength(1);
		expect(emittedItems(await second.send(push('flow-b')))).toHaveLength(1);
	});

	it("forgets a delivery n8n answered with a failure (500 while shutting down), so the sender's retry runs once, in any process", async () => {
		const workflowId = randomUUID();
		const first = await start({ workflowId, stateStore: credential(), failExecutionStartOf: [1] });
		const second = await start({ workflowId, stateStore: credential() });
		const failed = await first.send(push('flow-failed'));
		expect(failed.status).toBe(500);
		const deliveryId = deliveryIdOf(failed);
		// The store forgets once the answer is sent; a sender retries seconds later, this test at once.
		const look = lookAt(open(), workflowId);
		for (let waited = 0; (await look.isRemembered(deliveryId, Date.now())) && waited < 5000; waited += 10) {
			await new Promise((resolve) => setTimeout(resolve, 10));
		}

		const retry = await second.send(push('flow-failed'));
		expect(emittedItems(retry)).toHaveLength(1);
		const again = await first.send(push('flow-failed'));
		expect(JSON.parse(again.body)).toMatchObject({ message: 'Received; this delivery was already received' });
	});

	it('remembers a delivery for the Duplicate Window', async () => {
		const workflowId = randomUUID();
		const harness = await start({ workflowId, stateStore: credential(), parameters: { triggerOptions: { duplicateWindowHours: 2 } } });
		const before = Date.now();
		const accepted = await harness.send(push('flow-window'));
		const look = lookAt(open(), workflowId);
		expect(await look.isRemembered(deliveryIdOf(accepted), before + 2 * 3600_000 - 60_000)).toBe(true);
		expect(await look.isRemembered(deliveryIdOf(accepted), Date.now() + 2 * 3600_000 + 1000)).toBe(false);
	});
});

describe('trigger duplicates when the store fails', () => {
	it('accepts the event, logs a warning, and checks duplicates against the static data and journal when PostgreSQL cannot be reached', async () => {
		const logs: string[] = [];
		const port = await closedPort();
		const harness = await start({ stateStore: { storeType: 'postgres', ...server, port, password: '', schema, tablePrefix: 'outbound_' }, logs });
		const accepted = await harness.send(push('flow-unreachable'));
		expect(accepted.status).toBe(200);
		expect(emittedItems(accepted)).toHaveLength(1);
		expect(logs).toEqual([
			expect.stringMatching(
				new RegExp(`^warn: Unified Todo Trigger: the Outbound State Store could not check for duplicates, so they are checked against the workflow's static data and journal instead for 30 s \\(at most one such line a minute\\): Cannot reach the PostgreSQL state store at 127\\.0\\.0\\.1:${port}/test`),
			),
		]);

		const repeat = await harness.send(push('flow-unreachable'));
		expect(JSON.parse(repeat.body)).toMatchObject({ operResult: '1', message: 'Received; this delivery was already received' });
		expect(emittedItems(repeat)).toBeUndefined();
		// One warning a minute, not one a request.
		expect(logs).toHaveLength(1);
	});

	it('accepts the event and falls back when the embedded store cannot be opened', async () => {
		const logs: string[] = [];
		const blocker = path.join(folder, 'not-a-folder');
		fs.writeFileSync(blocker, '');
		const harness = await start({ stateStore: { storeType: 'embedded', filePath: path.join(blocker, 'state.db') }, logs });
		const accepted = await harness.send(push('flow-unopenable'));
		expect(emittedItems(accepted)).toHaveLength(1);
		expect(logs).toEqual([expect.stringContaining('the Outbound State Store could not check for duplicates')]);
		expect(logs[0]).toContain(`Cannot open the state store file ${blocker}/state.db: EEXIST`);
		expect(emittedItems(await harness.send(push('flow-unopenable')))).toBeUndefined();
	});

	it('waits for a store that accepts connections and never answers only until the driver gives up: the event is accepted and the store left alone for a while', async () => {
		const sockets = new Set<net.Socket>();
		const silent = net.createServer((socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		closers.push(async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => silent.close(() => resolve()));
		});
		const logs: string[] = [];
		const { port } = silent.address() as net.AddressInfo;
		const harness = await start({ stateStore: { storeType: 'postgres', ...server, port, schema }, logs });

		const accepted = await harness.send(push('flow-silent'));
		expect(emittedItems(accepted)).toHaveLength(1);
		// No connection within the driver's 10 s (postgresStore.ts) is a failure: down, not slow.
		expect(logs).toEqual([
			expect.stringContaining(`could not check for duplicates, so they are checked against the workflow's static data and journal instead for 30 s (at most one such line a minute): Cannot reach the PostgreSQL state store at 127.0.0.1:${port}/test`),
		]);
		// Within the next 30 s the node does not ask the store: its repeat is caught by the static data and journal.
		const connections = sockets.size;
		expect(emittedItems(await harness.send(push('flow-silent')))).toBeUndefined();
		expect(sockets.size).toBe(connections);
	});

	it('does not open the store in test mode, where every request starts the workflow', async () => {
		const logs: string[] = [];
		const port = await closedPort();
		const harness = await start({ mode: 'manual', stateStore: { storeType: 'postgres', ...server, port, schema }, logs });
		expect(emittedItems(await harness.send(push('flow-manual')))).toHaveLength(1);
		expect(emittedItems(await harness.send(push('flow-manual')))).toHaveLength(1);
		expect(logs).toEqual([]);
	});
});
