#!/usr/bin/env node
// Trigger benchmark (issue "Trigger nodes"), in one n8n, 16 concurrent clients:
//   (1) N accepted signed Jiandaoyun events into our Jiandaoyun Push Trigger vs n8n's plain Webhook
//       node, both followed by the same NoOp: events/s (a round ends when its executions have
//       finished: the Webhook node answers before it runs the workflow) and answer latency p50/p99;
//       and vs the accepting floor: a community trigger that starts an execution with the body and
//       checks nothing (bench/trigger/floor/FloorAcceptTrigger.node.js), the least any community
//       trigger that starts an execution costs;
//   (2) N requests that must start no execution (unselected event type, duplicate delivery, bad
//       signature, a third each) into our trigger vs the usual alternative, Webhook → IF, which starts
//       an execution for every request, and vs the floor: a trigger node that answers 200 and starts
//       nothing (bench/trigger/floor/, loaded as an n8n custom extension), the least n8n spends on a
//       request to any trigger node.
// Requests are signed the way Jiandaoyun signs (sha1 of nonce:body:secret:timestamp, written here
// from the vendor's description, not with our signing code).
//
// Usage (after `npm install`): npm run build && npx node bench/trigger/run.js [--requests 2000] [--rounds 4]
//        [--engine vm|legacy] [--lazy-isolate]    (n8n 2.41's expression engine settings, see docs/performance.md)
//        [--trigger-version 2|1]                  (our trigger's typeVersion, default 2: see n8nDescription.ts triggerVersions)
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { N8nInstance } = require('../../test/e2e/n8n/instance.js');

const argv = process.argv.slice(2);
const flag = (name, fallback) => {
	const i = argv.indexOf(`--${name}`);
	return i === -1 ? fallback : argv[i + 1];
};
const requests = Number(flag('requests', 2000));
const engine = flag('engine', undefined);
const lazyIsolate = argv.includes('--lazy-isolate');
const triggerVersion = Number(flag('trigger-version', 2));
const floorDir = path.join(__dirname, 'floor');
const rounds = Number(flag('rounds', 4));
const concurrency = 16;
const secret = 'jdy-bench-secret';
const pkg = 'n8n-nodes-outbound-messages';

/**
 * A published workflow `id`: the trigger (its node id `<id>-1`, webhook id number `webhook`) → `second`.
 * `trigger` gives the trigger's name, type, typeVersion, parameters and credentials.
 */
function twoNodes(id, webhook, trigger, second) {
	const first = { id: `${id}-1`, position: [0, 0], webhookId: `b0000000-0000-4000-8000-${String(webhook).padStart(12, '0')}`, ...trigger };
	return {
		id,
		name: id,
		active: true,
		settings: { executionOrder: 'v1' },
		nodes: [first, { ...second, id: `${id}-2` }],
		connections: { [first.name]: { main: [[{ node: second.name, type: 'main', index: 0 }]] } },
	};
}
const noOp = { name: 'NoOp', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} };
const ifNode = {
	name: 'IF',
	type: 'n8n-nodes-base.if',
	typeVersion: 2.2,
	position: [240, 0],
	parameters: {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			combinator: 'and',
			conditions: [
				{ id: 'c1', leftValue: '={{ $json.body.op }}', rightValue: 'data_create', operator: { type: 'string', operation: 'equals' } },
			],
		},
		options: {},
	},
};
const webhookNode = (path) => ({ name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, parameters: { httpMethod: 'POST', path, options: {} } });
const workflows = [
	twoNodes(
		'benchJdyTrigger1',
		1,
		{
			name: 'Jiandaoyun Push Trigger',
			type: `${pkg}.jiandaoyunPushTrigger`,
			typeVersion: triggerVersion,
			parameters: { path: 'bench-jdy', events: ['data_create'] },
			credentials: { outboundSigningSecret: { id: 'benchJdyCredential1', name: 'Bench Jiandaoyun secret' } },
		},
		noOp,
	),
	twoNodes('benchWebhookNoOp1', 2, webhookNode('bench-webhook'), noOp),
	twoNodes('benchWebhookIf1', 3, webhookNode('bench-webhook-if'), ifNode),
	// The floors (bench/trigger/floor/): answering 200 and starting nothing; starting an execution, checking nothing.
	twoNodes('benchFloor1', 4, { name: 'Floor Trigger', type: 'CUSTOM.floorTrigger', typeVersion: 2, parameters: { path: 'bench-floor' } }, noOp),
	twoNodes('benchFloorAccept1', 5, { name: 'Floor Accept Trigger', type: 'CUSTOM.floorAcceptTrigger', typeVersion: 2, parameters: { path: 'bench-floor-accept' } }, noOp),
];

