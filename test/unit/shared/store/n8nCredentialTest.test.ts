/**
 * The Outbound State Store credential's test, as n8n runs it (the function a node names in
 * `testedBy`), against a real SQLite file in a temporary folder and the real PostgreSQL on
 * 127.0.0.1:5432 (trust auth, database `test`; a fresh schema, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';
import { Pool } from 'pg';

import { outboundStateStoreTest } from '../../../../nodes/shared/store/n8nCredentialTest';
import { openSqliteStateStore } from '../../../../nodes/shared/store/sqliteStore';
import { closedPort } from '../delivery/localTarget';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbound-credential-test-'));
const server = { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' };
const admin = new Pool({ ...server, max: 1 });
const schema = `om_credtest_${randomBytes(6).toString('hex')}`;

afterAll(async () => {
	fs.rmSync(folder, { recursive: true, force: true });
	await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
	await admin.end();
});

/** Runs the test as n8n's CredentialsTester does: the function with the decrypted credential. */
async function testCredential(data: Record<string, unknown>): Promise<INodeCredentialTestResult> {
	const credential: ICredentialsDecrypted = { id: 'c1', name: 'Outbound State Store account', type: 'outboundStateStore', data: data as ICredentialsDecrypted['data'] };
	return await outboundStateStoreTest.call({} as ICredentialTestFunctions, credential);
}

describe('Outbound State Store credential test: embedded file', () => {
	it('answers OK for a new file, creating it with its folder', async () => {
		const file = path.join(folder, 'new', 'state.db');
		const result = await testCredential({ storeType: 'embedded', filePath: file });
		expect(result).toEqual({ status: 'OK', message: `Connected to the embedded file ${file}: the state store can be read and written` });
		expect(fs.existsSync(file)).toBe(true);
	});

	it('leaves no probe key behind', async () => {
		const file = path.join(folder, 'probe', 'state.db');
		expect((await testCredential({ storeType: 'embedded', filePath: file })).status).toBe('OK');
		const store = openSqliteStateStore({ kind: 'embedded', path: file });
		try {
			expect(await store.purge({ olderThan: 0, statuses: [], now: Date.now() + 3_600_000 })).toMatchObject({ keys: 0 });
		} finally {
			await store.close();
		}
	});

	it('answers an error that says what is in the way when the folder of the file is a file', async () => {
		const blocker = path.join(folder, 'a-file');
		fs.writeFileSync(blocker, 'not a folder');
		const result = await testCredential({ storeType: 'embedded', filePath: path.join(blocker, 'state.db') });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			new RegExp(`^Cannot use the embedded file ${blocker}/state.db: A file is in the way of the folder of ${blocker}/state.db: choose another File Path\\. \\(Cannot open the state store file .*EEXIST`),
		);
	});
});

describe('Outbound State Store credential test: PostgreSQL', () => {
	it('answers OK for the real server, creating the tables in the schema', async () => {
		const result = await testCredential({ storeType: 'postgres', ...server, password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' });
		expect(result).toEqual({
			status: 'OK',
			message: `Connected to PostgreSQL at 127.0.0.1:5432, database test, schema ${schema}: the state store can be read and written`,
		});
		const tables = await admin.query<{ table_name: string }>('SELECT table_name FROM information_schema.tables WHERE table_schema = $1', [schema]);
		expect(tables.rows.map((row) => row.table_name)).toEqual(expect.arrayContaining(['outbound_keys']));
	});

	it('answers an error naming Host and Port when nothing listens on the port', async () => {
		const port = await closedPort();
		const result = await testCredential({ storeType: 'postgres', ...server, port, password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain(`Cannot use PostgreSQL at 127.0.0.1:${port}, database test, schema ${schema}: Cannot reach the PostgreSQL state store at 127.0.0.1:${port}/test`);
		expect(result.message).toContain('ECONNREFUSED');
		expect(result.message).toContain('check that PostgreSQL is running and the Host and Port of the Outbound State Store credential');
	});

	it('answers an error naming the database when it does not exist', async () => {
		const result = await testCredential({ storeType: 'postgres', ...server, database: 'no_such_database_here', password: '', schema, tablePrefix: 'outbound_' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('check the Database of the credential, or create it');
	});

	it('answers an error naming Pool Size when it is out of range', async () => {
		const result = await testCredential({ storeType: 'postgres', ...server, password: '', schema, tablePrefix: 'outbound_', poolSize: 500 });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Pool Size 500 of the Outbound State Store credential is not usable: use 1 to 100 connections (default 4).');
	});

	it('answers an error naming the field for an empty Host, without connecting', async () => {
		const result = await testCredential({ storeType: 'postgres', host: '', port: 5432 });
		expect(result).toEqual({ status: 'Error', message: '"Host" is empty: give the PostgreSQL server\'s host name or address' });
	});
});
