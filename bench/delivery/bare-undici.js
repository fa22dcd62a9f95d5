#!/usr/bin/env node
// (c) of the delivery benchmark: the limit. Plain undici, no n8n, no engine: one Pool for the
// target's origin with as many connections as items in flight, N workers each POSTing the next
// item's JSON and reading the whole answer, as Send Outbound Message does per item.
//
// Usage: node bench/delivery/bare-undici.js [--items 10000] [--concurrency 16] [--url http://127.0.0.1:PORT/]
//                                           [--warmup N]
// Without --url it starts bench/delivery/target.js (200 + a small JSON body, keep-alive) in its own
// process and stops it at the end. Prints one JSON line: items/s of the measured run and the
// process's peak RSS. The measured run follows a warm-up run of --warmup items (default: as many as
// --items), as the n8n variants report their second, warm run.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const { Pool } = require('undici');

function option(name, fallback) {
	const at = process.argv.indexOf(`--${name}`);
	return at === -1 ? fallback : process.argv[at + 1];
}

const items = Number(option('items', 10000));
const concurrency = Number(option('concurrency', 16));
const warmup = Number(option('warmup', items));

function startOwnTarget() {
	const child = spawn(process.execPath, [path.join(__dirname, 'target.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
	return new Promise((resolve) => {
		readline.createInterface({ input: child.stdout }).once('line', (line) => {
			resolve({ url: `http://127.0.0.1:${JSON.parse(line).port}/outbound`, stop: () => child.stdin.end() });
		});
	});
}

// The same item shape the n8n variants deliver (bench/delivery/run.js).
const itemBody = (i) => JSON.stringify({ orderId: `A-${i}`, action: 'backlog.approving', amount: { currency: 'CNY', amount: '10.00' } });

async function deliverAll(pool, path, count) {
	let next = 0;
	let failed = 0;
	async function worker() {
		while (next < count) {
			const i = next++;
			const response = await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json' }, body: itemBody(i) });
			await response.body.text();
			if (response.statusCode !== 200) failed++;
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return failed;
}

async function main() {
	const own = option('url', undefined) === undefined ? await startOwnTarget() : undefined;
	const url = new URL(own ? own.url : option('url'));
	const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1 });
	const requestPath = `${url.pathname}${url.search}`;
	try {
		if (warmup > 0) await deliverAll(pool, requestPath, warmup);
		const started = process.hrtime.bigint();
		const cpuBefore = process.cpuUsage();
		const failed = await deliverAll(pool, requestPath, items);
		const cpu = process.cpuUsage(cpuBefore);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		console.log(
			JSON.stringify({
				items,
				concurrency,
				url: url.href,
				seconds: Number(seconds.toFixed(3)),
				itemsPerSecond: Math.round(items / seconds),
				failed,
				// CPU this process spent per item (user + system), steadier than items/s on a busy machine.
				cpuMicrosecondsPerItem: Math.round((cpu.user + cpu.system) / items),
				// ru_maxrss: the peak resident set of this process, in KiB on Linux.
				peakRssBytes: process.resourceUsage().maxRSS * 1024,
				node: process.versions.node,
				undici: require('undici/package.json').version,
			}),
		);
	} finally {
		await pool.close();
		own?.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
