// The embedded store with every `writeMessages` call on its writer thread, for the contract suite
// (sqliteStore.test.ts), which opens stores by module path and export name.
import type { StateStore, StateStoreConfig } from '../../../../nodes/shared/store/types';
import { openSqliteStateStore } from '../../../../nodes/shared/store/sqliteStore';

export function openSqliteStateStoreWritingOnThread(config: Extract<StateStoreConfig, { kind: 'embedded' }>): StateStore {
	return openSqliteStateStore(config, { writerThreadFromRows: 1 });
}
