// The embedded store's writer thread (sqliteStore.ts, `writeMessages` of big batches): its own
// node:sqlite connection to the store's file, so SQLite's work on a push log batch runs on another
// core while n8n's main thread keeps delivering. The main thread sends rows already encoded as
// statement parameters (the message id first) and the SQL to run them with; this thread only runs them in one immediate
// transaction and answers { id, inserted, updated } or { id, error }.
//
// Plain JavaScript, copied next to the compiled store by gulpfile.js: a worker starts from a file,
// and this one must start the same under ts-jest (next to sqliteStore.ts) and in n8n (in dist/).
// The store's main thread requires it too, for `runMessageRows` (one copy of the write loop for
// both threads): there it does nothing else, and needs no node:sqlite.
'use strict';

const { isMainThread, parentPort, workerData } = require('node:worker_threads');

/** Counts by one read of the batch's ids, then one upsert a row, inside the caller's transaction. */
function runMessageRows(present, upsert, rows) {
	const ids = rows.map((row) => row[0]);
	const existing = new Set(present.all(JSON.stringify(ids)).map((row) => String(row.message_id)));
	let inserted = 0;
	let updated = 0;
	for (let index = 0; index < rows.length; index++) {
		if (existing.has(ids[index])) updated++;
		else {
			existing.add(ids[index]);
			inserted++;
		}
		upsert.run(...rows[index]);
	}
	return { inserted, updated };
}

module.exports = { runMessageRows };

function serve() {
	const { DatabaseSync } = require('node:sqlite');
	const { file, busyTimeoutMs, presentSql, upsertSql } = workerData;

	// The same settings as the main connection (openSqliteConnection); the file is already migrated.
	const db = new DatabaseSync(file, { timeout: busyTimeoutMs });
	db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
	db.exec('PRAGMA journal_mode = WAL');
	db.exec('PRAGMA synchronous = NORMAL');
	// A bigger page cache than SQLite's 2 MiB default: message ids are random, so each new row lands on
	// a random page of the primary key index, and once the indexes outgrow the cache every insert reads
	// pages back (measured: ~20 µs a row at 10,000 rows, ~50 µs at 100,000 with 2 MiB; ~20–35 µs with 16 MiB).
	// Taken as needed, up to this much, by this one connection.
	db.exec('PRAGMA cache_size = -16384');
	const present = db.prepare(presentSql);
	const upsert = db.prepare(upsertSql);

	parentPort.on('message', (request) => {
		if (request.close) {
			db.close();
			parentPort.close();
			return;
		}
		try {
			db.exec('BEGIN IMMEDIATE');
			let counts;
			try {
				counts = runMessageRows(present, upsert, request.rows);
				db.exec('COMMIT');
			} catch (error) {
				// isTransaction is false when SQLite already rolled back (a full disk, an I/O error).
				if (db.isTransaction ?? true) db.exec('ROLLBACK');
				throw error;
			}
			parentPort.postMessage({ id: request.id, inserted: counts.inserted, updated: counts.updated });
		} catch (error) {
			parentPort.postMessage({ id: request.id, error: { message: error.message, code: error.code, errcode: error.errcode, errstr: error.errstr } });
		}
	});
}

if (!isMainThread && workerData && typeof workerData.upsertSql === 'string') serve();
