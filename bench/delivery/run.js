#!/usr/bin/env node
// Delivery benchmark (issue "Send Outbound Message"), in one run on this machine, against one local
// target answering 200 with a small JSON body:
//   (a) our Send Outbound Message node in a real n8n,
//   (b) n8n's own HTTP Request node in the same n8n, default settings and with batching (16 / 0 ms),
//   (c) a bare undici Pool script with the same concurrency, in its own process,
//   (d) the same undici Pool loop as (c) run from a minimal bench-only node (limit-node/) in the same
//       n8n: the limit where our node runs, so (a) ÷ (d) is what our code costs.
// Each n8n variant is a Manual Trigger → Code (N items) → delivering node workflow, run through the
// editor's manual-run API after one warm-up run; n8n is not queried while the node runs (see
// runQuietly). Items/s = N ÷ the delivering node's own executionTime as n8n records it; peak RSS =
// n8n's main process, sampled every 50 ms during the runs. (a), (d), (a′) and (c) (runs of about a
// second on a 2-core machine where other work shows) run --rounds times, alternating ((a) and (d)
// swap places every round), and the medians and the medians of paired ratios are reported; the HTTP
// Request variants run once after their warm-up.
//
// Usage (after `npm install`):  npm run build && npx node bench/delivery/run.js [--items 10000] [--concurrency 16]
//   [--rounds 5] [--skip-http-request 1] [--skip-http-batched 1] [--skip-push-log 1] [--threads 1] [--n8n-node-options '…']
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const { N8nInstance, node24 } = require('../../test/e2e/n8n/instance.js');
const { cpuBetween, threadTimes, threadTimesPrecise } = require('./threadCpu.js');
const { installLimitNode } = require('./limit-node/install.js');
const { report } = require('./report.js');
const { variants } = require('./variants.js');

