'use strict';
/**
 * Park and Claim Due throughput of the state store, both implementations (issue 12): records/s for
 *   - park: `writeMessages` in batches of 500 (what Outbox Park and Send's push log do per run),
 *   - claim: `claimDue` batches of 100 + `acknowledge` of each record (one compensation run's work),
 *   - claim ×2: the same with two claimers at once on one store (two n8n processes / workers).
 * Run after `npm run build`:  npx node bench/outbox/run.js [records] [rounds]
 * Embedded: a fresh file in the temp folder. PostgreSQL: 127.0.0.1:5432, database `test`, user
 * `postgres` (trust auth), a fresh schema per round, dropped after. Medians of the rounds.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const store = require(path.resolve(__dirname, '../../dist/nodes/shared/store'));

const recordCount = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 3);
const parkBatch = 500;
const claimBatch = 100;

function payloadFor(i) {
	// ~1 KiB, like the body of an OFS to-do or a Hesi message.
	return { request: { method: 'POST', url: 'http://127.0.0.1:9/todo', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ flowid: `F${i}`, receiver: `u${i % 500}`, title: 'x'.repeat(900) }) } };
}

function writeFor(i, now) {
	return {
		messageId: `msg_${i}`,
		status: i % 3 === 0 ? 'held' : 'failed',
		reason: i % 3 === 0 ? 'circuit_open' : 'connection_error',
		target: 'http://127.0.0.1:9/todo',
		event: 'todo',
		flowId: `F${i}`,
		receiver: `u${i % 500}`,
		source: 'bench',
		attempts: 1,
		nextDueAt: now,
		lastAttemptAt: now,
		payload: payloadFor(i),
		delivery: { status: 'failed', reason: 'connection_error', message: 'refused', lastResponseStatus: null },
	};
}

async function park(target, now) {
	const started = performance.now();
	for (let from = 0; from < recordCount; from += parkBatch) {
		const writes = [];
		for (let i = from; i < Math.min(recordCount, from + parkBatch); i++) writes.push(writeFor(i, now));
		await target.writeMessages(writes, now);
	}
	return recordCount / ((performance.now() - started) / 1000);
}

async function claimAll(target, owner, now) {
	let claimed = 0;
	for (;;) {
		const records = await target.claimDue({ now, limit: claimBatch, owner, leaseMs: 300_000, maxRepushes: 10 });
		if (records.length === 0) return claimed;
		await Promise.all(records.map((record) => target.acknowledge(record.messageId, owner, { outcome: 'succeeded', attempts: 1, lastAttemptAt: now }, now)));
		claimed += records.length;
	}
}

async function claim(stores, now) {
	const started = performance.now();
	const counts = await Promise.all(stores.map((s, index) => claimAll(s, `claimer-${index}`, now)));
	const total = counts.reduce((a, b) => a + b, 0);
	if (total !== recordCount) throw new Error(`claimed ${total} of ${recordCount}`);
	return recordCount / ((performance.now() - started) / 1000);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function embeddedRound() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-bench-'));
	const config = { kind: 'embedded', path: path.join(dir, 'state.db') };
	const a = store.openStateStore(config);
	const now = Date.now();
	const parkRate = await park(a, now);
	const claimRate = await claim([a], now + 1);
	await a.requeue({ statuses: ['succeeded'] }, now + 2, now + 2);
	const b = store.openStateStore(config);
	const claimTwoRate = await claim([a, b], now + 3);
	await a.close();
	await b.close();
	fs.rmSync(dir, { recursive: true, force: true });
	return { parkRate, claimRate, claimTwoRate };
}

async function postgresRound() {
	const { Client } = require('pg');
	const schema = `om_bench_${process.pid}_${Date.now()}`;
	const config = { kind: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', password: '', ssl: 'disable', schema, tablePrefix: 'outbound_' };
	const a = store.openStateStore(config);
	const now = Date.now();
	const parkRate = await park(a, now);
	const claimRate = await claim([a], now + 1);
	await a.requeue({ statuses: ['succeeded'] }, now + 2, now + 2);
	const b = store.openStateStore(config);
	const claimTwoRate = await claim([a, b], now + 3);
	await a.close();
	await b.close();
	const client = new Client({ host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' });
	await client.connect();
	await client.query(`DROP SCHEMA "${schema}" CASCADE`);
	await client.end();
	return { parkRate, claimRate, claimTwoRate };
}

async function main() {
	const rows = [];
	for (const [name, round] of [['embedded (node:sqlite)', embeddedRound], ['PostgreSQL 127.0.0.1', postgresRound]]) {
		const results = [];
		for (let r = 0; r < rounds; r++) results.push(await round());
		rows.push([name, ...['parkRate', 'claimRate', 'claimTwoRate'].map((key) => Math.round(median(results.map((x) => x[key]))))]);
	}
	console.log(`${recordCount} records of ~1 KiB, median of ${rounds} rounds, node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
	console.log('| store | Park (records/s) | Claim Due + Acknowledge (records/s) | same, two claimers |');
	console.log('| --- | ---: | ---: | ---: |');
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
