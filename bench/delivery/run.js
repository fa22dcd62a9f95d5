#!/usr/bin/env node
// Delivery benchmark (issue "Send Outbound Message"), in one run on this machine, against one local
// target answering 200 with a small JSON body:
//   (a) our Send Outbound Message node in a real n8n,
//   (b) n8n's own HTTP Request node in the same n8n, default settings and with batching (16 / 0 ms),
//   (c) a bare undici Pool script with the same concurrency (the limit).
// Each n8n variant is a Manual Trigger → Code (N items) → delivering node workflow, run through the
// editor's manual-run API after one warm-up run; n8n is not queried while the node runs (see
// runQuietly). Items/s = N ÷ the delivering node's own executionTime as n8n records it; peak RSS =
// n8n's main process, sampled every 50 ms during the runs. Our node and
// the bare script (the two fast ones, whose runs last about a second on a 2-core machine where other
// work shows) run --rounds times, alternating, and the median is reported; the HTTP Request variants
// run once after their warm-up.
//
// Usage (after `npm install`):  npm run build && npx node bench/delivery/run.js [--items 10000] [--concurrency 16]
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const { N8nInstance, node24 } = require('../../test/e2e/n8n/instance.js');
const { cpuBetween, threadTimes } = require('./threadCpu.js');
const { variants } = require('./variants.js');

const args = Object.fromEntries(
	process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const items = Number(args.items ?? 10000);
const concurrency = Number(args.concurrency ?? 16);
const rounds = Number(args.rounds ?? 5);
// `--skip-http-request 1`: only ours, ours with the push log and bare (the paired push log measurement).
const skipHttpRequest = Boolean(args['skip-http-request']);
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
 */
async function runQuietly(n8n, target, workflowId, receivedBefore) {
	const { executionId } = await n8n.rest('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: 'Manual Trigger' } });
	if (!executionId) throw new Error(`manual run of ${workflowId} returned no execution id`);
	const started = Date.now();
	const overdue = () => Date.now() - started > 600000;
	while ((await target.count()) - receivedBefore < items && !overdue()) await sleep(20);
	for (;;) {
		const execution = await n8n.execution(executionId).catch(() => undefined);
		if (execution && (execution.finished || execution.stoppedAt)) return execution;
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
		const execution = await runQuietly(n8n, target, variant.workflow.id, before);
		const cpuMs = cpuBefore && {
			n8n: cpuBetween(n8n.process.pid, cpuBefore.n8n, threadTimes(n8n.process.pid)),
			target: cpuBetween(target.pid, cpuBefore.target, threadTimes(target.pid)).main,
		};
		clearInterval(sampler);
		const delivered = (await target.count()) - before;
		const nodeRun = execution.data.resultData.runData.Deliver?.[0];
		if (execution.status !== 'success' || !nodeRun) {
			throw new Error(`${variant.key}: execution ${execution.id} ended ${execution.status}: ${JSON.stringify(execution.data.resultData.error ?? {}).slice(0, 500)}`);
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
	return { n8n, target: median(runs.map((r) => r.cpuMs.target)) };
}

const mib = (bytes) => `${Math.round(bytes / 1024 / 1024)} MiB`;

async function main() {
	const target = await startTarget();
	const n8n = new N8nInstance({ logs: 'file', env: n8nNodeOptions ? { NODE_OPTIONS: n8nNodeOptions } : {} });
	try {
		await n8n.installPackage();
		const all = variants({ url: target.url, items, concurrency });
		await n8n.importWorkflows(all.map((v) => v.workflow));
		await n8n.start();
		const measured = {};
		const [oursVariant, loggedVariant, ...httpRequestVariants] = all;
		for (const variant of skipHttpRequest ? [] : httpRequestVariants) {
			process.stderr.write(`[bench] ${variant.label} …\n`);
			await runVariant(n8n, target, variant); // warm-up
			measured[variant.key] = summarise(await runVariant(n8n, target, variant));
		}
		process.stderr.write(`[bench] ${oursVariant.label}, ${loggedVariant.label} and (c) bare undici Pool, ${rounds} rounds alternating …\n`);
		await runVariant(n8n, target, oursVariant); // warm-up
		await runVariant(n8n, target, loggedVariant); // warm-up (creates the store file)
		const ourRuns = [];
		const loggedRuns = [];
		const bareRuns = [];
		// The push log's cost: ours and ours with the log, paired within each round.
		const logRatios = [];
		for (let round = 0; round < rounds; round++) {
			const [plain] = await runVariant(n8n, target, oursVariant);
			const [logged] = await runVariant(n8n, target, loggedVariant);
			ourRuns.push(plain);
			loggedRuns.push(logged);
			logRatios.push(logged.itemsPerSecond / plain.itemsPerSecond);
			const bare = await runBare(target.url);
			bareRuns.push({ itemsPerSecond: bare.itemsPerSecond, peakRssBytes: bare.peakRssBytes });
		}
		measured.ours = summarise(ourRuns);
		measured.oursLogged = summarise(loggedRuns);
		measured.pushLogRatios = logRatios.map((ratio) => Math.round(ratio * 1000) / 1000);
		measured.bare = summarise(bareRuns);

		const ours = measured.ours.itemsPerSecond;
		const rows = [
			['(a) Send Outbound Message (ours)', measured.ours],
			['(a′) ours with the push log (embedded file)', measured.oursLogged],
			...(skipHttpRequest
				? []
				: [
						['(b) HTTP Request, default settings', measured.httpDefault],
						['(b′) HTTP Request, batching 16 / 0 ms', measured.httpBatched],
					]),
			['(c) bare undici Pool (the limit)', measured.bare],
		];
		const lines = [
			`${items} items, ${concurrency} in flight (ours and bare undici), Node ${process.versions.node}, n8n 2.41.1; ` +
				`ours and bare: median of ${rounds} alternating rounds (ours: ${measured.ours.runs.join(', ')}; bare: ${measured.bare.runs.join(', ')} items/s)`,
			'',
			'| variant | items/s | node time | RSS before → peak | ours ÷ this |',
			'| --- | ---: | ---: | ---: | ---: |',
			...rows.map(
				([label, m]) =>
					`| ${label} | ${Math.round(m.itemsPerSecond)} | ${m.nodeMs ? `${(m.nodeMs / 1000).toFixed(2)} s` : '–'} | ${m.rssBeforeBytes ? `${mib(m.rssBeforeBytes)} → ` : ''}${mib(m.peakRssBytes)} | ${(ours / m.itemsPerSecond).toFixed(2)}× |`,
			),
			'',
			(skipHttpRequest
				? ''
				: `ours ÷ (b) default = ${(ours / measured.httpDefault.itemsPerSecond).toFixed(1)}× (goal ≥ 5×); ` +
					`ours ÷ (b′) batched = ${(ours / measured.httpBatched.itemsPerSecond).toFixed(1)}×; `) +
				`ours ÷ (c) bare = ${Math.round((100 * ours) / measured.bare.itemsPerSecond)} % (goal ≥ 80 %)`,
			`push log: (a′) ÷ (a) = ${Math.round(100 * median(logRatios))} % (median of ${rounds} paired rounds: ${measured.pushLogRatios.join(', ')}; goal ≥ 90 %)`,
		];
		console.log(lines.join('\n'));
		if (threads) console.log('\nCPU ms per run (median; n8n by thread, target process): ' + JSON.stringify({ ours: cpuMedians(ourRuns), oursLogged: cpuMedians(loggedRuns) }));
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
