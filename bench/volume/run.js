#!/usr/bin/env node
// Memory at volume (issue 15): N items of 1 KiB bodies through Format Fields → Sign Request → the
// delivering node in ONE n8n execution, against a local target (its own process) answering 200:
//   (a) our Send Outbound Message,
//   (b) n8n's HTTP Request node sending the same signed request ($json.request: body and headers).
// For each variant a fresh n8n (this repository packed and installed, as bench/delivery does) runs a
// warm-up execution, then one of --base items and one of --items items. Per measured execution:
//   - n8n main process peak RSS growth: VmHWM after the run (reset before it through
//     /proc/<pid>/clear_refs) and the highest VmRSS sampled every 50 ms, minus VmRSS before;
//   - items/s = N ÷ the delivering node's executionTime as n8n records it;
//   - the size of one item's delivery record as saved (the execution read back from n8n's SQLite);
//   - n8n's event-loop delay (eventLoopProbe.js, preloaded with NODE_OPTIONS): max and p99 over the
//     whole execution, and the max while the delivering node ran.
// n8n is not queried while the execution runs: the target says when all N requests arrived, then
// n8n's execution list (without data) says when the execution is stored.
//
// Usage: npm run build && npx node bench/volume/run.js [--items 100000] [--base 10000] [--variants ours,httpRequest]
// Quick check: npx node bench/volume/run.js --items 2000 --base 1000
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');
const { DatabaseSync } = require('node:sqlite');

const flatted = require('flatted');

const { N8nInstance, node24 } = require('../../test/e2e/n8n/instance.js');
const { variants } = require('./workflows.js');

