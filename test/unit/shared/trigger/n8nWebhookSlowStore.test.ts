/**
 * Triggers with an Outbound State Store credential when the store is slow or down (issue 14): a slow
 * store is waited for (a repeat of a delivery only the store knows is still a duplicate, and the node
 * keeps asking the store), a store that is down falls back to the process memory, which also knows
 * the deliveries that went through the store. Slow is real here: the test holds a PostgreSQL lock on
 * the keys the trigger must write (a row, or the whole table) for a few seconds; down is a closed port.
 * Each "process" is the trigger node loaded from a fresh copy of the package's modules, as in
 * n8nWebhookStore.test.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';
import { Client, Pool } from 'pg';

import { deliveryDigest } from '../../../../nodes/shared/trigger/deliveryMemory';
import { deliveryNamespace } from '../../../../nodes/shared/trigger/sharedDeliveries';
import { closedPort } from '../delivery/localTarget';
import { emittedItems } from './webhookHarness';
import { deliveryIdOf, ofsPush, trackTriggerProcesses } from './triggerProcesses';

const server = { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' };
const admin = new Pool({ ...server, max: 1 });
const schema = `om_trigger_slow_${randomBytes(6).toString('hex')}`;
const keysTable = `"${schema}".outbound_keys`;
const nodeName = 'Unified Todo Trigger';
const credential = (): IDataObject => ({ storeType: 'postgres', ...server, password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' });

const { start, closers } = trackTriggerProcesses();
const push = ofsPush;

afterAll(async () => {
	await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
	await admin.end();
});

const duplicateAnswer = { operResult: '1', message: 'Received; this delivery was already received' };

/**
 * Holds a lock in a transaction of its own until `holdMs` passed (then commits): `row` locks one
 * remembered delivery (FOR UPDATE: the trigger's INSERT … ON CONFLICT waits for it), no row locks
 * the whole keys table against writes. Resolves once the lock is held.
 */
async function holdLock(holdMs: number, row?: { workflowId: string; deliveryId: string }): Promise<void> {
	const client = new Client(server);
	await client.connect();
	await client.query('BEGIN');
	if (row) {
		const { rowCount } = await client.query(`SELECT 1 FROM ${keysTable} WHERE namespace = $1 AND key = $2 FOR UPDATE`, [
			deliveryNamespace(row.workflowId, nodeName),
			deliveryDigest(row.deliveryId),
		]);
		expect(rowCount).toBe(1);
	} else {
		await client.query(`LOCK TABLE ${keysTable} IN SHARE ROW EXCLUSIVE MODE`);
	}
	const released = new Promise<void>((resolve) => setTimeout(resolve, holdMs)).then(async () => {
		await client.query('COMMIT');
		await client.end();
	});
	closers.push(async () => await released);
}

describe('trigger duplicates when the PostgreSQL store is slow', () => {
	it('waits for the store: a repeat of a delivery only the store knows is a duplicate, and the next one is checked in the store too', async () => {
		const workflowId = randomUUID();
		const first = await start({ workflowId, stateStore: credential() });
		const one = await first.send(push('flow-slow-1'));
		const two = await first.send(push('flow-slow-2'));
		expect(emittedItems(one)).toHaveLength(1);
		expect(emittedItems(two)).toHaveLength(1);

		// Another process, which knows neither delivery: the store is the only one that does, and it takes 3 s to answer.
		const logs: string[] = [];
		const second = await start({ workflowId, stateStore: credential(), logs });
		await holdLock(3000, { workflowId, deliveryId: deliveryIdOf(one) });
		const repeat = await second.send(push('flow-slow-1'));
		expect(JSON.parse(repeat.body)).toMatchObject(duplicateAnswer);
		expect(emittedItems(repeat)).toBeUndefined();
		// Slow is not down: no fallback, so the store still answers for the other delivery.
		const repeatTwo = await second.send(push('flow-slow-2'));
		expect(JSON.parse(repeatTwo.body)).toMatchObject(duplicateAnswer);
		expect(emittedItems(repeatTwo)).toBeUndefined();
		expect(logs).toEqual([]);
	});

	it('starts one execution for a new delivery sent to two processes at once while the store is slow', async () => {
		const workflowId = randomUUID();
		const first = await start({ workflowId, stateStore: credential() });
		const second = await start({ workflowId, stateStore: credential() });
		// Both processes have their store open before it turns slow.
		expect(emittedItems(await first.send(push('flow-open-1')))).toHaveLength(1);
		expect(emittedItems(await second.send(push('flow-open-2')))).toHaveLength(1);

		await holdLock(3000);
		const answers = await Promise.all([first.send(push('flow-slow-new')), second.send(push('flow-slow-new'))]);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		expect(answers.filter((answer) => emittedItems(answer) !== undefined)).toHaveLength(1);
		expect(answers.filter((answer) => JSON.parse(answer.body).message === duplicateAnswer.message)).toHaveLength(1);
	});
});

describe('trigger duplicates when the PostgreSQL store goes down', () => {
	it('recognises a delivery accepted through the store in the fallback, and still accepts new ones', async () => {
		const logs: string[] = [];
		const stateStore = credential();
		const harness = await start({ stateStore, logs });
		expect(emittedItems(await harness.send(push('flow-before-outage')))).toHaveLength(1);

		// The credential now points where nothing listens (the server is gone): the node falls back at once.
		stateStore.port = await closedPort();
		const repeat = await harness.send(push('flow-before-outage'));
		expect(JSON.parse(repeat.body)).toMatchObject(duplicateAnswer);
		expect(emittedItems(repeat)).toBeUndefined();
		expect(logs).toEqual([expect.stringContaining(`could not check for duplicates, so they are checked against the workflow's static data and journal instead for 30 s`)]);
		expect(logs[0]).toContain(`Cannot reach the PostgreSQL state store at 127.0.0.1:${String(stateStore.port)}/test`);
		expect(emittedItems(await harness.send(push('flow-during-outage')))).toHaveLength(1);
	});
});
