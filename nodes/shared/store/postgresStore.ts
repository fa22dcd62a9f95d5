/**
 * The PostgreSQL StateStore (DESIGN.md §5), for installs that outgrow one machine (n8n queue mode on
 * several hosts). Every operation is one statement or one transaction, so any number of processes
 * can share the tables: keys are remembered with INSERT … ON CONFLICT, values and tasks change by
 * compare-and-set on a version, and outbox claims take rows with FOR UPDATE SKIP LOCKED.
 *
 * Its parts: the pool and its errors (postgresConnection.ts), keys, values and counters
 * (postgresKeys.ts), push log writes (postgresMessageWrites.ts), the outbox (postgresOutbox.ts),
 * fuses and tasks (postgresTasks.ts), bound to one connection by storeOperations.ts.
 */
import { PostgresConnection, type PostgresStateStoreConfig } from './postgresConnection';
import * as keys from './postgresKeys';
import { writeMessages } from './postgresMessageWrites';
import * as outbox from './postgresOutbox';
import * as tasks from './postgresTasks';
import { bindStore } from './storeOperations';
import { checkMessageWrite } from './storeRows';
import type { StateStore } from './types';

export type { PostgresStateStoreConfig } from './postgresConnection';

export function openPostgresStateStore(config: PostgresStateStoreConfig): StateStore {
	const connection = new PostgresConnection(config);
	return bindStore(connection, { kind: 'postgres', location: connection.location }, {
		...keys,
		...outbox,
		...tasks,
		writeMessages,
		// One transaction of upserts, as writeMessages (the server does the work), after the same checks as the embedded store's.
		logMessages: async (db, writes, now) => {
			for (const write of writes) checkMessageWrite(write);
			await writeMessages(db, writes, now);
		},
		close: (db) => db.close(),
	});
}
