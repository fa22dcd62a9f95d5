// A plain Node process that logs one big push log batch through the embedded store's writer thread
// and ends at once, before the thread's fold is due (sqliteWriterThread.test.ts runs it): what it
// logged must be in the file as staged rows, for the next connection to fold.
// argv[2]: the store file; argv[3]: how many rows.
require('../../../../scripts/requireTypeScript');

const path = require('node:path');
const { openSqliteStateStore } = require(path.resolve(__dirname, '../../../../nodes/shared/store/sqliteStore.ts'));

const store = openSqliteStateStore({ kind: 'embedded', path: process.argv[2] }, { foldIdleMs: 60_000 });
const count = Number(process.argv[3]);
const writes = Array.from({ length: count }, (_, index) => ({ messageId: `child-${index}`, status: 'failed', reason: 'timeout', attempts: 1 }));
store.logMessages(writes, 1000).then(() => {
	process.stdout.write('logged');
	// As a crash would: no close, no fold.
	process.exit(0);
});
