import path from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { OutboundStateStore } from '../../../../credentials/OutboundStateStore.credentials';
import { defaultStatePath, n8nFolder } from '../../../../nodes/shared/store/openStateStore';
import { stateStoreConfigFromCredential } from '../../../../nodes/shared/store/n8nStateStore';
import { StateStoreError } from '../../../../nodes/shared/store/types';

/** The credential's fields as n8n stores them for a new credential: every property at its default. */
function credentialDefaults(): ICredentialDataDecryptedObject {
	return Object.fromEntries(new OutboundStateStore().properties.map((property) => [property.name, property.default])) as ICredentialDataDecryptedObject;
}

describe('Outbound State Store credential → store config', () => {
	it('maps a new credential (every field at its default) to the embedded file in the n8n folder', () => {
		expect(stateStoreConfigFromCredential(credentialDefaults())).toEqual({ kind: 'embedded', path: defaultStatePath() });
		expect(defaultStatePath()).toBe(path.join(n8nFolder(), 'outbound-messages', 'state.db'));
	});

	it('maps an empty credential (no fields saved) to the embedded default', () => {
		expect(stateStoreConfigFromCredential({})).toEqual({ kind: 'embedded', path: defaultStatePath() });
	});

	it('keeps an absolute File Path as given', () => {
		expect(stateStoreConfigFromCredential({ storeType: 'embedded', filePath: '/var/lib/n8n/state.db' })).toEqual({ kind: 'embedded', path: '/var/lib/n8n/state.db' });
	});

	it('takes a relative File Path from the n8n folder', () => {
		expect(stateStoreConfigFromCredential({ storeType: 'embedded', filePath: 'stores/a.db' })).toEqual({ kind: 'embedded', path: path.join(n8nFolder(), 'stores', 'a.db') });
	});

	it('maps every PostgreSQL field', () => {
		const config = stateStoreConfigFromCredential({
			storeType: 'postgres',
			host: ' db.internal ',
			port: 6543,
			database: 'n8n_state',
			user: 'outbound',
			password: ' secret with spaces ',
			ssl: 'verify',
			schema: 'outbound',
			tablePrefix: 'om_',
			poolSize: 8,
		});
		expect(config).toEqual({
			kind: 'postgres',
			host: 'db.internal',
			port: 6543,
			database: 'n8n_state',
			user: 'outbound',
			// A password is taken as typed: spaces can be part of it.
			password: ' secret with spaces ',
			ssl: 'verify',
			schema: 'outbound',
			tablePrefix: 'om_',
			poolSize: 8,
		});
	});

	it("fills PostgreSQL's defaults from the credential's own defaults", () => {
		expect(stateStoreConfigFromCredential({ ...credentialDefaults(), storeType: 'postgres' })).toEqual({
			kind: 'postgres',
			host: 'localhost',
			port: 5432,
			database: 'postgres',
			user: 'postgres',
			password: '',
			ssl: 'disable',
			schema: 'public',
			tablePrefix: 'outbound_',
			poolSize: 4,
		});
	});

	it('leaves Pool Size to the store when the credential has none saved (an older credential)', () => {
		expect(stateStoreConfigFromCredential({ storeType: 'postgres', host: 'db' })).not.toHaveProperty('poolSize');
	});

	it('maps SSL Require', () => {
		expect(stateStoreConfigFromCredential({ storeType: 'postgres', host: 'db', ssl: 'require' })).toMatchObject({ ssl: 'require' });
	});

	it('refuses an empty Host, naming the field', () => {
		expect(() => stateStoreConfigFromCredential({ storeType: 'postgres', host: '  ' })).toThrow(
			new StateStoreError('"Host" is empty: give the PostgreSQL server\'s host name or address', 'misconfigured'),
		);
	});

	it.each([0, 70000, 5432.5, 'abc'])('refuses Port %p, naming the field', (port) => {
		expect(() => stateStoreConfigFromCredential({ storeType: 'postgres', host: 'db', port })).toThrow(/^"Port" is .*: give the PostgreSQL server's port, a whole number from 1 to 65535/);
	});

	it('refuses an unknown Store, naming the field and its choices', () => {
		expect(() => stateStoreConfigFromCredential({ storeType: 'redis' })).toThrow('"Store" is "redis", which is not one of its choices: pick Embedded File or PostgreSQL');
	});
});

describe('Outbound State Store credential description', () => {
	const credential = new OutboundStateStore();
	const property = (name: string) => credential.properties.find((entry) => entry.name === name);

	it('shows the PostgreSQL fields only for PostgreSQL and File Path only for the embedded file', () => {
		expect(property('filePath')?.displayOptions).toEqual({ show: { storeType: ['embedded'] } });
		for (const name of ['host', 'port', 'database', 'user', 'password', 'ssl', 'schema', 'tablePrefix', 'poolSize']) {
			expect(property(name)?.displayOptions).toEqual({ show: { storeType: ['postgres'] } });
		}
	});

	it('says where an empty File Path puts the file', () => {
		expect(property('filePath')?.description).toContain('Empty: outbound-messages/state.db in the n8n folder');
	});

	it('hides the password', () => {
		expect(property('password')?.typeOptions).toEqual({ password: true });
	});
});