/** A request signed as Jiandaoyun signs it. */
function jiandaoyun(payload, deliverId, { tamper = false } = {}) {
	const body = JSON.stringify(payload);
	const timestamp = String(Math.floor(Date.now() / 1000));
	const nonce = crypto.randomBytes(6).toString('hex');
	let signature = crypto.createHash('sha1').update(`${nonce}:${body}:${secret}:${timestamp}`, 'utf8').digest('hex');
	if (tamper) signature = (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1);
	return {
		query: `?timestamp=${timestamp}&nonce=${nonce}`,
		headers: { 'x-jdy-signature': signature, 'x-jdy-deliverid': deliverId },
		body,
	};
}
const record = (i, op = 'data_create') => ({
	op,
	data: { _id: `rec-${i}`, appId: 'app-1', entryId: 'entry-1', 名称: '报销单' },
	send_time: new Date().toISOString(),
});

/** CPU time (user + system) n8n's main process has used so far, in ms. */
function cpuMs(pid) {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100/s)
}

async function load(baseUrl, webhookPath, count, makeRequest, pid, finished) {
	const cpuBefore = cpuMs(pid);
	const latencies = [];
	const statuses = {};
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			for (;;) {
				const i = next++;
				if (i >= count) return;
				const request = makeRequest(i);
				const t = performance.now();
				let status;
				try {
					const res = await fetch(`${baseUrl}/webhook/${webhookPath}${request.query ?? ''}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', ...(request.headers ?? {}) },
						body: request.body,
					});
					await res.arrayBuffer();
					status = res.status;
				} catch {
					status = 'error';
				}
				latencies.push(performance.now() - t);
				statuses[status] = (statuses[status] ?? 0) + 1;
			}
		}),
	);
	if (finished) await finished();
	const seconds = (performance.now() - started) / 1000;
	return { requests: count, seconds, latencies, n8nCpuMs: cpuMs(pid) - cpuBefore, statuses };
}

/** Runs each side `rounds` times, alternating, `requests / rounds` requests a round; sums the rounds. */
async function alternate(sides) {
	const perRound = Math.ceil(requests / rounds);
	const results = sides.map(() => []);
	for (let round = 0; round < rounds; round++) {
		for (const [s, side] of sides.entries()) results[s].push(await side(perRound, round * perRound));
	}
	return results.map((runs) => {
		const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
		const quantile = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
		const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
		const statuses = {};
		for (const r of runs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
		const count = runs.reduce((sum, r) => sum + r.requests, 0);
		return {
			requests: count,
			perSecond: count / seconds,
			p50: quantile(0.5),
			p99: quantile(0.99),
			n8nCpuMsPerRequest: runs.reduce((sum, r) => sum + r.n8nCpuMs, 0) / count,
			statuses,
		};
	});
}

/**
 * Finished executions of a workflow, read from n8n's SQLite file with n8n's own sqlite3 module: no
 * request to n8n, so counting does not load the process being measured.
 */
function executionCounter(n8n) {
	const sqlite3 = require(path.join(__dirname, '..', '..', 'test', 'e2e', 'n8n', 'node_modules', 'sqlite3'));
	const db = new sqlite3.Database(path.join(n8n.userFolder, '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);
	db.configure('busyTimeout', 5000);
	const count = (workflowId) =>
		new Promise((resolve, reject) =>
			db.get(
				"SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ? AND status IN ('success', 'error', 'crashed')",
				[workflowId],
				(error, row) => (error ? reject(error) : resolve(row.n)),
			),
		);
	return { count, close: () => db.close() };
}

/**
 * Waits until `expected` executions of the workflow have finished. n8n's Webhook node answers when a
 * request arrives and runs the workflow afterwards; our trigger answers once the execution is stored.
 * Stopping the clock at the last answer would credit the Webhook node with work still queued (and
 * bill it to whatever runs next), so an accepted-events round ends when its executions have finished.
 */
async function executionsFinished(counter, workflowId, expected) {
	for (;;) {
		if ((await counter.count(workflowId)) >= expected) return;
		await new Promise((r) => setTimeout(r, 20));
	}
}

async function settledCount(n8n, workflowId) {
	let last = -1;
	for (;;) {
		await new Promise((r) => setTimeout(r, 1000));
		const count = (await n8n.executions(workflowId, { includeData: false })).length;
		if (count === last) return count;
		last = count;
	}
}

async function main() {
	// The floor node (bench/trigger/floor/FloorTrigger.node.js) is loaded as a custom extension.
	const env = { N8N_CUSTOM_EXTENSIONS: floorDir };
	if (engine) env.N8N_EXPRESSION_ENGINE = engine;
	if (lazyIsolate) env.N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE = 'true';
	// e.g. BENCH_N8N_ENV='{"NODE_OPTIONS":"--cpu-prof --cpu-prof-dir=/tmp/prof"}' to profile n8n itself
	Object.assign(env, JSON.parse(process.env.BENCH_N8N_ENV ?? '{}'));
	const n8n = new N8nInstance({ logs: 'file', env });
	try {
		await n8n.installPackage();
		await n8n.importCredentials([
			{ id: 'benchJdyCredential1', name: 'Bench Jiandaoyun secret', type: 'outboundSigningSecret', data: { scheme: 'jiandaoyun', secret } },
		]);
		await n8n.importWorkflows(workflows);
		await n8n.start();
		const base = n8n.baseUrl;
		const pid = n8n.process.pid;
		// Warm both paths up (first requests load code and caches).
		await load(base, 'bench-jdy', 32, (i) => jiandaoyun(record(`warm-${i}`), `warm-${i}`), pid);
		await load(base, 'bench-webhook', 32, (i) => ({ body: JSON.stringify(record(`warm-${i}`)) }), pid);
		await load(base, 'bench-webhook-if', 32, (i) => ({ body: JSON.stringify(record(`warm-${i}`, 'data_remove')) }), pid);
		await load(base, 'bench-floor', 32, (i) => jiandaoyun(record(`warm-${i}`), `warm-${i}`), pid);
		await load(base, 'bench-floor-accept', 32, (i) => ({ body: JSON.stringify(record(`warm-${i}`)) }), pid);
		const counter = executionCounter(n8n);
		const before = {
			ours: await settledCount(n8n, 'benchJdyTrigger1'),
			webhook: await settledCount(n8n, 'benchWebhookNoOp1'),
			webhookIf: await settledCount(n8n, 'benchWebhookIf1'),
			floorAccept: await settledCount(n8n, 'benchFloorAccept1'),
		};

		// Each comparison alternates its two sides in rounds (A B A B …) so that neither gains from
		// going first or last (SQLite grows, caches warm, leftover work from the previous side).
		const noExecution = (i) =>
			i % 3 === 0
				? jiandaoyun(record(i, 'data_remove'), `unselected-${i}`)
				: i % 3 === 1
					? jiandaoyun(record(1), 'accepted-1')
					: jiandaoyun(record(i), `tampered-${i}`, { tamper: true });
		process.stderr.write(`[bench] (1) accepted events, ${rounds} rounds …\n`);
		const [acceptedOurs, acceptedWebhook, floorAccept] = await alternate(
			[
				(n, offset) =>
					load(base, 'bench-jdy', n, (i) => jiandaoyun(record(offset + i), `accepted-${offset + i}`), pid, () =>
						executionsFinished(counter, 'benchJdyTrigger1', before.ours + offset + n),
					),
				(n, offset) =>
					load(base, 'bench-webhook', n, (i) => ({ body: JSON.stringify(record(offset + i)) }), pid, () =>
						executionsFinished(counter, 'benchWebhookNoOp1', before.webhook + offset + n),
					),
				// The accepting floor: a community trigger that starts an execution and checks nothing.
				(n, offset) =>
					load(base, 'bench-floor-accept', n, (i) => ({ body: JSON.stringify(record(offset + i)) }), pid, () =>
						executionsFinished(counter, 'benchFloorAccept1', before.floorAccept + offset + n),
					),
			],
		);
		process.stderr.write(`[bench] (2) unselected / duplicate / bad signature, ${rounds} rounds …\n`);
		const [rejectedOurs, rejectedWebhookIf, floor] = await alternate(
			[
				(n, offset) => load(base, 'bench-jdy', n, (i) => noExecution(offset + i), pid),
				(n, offset) =>
					load(base, 'bench-webhook-if', n, (i) => ({ body: JSON.stringify(record(offset + i, 'data_remove')) }), pid, () =>
						executionsFinished(counter, 'benchWebhookIf1', before.webhookIf + offset + n),
					),
				// The same requests into the floor node, which answers 200 to each and starts nothing.
				(n, offset) => load(base, 'bench-floor', n, (i) => noExecution(offset + i), pid),
			],
		);

		const after = {
			ours: await settledCount(n8n, 'benchJdyTrigger1'),
			webhook: await settledCount(n8n, 'benchWebhookNoOp1'),
			webhookIf: await settledCount(n8n, 'benchWebhookIf1'),
			floor: await settledCount(n8n, 'benchFloor1'),
			floorAccept: await settledCount(n8n, 'benchFloorAccept1'),
		};
		const executions = {
			ours: after.ours - before.ours,
			webhook: after.webhook - before.webhook,
			webhookIf: after.webhookIf - before.webhookIf,
			floor: after.floor,
			floorAccept: after.floorAccept - before.floorAccept,
		};
		const row = (label, m, execs) =>
			`| ${label} | ${m.perSecond.toFixed(1)} | ${m.p50.toFixed(0)} ms | ${m.p99.toFixed(0)} ms | ${m.n8nCpuMsPerRequest.toFixed(1)} ms | ${execs} | ${Object.entries(m.statuses).map(([s, n]) => `${s}×${n}`).join(' ')} |`;
		const engineLabel = `${engine ?? 'vm (default)'}${lazyIsolate ? ', lazy isolate acquire' : ''}; our trigger typeVersion ${triggerVersion}`;
		console.log(
			[
				`${requests} requests per row in ${rounds} alternating rounds, ${concurrency} concurrent clients, n8n 2.41.1 on SQLite, expression engine: ${engineLabel}, Node ${process.versions.node}`,
				'',
				'| workload | requests/s | p50 | p99 | n8n CPU per request | executions created | answers |',
				'| --- | ---: | ---: | ---: | ---: | ---: | --- |',
				row('(1) accepted, Jiandaoyun Push Trigger (ours) → NoOp', acceptedOurs, executions.ours),
				row("(1) accepted, n8n Webhook → NoOp", acceptedWebhook, executions.webhook),
				row('(1) accepted, floor (a community trigger that starts an execution, checks nothing) → NoOp', floorAccept, executions.floorAccept),
				row('(2) unselected / duplicate / bad signature, ours', rejectedOurs, '(in the row above)'),
				row('(2) same requests, n8n Webhook → IF', rejectedWebhookIf, executions.webhookIf),
				row('(2) same requests, floor (a trigger that answers 200, starts nothing)', floor, executions.floor),
				'',
				`(1) ours ÷ Webhook = ${Math.round((100 * acceptedOurs.perSecond) / acceptedWebhook.perSecond)} % (goal within 10 %), ` +
					`n8n CPU per request ours ÷ Webhook = ${(acceptedOurs.n8nCpuMsPerRequest / acceptedWebhook.n8nCpuMsPerRequest).toFixed(2)}×, ` +
					`ours ÷ accepting floor = ${(acceptedOurs.n8nCpuMsPerRequest / floorAccept.n8nCpuMsPerRequest).toFixed(2)}×, ` +
					`Webhook ÷ accepting floor = ${(acceptedWebhook.n8nCpuMsPerRequest / floorAccept.n8nCpuMsPerRequest).toFixed(2)}×; ` +
					`(2) n8n CPU per request Webhook → IF ÷ ours = ${(rejectedWebhookIf.n8nCpuMsPerRequest / rejectedOurs.n8nCpuMsPerRequest).toFixed(1)}×; ` +
					`(2) ours ÷ Webhook → IF = ${(rejectedOurs.perSecond / rejectedWebhookIf.perSecond).toFixed(1)}× (goal ≥ 3×); ` +
					`ours ÷ floor, n8n CPU per request = ${(rejectedOurs.n8nCpuMsPerRequest / floor.n8nCpuMsPerRequest).toFixed(2)}× (goal ≤ 1.1×), ` +
					`floor ÷ ours, requests/s = ${(floor.perSecond / rejectedOurs.perSecond).toFixed(2)}×; ` +
					`executions created by our trigger: ${executions.ours} for ${requests} accepted events (expected ${requests}).`,
			].join('\n'),
		);
		console.log('\n' + JSON.stringify({ acceptedOurs, acceptedWebhook, floorAccept, rejectedOurs, rejectedWebhookIf, floor, executions }));
		counter.close();
	} finally {
		await n8n.stop();
		if (!process.env.BENCH_KEEP) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
