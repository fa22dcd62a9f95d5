// A plain Node process that writes one big push log batch through the embedded store's writer
// thread and prints the counts (sqliteWriterThread.test.ts runs it). Nothing else keeps this
// process alive: it prints only if the store keeps the process up while the thread's answer is due.
// argv[2]: the store file; argv[3]: how many rows.
require('../../../../scripts/requireTypeScript');

const path = require('node:path');
const { openSqliteStateStore } = require(path.resolve(__dirname, '../../../../nodes/shared/store/sqliteStore.ts'));

const store = openSqliteStateStore({ kind: 'embedded', path: process.argv[2] });
const count = Number(process.argv[3]);
const writes = Array.from({ length: count }, (_, index) => ({ messageId: `child-${index}`, status: 'succeeded' }));
// Twice: the second call finds the thread started and idle, with nothing of its start-up left to wait for.
store
	.writeMessages(writes, 1000)
	.then(() => store.writeMessages(writes, 2000))
	.then((counts) => process.stdout.write(JSON.stringify(counts)));