const args = Object.fromEntries(
	process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const items = Number(args.items ?? 10000);
const concurrency = Number(args.concurrency ?? 16);
const rounds = Number(args.rounds ?? 5);
// `--skip-http-request 1`: only ours, ours with the push log and bare (the paired push log measurement).
const skipHttpRequest = Boolean(args['skip-http-request']);
// `--skip-http-batched 1`: (b) only, not (b′) (HTTP Request with batching 16 / 0 ms).
const skipHttpBatched = Boolean(args['skip-http-batched']);
// `--skip-push-log 1`: leave out (a′), ours with the push log.
const skipPushLog = Boolean(args['skip-push-log']);
// `--threads 1`: also CPU ms per thread of n8n and of the target during each run (medians, as JSON).
const threads = Boolean(args.threads);
// `--n8n-node-options '--cpu-prof …'`: NODE_OPTIONS for the n8n process only (profiling).
const n8nNodeOptions = args['n8n-node-options'];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function startTarget() {
	const child = spawn(node24(), [path.join(__dirname, 'target.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
	const lines = readline.createInterface({ input: child.stdout });
	const next = () => new Promise((resolve) => lines.once('line', (l) => resolve(JSON.parse(l))));
	return next().then(({ port }) => ({
		url: `http://127.0.0.1:${port}/outbound`,
		pid: child.pid,
		count: async () => {
			const reply = next();
			child.stdin.write('count\n');
			return (await reply).received;
		},
		stop: () => child.stdin.end(),
	}));
}

function rssOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the workflow as the editor's "Execute workflow" does and waits for it to finish, without
 * asking n8n anything while the delivering node runs: n8n.runManually() polls the execution every
 * 200 ms, and each poll (API-key check, database read, JSON answer) runs on the n8n main thread
 * the node under test shares, which bare undici never has to. The target, a separate process,
 * says when every request has arrived; only then is n8n polled for the finished execution.
 * With --threads, it also reads n8n's per-thread CPU (schedstat, ns) when the first request has
 * arrived and when the last has: the delivery window, without the Code node before it or the
 * saving of the execution after it (polled every 10 ms, so each edge is late by up to 10 ms).
 */
async function runQuietly(n8n, target, workflowId, receivedBefore) {
	const { executionId } = await n8n.rest('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: 'Manual Trigger' } });
	if (!executionId) throw new Error(`manual run of ${workflowId} returned no execution id`);
	const started = Date.now();
	const overdue = () => Date.now() - started > 600000;
	const window = {};
	const snapshot = (count) => ({ count, n8n: threadTimesPrecise(n8n.process.pid) });
	for (;;) {
		const count = (await target.count()) - receivedBefore;
		if (threads && count > 0 && !window.start) window.start = snapshot(count);
		if (count >= items || overdue()) {
			if (threads) window.end = snapshot(count);
			break;
		}
		await sleep(threads ? 10 : 20);
	}
	for (;;) {
		const execution = await n8n.execution(executionId).catch(() => undefined);
		if (execution && (execution.finished || execution.stoppedAt)) return { execution, window };
		if (overdue()) throw new Error(`execution ${executionId} did not finish in 10 minutes`);
		await sleep(50);
	}
}

async function runVariant(n8n, target, variant, runs = 1) {
	const results = [];
	for (let run = 0; run < runs; run++) {
		const before = await target.count();
		const rssBefore = rssOf(n8n.process.pid);
		let peak = rssBefore;
		const sampler = setInterval(() => (peak = Math.max(peak, rssOf(n8n.process.pid))), 50);
		const cpuBefore = threads ? { n8n: threadTimes(n8n.process.pid), target: threadTimes(target.pid) } : undefined;
		const { execution, window } = await runQuietly(n8n, target, variant.workflow.id, before);
		const cpuMs = cpuBefore && {
			n8n: cpuBetween(n8n.process.pid, cpuBefore.n8n, threadTimes(n8n.process.pid)),
			target: cpuBetween(target.pid, cpuBefore.target, threadTimes(target.pid)).main,
			// µs per item of n8n's CPU in the delivery window (window.start … window.end), by thread group.
			windowPerItem: Object.fromEntries(
				Object.entries(cpuBetween(n8n.process.pid, window.start.n8n, window.end.n8n)).map(([key, ms]) => [
					key,
					(1000 * ms) / (window.end.count - window.start.count),
				]),
			),
		};
		clearInterval(sampler);
		const delivered = (await target.count()) - before;
		const nodeRun = execution.data.resultData.runData.Deliver?.[0];
		if (execution.status !== 'success' || !nodeRun) {
			const error = execution.data.resultData.error ?? {};
			throw new Error(`${variant.key}: execution ${execution.id} ended ${execution.status}: ${error.message ?? ''} ${error.description ?? ''} ${JSON.stringify(error).slice(0, 300)}`);
		}
		if (delivered !== items) throw new Error(`${variant.key}: the target received ${delivered} of ${items} requests`);
		if (variant.pushLog) {
			// A row per item, or the measurement is of a push log that failed: each record says which.
			const unlogged = nodeRun.data.main.flat().filter((item) => item.json.delivery?.log?.written !== true);
			if (unlogged.length > 0) {
				throw new Error(`${variant.key}: ${unlogged.length} of ${items} items not in the push log, e.g. ${JSON.stringify(unlogged[0].json.delivery?.log)}`);
			}
		}
		results.push({
			nodeMs: nodeRun.executionTime,
			executionMs: new Date(execution.stoppedAt) - new Date(execution.startedAt),
			rssBeforeBytes: rssBefore,
			peakRssBytes: peak,
			...(cpuMs ? { cpuMs } : {}),
		});
	}
	return results.map((r) => ({ ...r, itemsPerSecond: items / (r.nodeMs / 1000) }));
}

/**
 * Median by items/s; peak RSS is the highest seen, and RSS before is the process's size when the
 * variant's first measured run began (all n8n variants share one process, which only grows).
 */
function summarise(runs) {
	const mid = median(runs.map((r) => r.itemsPerSecond));
	const chosen = runs.find((r) => r.itemsPerSecond === mid);
	return {
		...chosen,
		rssBeforeBytes: runs[0].rssBeforeBytes,
		peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
		runs: runs.map((r) => Math.round(r.itemsPerSecond)),
	};
}

function runBare(url) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			node24(),
			[path.join(__dirname, 'bare-undici.js'), '--items', String(items), '--concurrency', String(concurrency), '--url', url],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let out = '';
		child.stdout.on('data', (c) => (out += c));
		child.on('exit', (code) => {
			if (code !== 0) return reject(new Error(`bare-undici.js exited ${code}`));
			const json = JSON.parse(out.trim().split('\n').pop());
			resolve(json);
		});
	});
}

/** The median CPU ms of each thread group over runs (a group missing from a run counts 0). */
function cpuMedians(runs) {
	const keys = new Set(runs.flatMap((r) => Object.keys(r.cpuMs.n8n)));
	const n8n = Object.fromEntries([...keys].map((key) => [key, median(runs.map((r) => r.cpuMs.n8n[key] ?? 0))]));
	const total = (perItem) => Object.values(perItem).reduce((sum, us) => sum + us, 0);
	const round1 = (x) => Math.round(x * 10) / 10;
	return {
		n8n,
		target: median(runs.map((r) => r.cpuMs.target)),
		// Delivery window, µs per item: n8n's main thread and all its threads (medians over runs).
		windowMainUs: round1(median(runs.map((r) => r.cpuMs.windowPerItem.main ?? 0))),
		windowAllUs: round1(median(runs.map((r) => total(r.cpuMs.windowPerItem)))),
	};
}

async function main() {
	const target = await startTarget();
	const n8n = new N8nInstance({ logs: 'file', env: n8nNodeOptions ? { NODE_OPTIONS: n8nNodeOptions } : {} });
	const loadBefore = os.loadavg();
	try {
		await n8n.installPackage();
		installLimitNode(n8n);
		const all = variants({ url: target.url, items, concurrency });
		await n8n.importWorkflows(all.map((v) => v.workflow));
		await n8n.start();
		const measured = {};
		const byKey = Object.fromEntries(all.map((v) => [v.key, v]));
		const { ours: oursVariant, oursLogged: loggedVariant, limit: limitVariant, limitDispatch: dispatchVariant } = byKey;
		process.stderr.write(`[bench] (a) ours, (d) and (d′) the limit inside n8n${skipPushLog ? '' : ', (a′) ours with the push log'} and (c) bare undici, ${rounds} rounds alternating …\n`);
		const inRound = [oursVariant, limitVariant, dispatchVariant];
		for (const variant of inRound) await runVariant(n8n, target, variant); // warm-up
		if (!skipPushLog) await runVariant(n8n, target, loggedVariant); // warm-up (creates the store file)
		const runs = { ours: [], limit: [], limitDispatch: [], oursLogged: [], bare: [] };
		// Paired within each round: ours ÷ each in-process limit, and the push log's cost.
		const limitRatios = [];
		const dispatchRatios = [];
		const logRatios = [];
		for (let round = 0; round < rounds; round++) {
			// The three take turns at going first, so none always runs right after the bare script.
			const shift = round % inRound.length;
			const result = {};
			for (const variant of [...inRound.slice(shift), ...inRound.slice(0, shift)]) [result[variant.key]] = await runVariant(n8n, target, variant);
			for (const variant of inRound) runs[variant.key].push(result[variant.key]);
			limitRatios.push(result.ours.itemsPerSecond / result.limit.itemsPerSecond);
			dispatchRatios.push(result.ours.itemsPerSecond / result.limitDispatch.itemsPerSecond);
			if (!skipPushLog) {
				const [logged] = await runVariant(n8n, target, loggedVariant);
				runs.oursLogged.push(logged);
				logRatios.push(logged.itemsPerSecond / result.ours.itemsPerSecond);
			}
			const bare = await runBare(target.url);
			runs.bare.push({ itemsPerSecond: bare.itemsPerSecond, peakRssBytes: bare.peakRssBytes, cpuMicrosecondsPerItem: bare.cpuMicrosecondsPerItem });
			const rate = (key) => Math.round(result[key].itemsPerSecond);
			process.stderr.write(`[bench] round ${round + 1}: ours ${rate('ours')}, (d) ${rate('limit')}, (d′) ${rate('limitDispatch')}, bare ${bare.itemsPerSecond} items/s; load ${os.loadavg()[0].toFixed(2)}\n`);
		}
		// After the rounds (an HTTP Request run is ten times longer, and under load may fail): its error is reported.
		for (const variant of skipHttpRequest ? [] : [byKey.httpDefault, ...(skipHttpBatched ? [] : [byKey.httpBatched])]) {
			process.stderr.write(`[bench] ${variant.label} …\n`);
			try {
				await runVariant(n8n, target, variant); // warm-up
				measured[variant.key] = summarise(await runVariant(n8n, target, variant));
			} catch (error) {
				measured[variant.key] = { error: error.message.slice(0, 300) };
			}
		}
		for (const [key, list] of Object.entries(runs)) if (list.length > 0) measured[key] = summarise(list);
		const round3 = (ratios) => ratios.map((ratio) => Math.round(ratio * 1000) / 1000);
		measured.limitRatios = round3(limitRatios);
		measured.dispatchRatios = round3(dispatchRatios);
		measured.pushLogRatios = round3(logRatios);
		measured.bareCpuMicrosecondsPerItem = median(runs.bare.map((r) => r.cpuMicrosecondsPerItem));
		measured.load = { before: loadBefore, after: os.loadavg() };
		if (threads) measured.cpu = Object.fromEntries(['ours', 'limit', 'limitDispatch', 'oursLogged'].filter((k) => runs[k].length > 0).map((k) => [k, cpuMedians(runs[k])]));
		console.log(report({ measured, items, concurrency, rounds, skipPushLog, limitRatios, dispatchRatios, logRatios }));
		console.log('\n' + JSON.stringify(measured));
	} finally {
		await n8n.stop();
		target.stop();
		if (!process.env.BENCH_KEEP) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
