/**
 * A trigger node's deliveries in the state store, through two separate store handles on one store:
 * what two n8n processes (webhook processes of queue mode, or n8n before and after a restart) see.
 * Real SQLite files in a temporary folder, and the real PostgreSQL on 127.0.0.1:5432 (trust auth,
 * database `test`; a fresh schema, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Pool } from 'pg';

import { openPostgresStateStore } from '../../../../nodes/shared/store/postgresStore';
import { openSqliteStateStore } from '../../../../nodes/shared/store/sqliteStore';
import type { StateStore } from '../../../../nodes/shared/store/types';
import { deliveryDigest } from '../../../../nodes/shared/trigger/deliveryMemory';
import { deliveryNamespace, SharedDeliveries } from '../../../../nodes/shared/trigger/sharedDeliveries';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-shared-deliveries-'));
const server = { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' };
const admin = new Pool({ ...server, max: 1 });
const schema = `om_shared_${randomBytes(6).toString('hex')}`;
const stores: StateStore[] = [];

afterAll(async () => {
	await Promise.all(stores.map(async (store) => await store.close()));
	fs.rmSync(folder, { recursive: true, force: true });
	await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
	await admin.end();
});

const openers: Record<string, () => StateStore> = {
	'the embedded file': () => openSqliteStateStore({ kind: 'embedded', path: path.join(folder, 'state.db') }),
	PostgreSQL: () => openPostgresStateStore({ kind: 'postgres', ...server, password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' }),
};

/** Two handles on one store, as two processes hold them. */
function twoProcesses(open: () => StateStore): [SharedDeliveries, SharedDeliveries, string] {
	const namespace = deliveryNamespace(`wf-${randomBytes(4).toString('hex')}`, 'Hesi Approval Event Trigger');
	const [first, second] = [open(), open()];
	stores.push(first, second);
	return [new SharedDeliveries(first, namespace), new SharedDeliveries(second, namespace), namespace];
}

const hour = 3600;
const now = Date.UTC(2026, 11, 3, 9, 0, 0);

describe('deliveryNamespace', () => {
	it('is the same for the same workflow and node, in every process', () => {
		expect(deliveryNamespace('wf1', 'Hesi Trigger')).toBe(deliveryNamespace('wf1', 'Hesi Trigger'));
		expect(deliveryNamespace('wf1', 'Hesi Trigger')).toMatch(/^trigger:[0-9a-f]{32}$/);
	});

	it('differs between workflows and between nodes of one workflow', () => {
		const names = [deliveryNamespace('wf1', 'A'), deliveryNamespace('wf2', 'A'), deliveryNamespace('wf1', 'B')];
		expect(new Set(names).size).toBe(3);
	});
});

describe.each(Object.keys(openers))('SharedDeliveries in %s', (storeName) => {
	const open = openers[storeName];

	it('answers a delivery remembered by one process as a repeat in the other', async () => {
		const [first, second] = twoProcesses(open);
		expect(await first.rememberIfNew('msg_1', { nowMs: now, windowSeconds: 24 * hour })).toBe(true);
		expect(await second.rememberIfNew('msg_1', { nowMs: now + 1000, windowSeconds: 24 * hour })).toBe(false);
		expect(await first.rememberIfNew('msg_1', { nowMs: now + 2000, windowSeconds: 24 * hour })).toBe(false);
	});

	it('lets exactly one of two processes racing with the same delivery take it', async () => {
		const [first, second] = twoProcesses(open);
		const results = await Promise.all([
			first.rememberIfNew('msg_race', { nowMs: now, windowSeconds: hour }),
			second.rememberIfNew('msg_race', { nowMs: now, windowSeconds: hour }),
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
	});

	it('remembers a delivery for the Duplicate Window, and takes it again after', async () => {
		const [first, second] = twoProcesses(open);
		await first.rememberIfNew('msg_window', { nowMs: now, windowSeconds: hour });
		expect(await second.isRemembered('msg_window', now + hour * 1000 - 1)).toBe(true);
		expect(await second.rememberIfNew('msg_window', { nowMs: now + hour * 1000, windowSeconds: hour })).toBe(true);
	});

	it('takes a forgotten delivery again in the other process (n8n answered the sender a failure)', async () => {
		const [first, second] = twoProcesses(open);
		await first.rememberIfNew('msg_failed', { nowMs: now, windowSeconds: hour });
		await first.forget('msg_failed');
		expect(await second.rememberIfNew('msg_failed', { nowMs: now + 1000, windowSeconds: hour })).toBe(true);
	});

	it('keeps deliveries of other nodes apart', async () => {
		const [first] = twoProcesses(open);
		const [other] = twoProcesses(open);
		await first.rememberIfNew('msg_same', { nowMs: now, windowSeconds: hour });
		expect(await other.rememberIfNew('msg_same', { nowMs: now, windowSeconds: hour })).toBe(true);
	});

	it('stores the digest of the key, not the key', async () => {
		const [first, , namespace] = twoProcesses(open);
		const store = open();
		stores.push(store);
		await first.rememberIfNew('userInfo.id=EMP-007', { nowMs: now, windowSeconds: hour });
		expect(await store.isRemembered(namespace, deliveryDigest('userInfo.id=EMP-007'), now)).toBe(true);
		expect(await store.isRemembered(namespace, 'userInfo.id=EMP-007', now)).toBe(false);
	});
});
