/**
 * The Outbound State Store in a real n8n: the credential's Test button (n8n finds the test through a
 * trigger's `testedBy` and `methods.credentialTest`), and a trigger that keeps its delivery ids in
 * the local PostgreSQL (workflow e2eTrigStore1: Unified Todo Trigger with the credential
 * e2eStateStorePg1 → NoOp; schema om_e2e_triggers, dropped afterwards).
 */
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';

import { Pool } from 'pg';

import { connectN8n, nodeOutputs } from '../harness/n8n';
import { executionCount, expectNoNewExecution, newExecution, send, waitForTrigger } from './senders';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freePort } = require('../n8n/instance.js') as { freePort: () => Promise<number> };

const n8n = connectN8n();
jest.setTimeout(180_000);

const workflowId = 'e2eTrigStore1';
const path = 'e2e-trig-store';
const schema = 'om_e2e_triggers';
const admin = new Pool({ host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', max: 1 });
const folder = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'outbound-e2e-store-'));

beforeAll(async () => await waitForTrigger(n8n, path));
afterAll(async () => {
	await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
	await admin.end();
	fs.rmSync(folder, { recursive: true, force: true });
});

/** What the editor's Test button sends for a credential being edited (n8n 2.41: POST /rest/credentials/test). */
async function testCredential(data: Record<string, unknown>): Promise<{ status: string; message: string }> {
	return (await n8n.rest('POST', '/rest/credentials/test', { credentials: { id: '', name: 'Outbound State Store account', type: 'outboundStateStore', data } })) as {
		status: string;
		message: string;
	};
}

let sequence = 0;
function todoPush(): { pathAndQuery: string; headers: Record<string, string>; body: string } {
	const flowid = `2026120300${Date.now() % 100000}${++sequence}`;
	const body = { syscode: 'EC9', flowid, requestname: '差旅报销-张三', isremark: '0', receiver: 'lisi', receivets: String(Date.now()) };
	return { pathAndQuery: path, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

describe('Outbound State Store credential in a real n8n', () => {
	it("answers the Test button OK for an embedded file n8n can write", async () => {
		const file = nodePath.join(folder, 'state.db');
		expect(await testCredential({ storeType: 'embedded', filePath: file })).toEqual({
			status: 'OK',
			message: `Connected to the embedded file ${file}: the state store can be read and written`,
		});
	});

	it('answers the Test button OK for the local PostgreSQL', async () => {
		const result = await testCredential({ storeType: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' });
		expect(result).toEqual({ status: 'OK', message: `Connected to PostgreSQL at 127.0.0.1:5432, database test, schema ${schema}: the state store can be read and written` });
	});

	it('answers the Test button with what to check when nothing listens on the port', async () => {
		const port = await freePort();
		const result = await testCredential({ storeType: 'postgres', host: '127.0.0.1', port, database: 'test', user: 'postgres', password: '', schema, tablePrefix: 'outbound_' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`Cannot reach the PostgreSQL state store at 127.0.0.1:${port}/test`);
		expect(result.message).toContain('check that PostgreSQL is running and the Host and Port of the Outbound State Store credential');
	});
});

describe('a trigger with an Outbound State Store in a real n8n', () => {
	it('starts one execution for a delivery and answers its repeat as a duplicate, remembered in PostgreSQL', async () => {
		const push = todoPush();
		const before = await executionCount(n8n, workflowId);
		const first = await send(n8n, push);
		expect(first.status).toBe(200);
		expect(JSON.parse(first.body)).toMatchObject({ operResult: '1', message: 'success' });
		const execution = await newExecution(n8n, workflowId, before);
		const [items] = nodeOutputs(execution, 'Unified Todo Trigger');
		expect(items[0].event).toMatchObject({ source: 'ofs', type: 'todo', flowId: JSON.parse(push.body).flowid });

		const repeat = await send(n8n, push);
		expect(repeat.status).toBe(200);
		expect(JSON.parse(repeat.body)).toMatchObject({ operResult: '1', message: 'Received; this delivery was already received' });
		await expectNoNewExecution(n8n, workflowId, before + 1);

		const keys = await admin.query<{ count: string }>(`SELECT count(*) AS count FROM ${schema}.outbound_keys WHERE namespace LIKE 'trigger:%'`);
		expect(Number(keys.rows[0].count)).toBeGreaterThanOrEqual(1);
	});
});
