// The embedded store's writer thread (sqliteStore.ts, big `writeMessages` and `logMessages` calls):
// its own node:sqlite connection to the store's file, so SQLite's work on a push log batch runs on
// another core while n8n's main thread keeps delivering. The main thread sends rows already encoded
// as statement parameters (the message id first); this thread runs them in one immediate
// transaction and answers { id, inserted, updated } or { id, error }.
//
// Push log batches (`logMessages`, `stage`) cost this thread less while a run delivers: the main
// thread sends each batch as JSON encoded in UTF-8, its bytes handed over (transferred, not copied),
// which go into the staged_messages table as they are (durable,
// in the file every connection reads), and is folded into the messages table later, when this thread
// has had no batch for `foldIdleMs`, or at once when `foldAtRows` rows wait. Before the store reads
// or writes messages it has this thread fold whatever any connection staged (`fold`, sqliteStore.ts),
// so a read never misses a logged row, and rows land in the order they were written.
//
// Plain JavaScript, copied next to the compiled store by gulpfile.js: a worker starts from a file,
// and this one must start the same under ts-jest (next to sqliteStore.ts) and in n8n (in dist/).
// The store's main thread requires it too, for `runMessageRows` and `stagedBatches` (one copy of each
// for both threads): there it does nothing else, and needs no node:sqlite.
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

/** Most JSON text one staged row holds: a batch of big payloads becomes several staged rows. */
const stagedTextLimit = 4 * 1024 * 1024;

const utf8 = new TextEncoder();
// Fatal: bytes that are not UTF-8 (a damaged file) refuse their batch rather than file altered text.
const utf8Text = new TextDecoder('utf-8', { fatal: true });

/**
 * Encoded rows as the batches to stage, each `[UTF-8 bytes of its JSON, rows in it]` of at most
 * `stagedTextLimit` characters (one row may exceed it alone): one JSON.stringify for a batch of
 * small rows. Bytes, not the string: posted to the writer thread they are moved, not copied, and
 * SQLite stores them as they are (measured in n8n: posting the string cost n8n's main thread about
 * 1 µs a row, and the writer thread its copy and UTF-8 conversion).
 */
function stagedBatches(rows) {
	const text = JSON.stringify(rows);
	if (text.length <= stagedTextLimit || rows.length === 1) return [[utf8.encode(text), rows.length]];
	const half = Math.ceil(rows.length / 2);
	return [...stagedBatches(rows.slice(0, half)), ...stagedBatches(rows.slice(half))];
}

/** A staged batch's JSON: bytes as staged by `stagedBatches`, or text (staged so by earlier builds). */
function stagedJson(value) {
	return typeof value === 'string' ? value : utf8Text.decode(value);
}

/** SQLite's result codes that say the batch itself is refused: TOOBIG, CONSTRAINT, MISMATCH, RANGE. */
const refusedBatchCodes = new Set([18, 19, 20, 25]);

/**
 * Folds staged batches into the messages table, oldest first, inside the caller's immediate
 * transaction; the folded batches are deleted. A batch that SQLite refuses (it was checked before it
 * was staged, so this takes a corrupt file or a bug) is rolled back alone and marked with its
 * error, kept for inspection and not tried again, so it cannot block every later read. Returns the
 * rows folded.
 */
function foldStaged(statements) {
	let folded = 0;
	for (;;) {
		const batches = statements.selectStaged.all();
		if (batches.length === 0) return folded;
		for (const batch of batches) {
			statements.savepoint.run();
			try {
				for (const row of JSON.parse(stagedJson(batch.rows))) statements.upsert.run(...row);
				statements.deleteStaged.run(batch.id);
				statements.releaseSavepoint.run();
				folded += Number(batch.row_count);
			} catch (error) {
				statements.rollbackSavepoint.run();
				statements.releaseSavepoint.run();
				// Only what this batch holds is refused for good (a constraint, a value too big or of the wrong
				// type, bytes that are not UTF-8 or not JSON); anything else (a full disk, an I/O error) fails the fold, to be tried again.
				const code = error && typeof error.errcode === 'number' ? error.errcode & 0xff : undefined;
				if (code !== undefined && !refusedBatchCodes.has(code)) throw error;
				statements.markStaged.run(String(error && error.message ? error.message : error), batch.id);
			}
		}
	}
}

module.exports = { runMessageRows, stagedBatches };

function serve() {
	const { DatabaseSync } = require('node:sqlite');
	const { file, busyTimeoutMs, sql, foldIdleMs, foldAtRows } = workerData;

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
	const present = db.prepare(sql.present);
	const upsert = db.prepare(sql.upsert);
	const insertStaged = db.prepare(sql.insertStaged);
	const folding = {
		upsert,
		selectStaged: db.prepare(sql.selectStaged),
		deleteStaged: db.prepare(sql.deleteStaged),
		markStaged: db.prepare(sql.markStaged),
		savepoint: db.prepare('SAVEPOINT fold_batch'),
		releaseSavepoint: db.prepare('RELEASE fold_batch'),
		rollbackSavepoint: db.prepare('ROLLBACK TO fold_batch'),
	};

	/** In one immediate transaction; rolled back on a throw. */
	function immediate(work) {
		db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			db.exec('COMMIT');
			return result;
		} catch (error) {
			// isTransaction is false when SQLite already rolled back (a full disk, an I/O error).
			if (db.isTransaction ?? true) db.exec('ROLLBACK');
			throw error;
		}
	}

	let stagedRows = 0;
	let foldTimer;

	/** Folds what is staged (by any connection); a failure (the file busy past the timeout) is tried again later. */
	function foldNow() {
		clearTimeout(foldTimer);
		foldTimer = undefined;
		try {
			immediate(() => foldStaged(folding));
			stagedRows = 0;
		} catch {
			foldTimer = setTimeout(foldNow, foldIdleMs);
		}
	}

	parentPort.on('message', (request) => {
		if (request.close) {
			clearTimeout(foldTimer);
			// Left staged if this fails: the next connection to read folds it.
			try {
				immediate(() => foldStaged(folding));
			} catch {}
			db.close();
			parentPort.close();
			return;
		}
		try {
			if (request.stage) {
				// JSON made on the posting thread: this thread only stores its bytes.
				immediate(() => {
					for (const [bytes, count] of request.stage) insertStaged.run(bytes, count);
				});
				const count = request.stage.reduce((sum, [, rows]) => sum + rows, 0);
				parentPort.postMessage({ id: request.id, inserted: count, updated: 0 });
				stagedRows += count;
				clearTimeout(foldTimer);
				if (stagedRows >= foldAtRows) foldNow();
				else foldTimer = setTimeout(foldNow, foldIdleMs);
				return;
			}
			if (request.fold) {
				clearTimeout(foldTimer);
				foldTimer = undefined;
				const folded = immediate(() => foldStaged(folding));
				stagedRows = 0;
				parentPort.postMessage({ id: request.id, inserted: folded, updated: 0 });
				return;
			}
			// A write with counts: what is staged first, so the rows land in the order they were written.
			const counts = immediate(() => {
				foldStaged(folding);
				return runMessageRows(present, upsert, request.rows);
			});
			stagedRows = 0;
			parentPort.postMessage({ id: request.id, inserted: counts.inserted, updated: counts.updated });
		} catch (error) {
			parentPort.postMessage({ id: request.id, error: { message: error.message, code: error.code, errcode: error.errcode, errstr: error.errstr } });
		}
	});
}

if (!isMainThread && workerData && workerData.sql && typeof workerData.sql.upsert === 'string') serve();