const args = Object.fromEntries(
	process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const items = Number(args.items ?? 2000);
const base = Number(args.base ?? Math.min(1000, items));
const warmUp = Number(args['warm-up'] ?? 500);
const chosen = String(args.variants ?? 'ours,httpRequest').split(',');
const engine = args.engine; // e.g. `--engine legacy`: N8N_EXPRESSION_ENGINE for n8n

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startTarget() {
	const child = spawn(node24(), [path.join(__dirname, '../delivery/target.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
	const lines = readline.createInterface({ input: child.stdout });
	const next = () => new Promise((resolve) => lines.once('line', (l) => resolve(JSON.parse(l))));
	return next().then(({ port }) => ({
		url: `http://127.0.0.1:${port}/outbound`,
		count: async () => {
			const reply = next();
			child.stdin.write('count\n');
			return (await reply).received;
		},
		stop: () => child.stdin.end(),
	}));
}

function memoryOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = (name) => {
		const found = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
		if (!found) throw new Error(`n8n (pid ${pid}) has no ${name} any more: it exited during the run`);
		return Number(found[1]) * 1024;
	};
	return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

/** The event-loop report the probe writes on SIGUSR2 (and the series since the previous one). */
async function eventLoopReport(pid, dir) {
	const file = path.join(dir, `${pid}.json`);
	fs.rmSync(file, { force: true });
	process.kill(pid, 'SIGUSR2');
	for (let i = 0; i < 200 && !fs.existsSync(file); i++) await sleep(25);
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The finished execution's status, from n8n's execution list without data (cheap). */
async function waitStored(n8n, workflowId, executionId) {
	const started = Date.now();
	for (;;) {
		// n8n answers 503 "Database is not ready" while it writes a large execution: ask again.
		const page = await n8n.api('GET', `/executions?${new URLSearchParams({ workflowId, includeData: 'false', limit: '5' })}`).catch(() => ({ data: [] }));
		const found = page.data.find((e) => String(e.id) === String(executionId));
		if (found && found.finished !== undefined && found.status !== 'running' && found.status !== 'new' && found.stoppedAt) return found;
		if (Date.now() - started > 1800000) throw new Error(`execution ${executionId} not stored within 30 minutes`);
		await sleep(500);
	}
}

/** The execution's run data, read from n8n's SQLite file (flatted, as n8n stores it). */
function runDataOf(n8n, executionId) {
	const db = new DatabaseSync(path.join(n8n.userFolder, '.n8n', 'database.sqlite'), { readOnly: true });
	try {
		const row = db.prepare('SELECT data FROM execution_data WHERE executionId = ?').get(Number(executionId));
		return { storedBytes: Buffer.byteLength(row.data), runData: flatted.parse(row.data).resultData.runData };
	} finally {
		db.close();
	}
}

async function runOnce(n8n, target, variant, count, probeDir) {
	const pid = n8n.process.pid;
	const receivedBefore = await target.count();
	await eventLoopReport(pid, probeDir); // starts a new histogram
	fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); // VmHWM := VmRSS
	const before = memoryOf(pid);
	let peakRss = before.rss;
	let lost;
	const sampler = setInterval(() => {
		try {
			peakRss = Math.max(peakRss, memoryOf(pid).rss);
		} catch (error) {
			lost = error;
		}
	}, 50);
	const { executionId } = await n8n.rest('POST', `/rest/workflows/${variant.workflows[count].id}/run`, { triggerToStartFrom: { name: 'Manual Trigger' } });
	const started = Date.now();
	while ((await target.count()) - receivedBefore < count) {
		if (lost) throw lost;
		if (Date.now() - started > 1800000) throw new Error(`${variant.key}: the target got ${(await target.count()) - receivedBefore} of ${count} in 30 minutes`);
		await sleep(100);
	}
	const stored = await waitStored(n8n, variant.workflows[count].id, executionId);
	clearInterval(sampler);
	const after = memoryOf(pid);
	const loop = await eventLoopReport(pid, probeDir);
	if (stored.status !== 'success') throw new Error(`${variant.key}: execution ${executionId} ended ${stored.status}`);

	const { storedBytes, runData } = runDataOf(n8n, executionId);
	const deliver = runData.Deliver[0];
	const outputs = deliver.data.main;
	const delivered = outputs[0].length;
	if (delivered !== count) throw new Error(`${variant.key}: ${delivered} of ${count} items on the first output`);
	const first = outputs[0][0].json;
	const nodeStart = deliver.startTime;
	const nodeEnd = deliver.startTime + deliver.executionTime;
	const inNode = loop.series.filter(([t]) => t >= nodeStart && t <= nodeEnd + 100);
	const duringNode = inNode.map(([, max]) => max);
	// The longest delays while the node ran, as [ms after the node started, delay ms]: where they fall.
	const longestInNode = [...inNode].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t, max]) => [t - nodeStart, max]);
	// A delay d seen by the interval that ends at t is a block from about t - d to t. Blocks that began
	// before the node did are n8n's (handing the previous node's items on), charged to the node's
	// first interval only because the late timer ran there; the node's own stalls are those that began
	// inside its run.
	const begunInNode = inNode.filter(([t, max]) => t - max >= nodeStart).map(([, max]) => max);
	return {
		items: count,
		executionId,
		nodeMs: deliver.executionTime,
		itemsPerSecond: Math.round(count / (deliver.executionTime / 1000)),
		executionMs: new Date(stored.stoppedAt) - new Date(stored.startedAt),
		rssBefore: before.rss,
		peakRss: Math.max(peakRss, after.hwm),
		peakGrowthPerItem: Math.round((Math.max(peakRss, after.hwm) - before.rss) / count),
		savedExecutionBytes: storedBytes,
		savedExecutionPerItem: Math.round(storedBytes / count),
		// What the node adds to one item, as saved: our delivery record; HTTP Request's whole output item.
		recordBytes: Buffer.byteLength(JSON.stringify(first.delivery ?? first)),
		outputItemBytes: Buffer.byteLength(JSON.stringify(first)),
		eventLoop: { max: loop.max, p99: loop.p99, maxDuringNode: duringNode.length > 0 ? Math.max(...duringNode) : null, maxBegunInNode: begunInNode.length > 0 ? Math.max(...begunInNode) : null, longestInNode },
	};
}

const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function measure(variant, target) {
	const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-volume-probe-'));
	const env = { NODE_OPTIONS: `--require ${path.join(__dirname, 'eventLoopProbe.js')}`, BENCH_EVENT_LOOP_DIR: probeDir };
	if (engine) env.N8N_EXPRESSION_ENGINE = engine;
	const n8n = new N8nInstance({ logs: 'file', env });
	try {
		await n8n.installPackage();
		await n8n.importCredentials([variant.credential]);
		await n8n.importWorkflows(Object.values(variant.workflows));
		// Start-up on a busy 2-vCPU machine can take minutes.
		await n8n.start({ timeoutMs: 600000 });
		process.stderr.write(`[bench] ${variant.label}: warm-up ${warmUp} items …\n`);
		await runOnce(n8n, target, variant, warmUp, probeDir);
		const results = [];
		for (const count of [base, items]) {
			process.stderr.write(`[bench] ${variant.label}: ${count} items …\n`);
			const result = await runOnce(n8n, target, variant, count, probeDir);
			process.stderr.write(`[bench]   ${JSON.stringify(result)}\n`);
			results.push(result);
		}
		return results;
	} finally {
		await n8n.stop();
		if (!process.env.BENCH_KEEP) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
		fs.rmSync(probeDir, { recursive: true, force: true });
	}
}

async function main() {
	const target = await startTarget();
	try {
		const all = variants({ url: target.url, counts: [warmUp, base, items] }).filter((v) => chosen.includes(v.key));
		const measured = {};
		for (const variant of all) measured[variant.key] = await measure(variant, target);
		const lines = [
			`${items} and ${base} items of 1 KiB bodies, Code → Format Fields → Sign Request → delivering node, one execution each; Node ${process.versions.node}, n8n 2.41.1${engine ? `, N8N_EXPRESSION_ENGINE=${engine}` : ''}`,
			'',
			'| variant | items | items/s | peak RSS growth (per item) | one item as saved: record / whole item | saved execution per item | event loop max (p99); during the node; begun during the node |',
			'| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
		];
		for (const variant of all) {
			for (const r of measured[variant.key]) {
				lines.push(
					`| ${variant.label} | ${r.items} | ${r.itemsPerSecond} | ${mib(r.peakRss - r.rssBefore)} (${r.peakGrowthPerItem} B) | ${r.recordBytes} B / ${r.outputItemBytes} B | ${r.savedExecutionPerItem} B | ${r.eventLoop.max} ms (${r.eventLoop.p99} ms); ${r.eventLoop.maxDuringNode} ms; ${r.eventLoop.maxBegunInNode} ms |`,
				);
			}
			const [small, large] = measured[variant.key];
			lines.push(`| ${variant.label}: items/s at ${items} ÷ at ${base} | | ${Math.round((100 * large.itemsPerSecond) / small.itemsPerSecond)} % | | | | |`);
		}
		console.log(lines.join('\n'));
		console.log('\n' + JSON.stringify(measured));
	} finally {
		target.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
