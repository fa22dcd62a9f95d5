#!/usr/bin/env node
// The push log's own CPU per row, without n8n or HTTP: 10,000 success records (as Send Outbound
// Message makes them against the bench's target) go through PushLogWriter into the embedded store
// in a temp folder, 16 at a time with a macrotask between (like deliveries finishing), 10 rounds.
// Prints the median CPU µs per row of the main thread (n8n's, in a real run: building, encoding
// and posting rows) and of the rest of the process (the store's writer thread: SQLite).
// Steadier than bench/delivery/run.js's (a′) ÷ (a) on a shared machine, for comparing builds.
//
// Usage: npm run build && npx node bench/delivery/push-log-rows.js
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const dist = path.join(__dirname, '../../dist/nodes');
const { PushLogWriter } = require(`${dist}/SendOutboundMessage/pushLogWriter.js`);
const { openSqliteStateStore } = require(`${dist}/shared/store/sqliteStore.js`);
const { createAttemptTimestamps } = require(`${dist}/shared/delivery/attemptTimestamps.js`);
const { messageIdGenerator } = require(`${dist}/shared/delivery/messageId.js`);

const items = 10000;
const rounds = 10;
const url = 'http://127.0.0.1:40000/outbound';
const isoTime = createAttemptTimestamps();

function record(messageId) {
	const at = isoTime(Date.now());
	return {
		messageId,
		target: url,
		event: null,
		bodyFrom: 'wholeItem',
		status: 'succeeded',
		reason: null,
		message: null,
		attempts: [
			{
				at,
				durationMs: 1,
				request: { method: 'POST', url, headers: { 'content-type': 'application/json', 'X-Message-Id': messageId }, body: '{"orderId":"A-1"}', truncated: false },
				response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"code":"1","message":"ok"}', truncated: false },
				error: null,
			},
		],
		firstAttemptAt: at,
		lastAttemptAt: at,
		nextAttemptAt: null,
	};
}

// The node's defaults: no Flow / Document ID or Receiver set, so each is read from the item's fields.
const firstField = (json, fields) => fields.map((field) => json[field]).find((value) => typeof value === 'string' && value.trim() !== '') ?? null;
const settings = {
	mode: 'always',
	keepSuccessPayloads: false,
	flowIdOf: (json) => firstField(json, ['flowId', 'flowid', 'billNo', 'code']),
	receiverOf: (json) => firstField(json, ['receiver', 'receiverId', 'userid', 'userId']),
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const cpuMs = (usage) => (usage.user + usage.system) / 1000;

async function main() {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'push-log-rows-'));
	const store = openSqliteStateStore({ kind: 'embedded', path: path.join(folder, 'state.db') });
	const main = [];
	const rest = [];
	try {
		for (let round = 0; round < rounds; round++) {
			const nextId = messageIdGenerator();
			const logged = Array.from({ length: items }, (_, index) => ({
				record: record(nextId()),
				json: { orderId: `A-${index}`, action: 'backlog.approving', amount: { currency: 'CNY', amount: '10.00' } },
				index,
				attemptsThisRun: 1,
			}));
			const threadBefore = process.threadCpuUsage();
			const processBefore = process.cpuUsage();
			const writer = new PushLogWriter(settings, 'bench: Send Outbound Message + push log / Deliver', async () => store);
			for (let index = 0; index < items; index += 16) {
				for (const item of logged.slice(index, index + 16)) writer.add(item);
				await new Promise((resolve) => setImmediate(resolve));
			}
			await writer.finish();
			const thread = cpuMs(process.threadCpuUsage(threadBefore));
			const all = cpuMs(process.cpuUsage(processBefore));
			if (!logged.every((item) => item.record.log?.written === true)) throw new Error('a row was not written');
			// The first rounds warm up V8 and the file.
			if (round >= 3) {
				main.push((thread * 1000) / items);
				rest.push(((all - thread) * 1000) / items);
			}
		}
	} finally {
		await store.close();
		fs.rmSync(folder, { recursive: true, force: true });
	}
	console.log(
		`${items} rows × ${rounds - 3} rounds, Node ${process.versions.node}, load ${os.loadavg()[0].toFixed(1)}: ` +
			`main thread ${median(main).toFixed(2)} µs/row, writer thread (rest of the process) ${median(rest).toFixed(2)} µs/row (medians)`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
