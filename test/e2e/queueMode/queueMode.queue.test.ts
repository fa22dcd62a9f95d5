/**
 * The package in n8n's queue mode (issue 14): one main and two workers (`n8n worker`), n8n's own
 * database on the local PostgreSQL (a fresh database, dropped afterwards), the Bull queue in the
 * local Redis (a key prefix of the run's own), and the Outbound State Store on PostgreSQL (a fresh
 * schema in that database) shared by all three processes. This file starts its own processes.
 *
 * 1. Trigger events: QUEUE_E2E_EVENTS distinct OA to-do pushes (300 when not set) to a
 *    Unified Todo Trigger with the store, plus a tenth of them re-sent (half right behind their
 *    original, so both are in flight at once), all concurrently. The main answers and dedupes
 *    against the store; each distinct event starts exactly one execution, run on a worker; no
 *    duplicate starts one.
 * 2. Compensation (Step 7): while the OA answers 503, ten Deliver runs (on both workers) send 100
 *    messages through the breaker and park Failure and Held. The OA comes back, failing a fifth of
 *    first attempts; after the cool-down one more Deliver run is the breaker's probe and closes it;
 *    Compensate (every 2 s, overlapping runs on both workers) claims, re-pushes and acknowledges
 *    until every message succeeded.
 *
 * `npm test` runs it with 300 events; `npm run test:queue` with 2,000 (QUEUE_E2E_EVENTS overrides
 * both). What passed, with its figures: README, "Queue mode".
 */
import { randomInt } from 'node:crypto';

import { Client } from 'pg';

import { CountingTarget, FlakyOa } from './targets';
import { compensationWorkflows, stateStoreCredential, todoWorkflow } from './workflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { QueueModeCluster } = require('../n8n/queueMode.js');

// The full 2,000 events: 9 min on a quiet 2-CPU machine, far longer with other work on it.
jest.setTimeout(2_400_000);

// 300 unless QUEUE_E2E_EVENTS says otherwise: `npm test` runs 300, `npm run test:queue` 2,000 (each
// trigger request costs the main an expression isolate, README "Speed").
const eventCount = Number(process.env.QUEUE_E2E_EVENTS || 300);
const duplicateCount = Math.round(eventCount / 10);
const batches = 10;
const perBatch = 10;
const schema = 'om_queue_e2e';
const todoPath = 'e2e-queue-todo';
const deliverPath = 'e2e-queue-deliver';
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = Record<string, any>;
let cluster: any;
let store: Client;
const counting = new CountingTarget();
const oa = new FlakyOa(150);
let flows: ReturnType<typeof compensationWorkflows>;
let todo: ReturnType<typeof todoWorkflow>;

beforeAll(async () => {
	await counting.start();
	await oa.start();
	cluster = new QueueModeCluster({ workers: 2, workerConcurrency: 5 });
	await cluster.prepare();
	const credential = stateStoreCredential(cluster.database, schema);
	todo = todoWorkflow(credential, counting.url, todoPath);
	flows = compensationWorkflows(credential, oa.url, deliverPath);
	await cluster.main.importCredentials([credential]);
	await cluster.main.importWorkflows([todo, flows.deliver, flows.compensate]);
	await cluster.start();
	store = new Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: cluster.database });
	await store.connect();
	console.log(`[queue] main ${cluster.main.baseUrl} (log ${cluster.main.logFile}); workers' logs ${cluster.workers.map((w: any) => w.logFile).join(', ')}`);
});

afterAll(async () => {
	await store?.end();
	await cluster?.stop();
	await counting.close();
	await oa.close();
	await cluster?.cleanup();
});

/** Waits until a workflow has no execution left running or queued, and the count has not moved for `quietMs`. */
async function settledExecutions(workflowId: string, atLeast: number, timeoutMs: number, quietMs = 3000): Promise<Json[]> {
	const started = Date.now();
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const list: Json[] = await cluster.main.executions(workflowId, { includeData: false });
		const open = list.filter((e) => !(e.finished || e.stoppedAt)).length;
		if (list.length !== last || open > 0) {
			last = list.length;
			stableSince = Date.now();
		} else if (list.length >= atLeast && Date.now() - stableSince >= quietMs) {
			return list;
		}
		if (Date.now() - started > timeoutMs) throw new Error(`workflow ${workflowId}: ${list.length} executions (${open} open), expected ${atLeast}, after ${timeoutMs} ms`);
		await sleep(1000);
	}
}

/** Which worker started each of these executions (from the workers' logs), and how often. */
function workersOf(executionIds: string[]): { perWorker: number[]; startedTwice: string[]; nowhere: string[]; onMain: string[] } {
	const { byWorker, main } = cluster.executionsByProcess() as { byWorker: Array<Map<string, number>>; main: string[] };
	const ids = new Set(executionIds);
	const startedTwice = executionIds.filter((id) => byWorker.reduce((sum, counts) => sum + (counts.get(id) ?? 0), 0) > 1);
	const nowhere = executionIds.filter((id) => byWorker.every((counts) => !counts.has(id)));
	return { perWorker: byWorker.map((counts) => [...counts.keys()].filter((id) => ids.has(id)).length), startedTwice, nowhere, onMain: main.filter((id) => ids.has(id)) };
}

async function runWithConcurrency<T>(jobs: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
	const results: T[] = new Array(jobs.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < jobs.length) {
				const index = next++;
				results[index] = await jobs[index]();
			}
		}),
	);
	return results;
}

describe('n8n queue mode: main + 2 workers, PostgreSQL state store', () => {
	it(`starts exactly one execution, on a worker, for each of ${eventCount} trigger events; none for ${duplicateCount} re-sent duplicates`, async () => {
		const started = Date.now();
		const run = Date.now().toString(36);
		const events = Array.from({ length: eventCount }, (_, i) => ({
			flowid: `Q-${run}-${i}`,
			body: JSON.stringify({ syscode: 'EC9', flowid: `Q-${run}-${i}`, requestname: `差旅报销-${i}`, isremark: '0', receiver: 'lisi', receivets: String(started + i) }),
		}));
		// Shuffle, then re-send a tenth: every other duplicate right behind its original (in flight with it), the rest anywhere.
		const order = events.map((_, i) => i);
		for (let i = order.length - 1; i > 0; i--) {
			const j = randomInt(i + 1);
			[order[i], order[j]] = [order[j], order[i]];
		}
		const sends = [...order];
		for (let d = 0; d < duplicateCount; d++) {
			const original = order[Math.floor((d * order.length) / duplicateCount)];
			if (d % 2 === 0) sends.splice(sends.indexOf(original) + 1, 0, original);
			else sends.splice(randomInt(sends.length + 1), 0, original);
		}
		const answers = await runWithConcurrency(
			sends.map((index) => async () => {
				// A request left unanswered fails the test naming it (flow id, when it was sent), not at the test's timeout.
				const sentAt = Date.now() - started;
				try {
					const res = await fetch(`${cluster.main.baseUrl}/webhook/${todoPath}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json; charset=utf-8' },
						body: events[index].body,
						signal: AbortSignal.timeout(300_000),
					});
					return { index, status: res.status, body: await res.text() };
				} catch (error) {
					return { index, status: 0, body: `${events[index].flowid}, sent at ${sentAt} ms: ${(error as Error).message}` };
				}
			}),
			12,
		);
		const sentMs = Date.now() - started;
		expect(answers.filter((a) => a.status !== 200)).toEqual([]);
		const firsts = new Map<number, number>();
		const repeats = new Map<number, number>();
		for (const answer of answers) {
			const message = (JSON.parse(answer.body) as Json).message;
			if (message === 'success') firsts.set(answer.index, (firsts.get(answer.index) ?? 0) + 1);
			else if (message === 'Received; this delivery was already received') repeats.set(answer.index, (repeats.get(answer.index) ?? 0) + 1);
			else throw new Error(`unexpected answer ${answer.body}`);
		}
		// Each event was taken as new exactly once, whichever of its copies came first.
		expect(firsts.size).toBe(eventCount);
		expect([...firsts.values()].every((count) => count === 1)).toBe(true);
		expect([...repeats.values()].reduce((a, b) => a + b, 0)).toBe(duplicateCount);

		const executions = await settledExecutions(todo.id, eventCount, 1_800_000);
		const doneMs = Date.now() - started;
		expect(executions).toHaveLength(eventCount);
		expect(executions.filter((e) => e.status !== 'success').map((e) => `${e.id}: ${e.status}`)).toEqual([]);
		// What the workflow's next node delivered: every event once, nothing else.
		expect(counting.total).toBe(eventCount);
		expect(events.filter((e) => counting.received.get(e.flowid) !== 1).map((e) => e.flowid)).toEqual([]);
		// The store remembers each event once.
		const keys = await store.query<{ count: string }>(`SELECT count(*) AS count FROM ${schema}.outbound_keys WHERE namespace LIKE 'trigger:%'`);
		expect(Number(keys.rows[0].count)).toBe(eventCount);

		const placement = workersOf(executions.map((e) => String(e.id)));
		expect(placement.onMain).toEqual([]);
		expect(placement.nowhere).toEqual([]);
		expect(placement.startedTwice).toEqual([]);
		expect(placement.perWorker.every((count) => count > 0)).toBe(true);
		console.log(
			`[queue] trigger events ${eventCount}, duplicates sent ${duplicateCount}, requests ${answers.length}; executions started ${executions.length} ` +
				`(per worker ${placement.perWorker.join(' + ')}); deliveries counted ${counting.total}; sent in ${sentMs} ms, all executed in ${doneMs} ms`,
		);
	});

	it('compensates 100 parked messages across the workers: each acknowledged, one justOpened per outage, no record claimed twice', async () => {
		const started = Date.now();
		const expected = Array.from({ length: batches * perBatch }, (_, k) => `q-${Math.floor(k / perBatch)}-${k % perBatch}`);

		// Outage: ten Deliver runs at once, taken by both workers, all meeting the same (shared) breaker.
		oa.mode = 'down';
		await Promise.all(
			Array.from({ length: batches }, async (_, batch) => {
				const res = await fetch(`${cluster.main.baseUrl}/webhook/${deliverPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch, count: perBatch }) });
				expect(res.status).toBe(200);
				await res.text();
			}),
		);
		const deliverList = await settledExecutions(flows.deliver.id, batches, 120_000);
		expect(deliverList).toHaveLength(batches);
		const delivered: Json[] = await Promise.all(deliverList.map(async (e) => await cluster.main.execution(e.id)));
		const outputs = (execution: Json, name: string): Json[][][] =>
			(execution.data.resultData.runData[name] ?? []).map((run: Json) => (run.data?.main ?? []).map((items: Json[] | null) => (items ?? []).map((item) => item.json)));
		let failed = 0;
		const deliverHeld: Json[] = [];
		for (const execution of delivered) {
			expect(execution.status).toBe('success');
			const [[success, retry, failure, held]] = outputs(execution, 'Send Outbound Message');
			expect(success.length + retry.length).toBe(0);
			failed += failure.length;
			deliverHeld.push(...held);
		}
		expect(failed + deliverHeld.length).toBe(expected.length);
		expect(deliverHeld.length).toBeGreaterThan(0);
		// One outage seen by every run on both workers, announced once.
		expect(new Set(deliverHeld.map((item) => item.delivery.circuit.openedAt)).size).toBe(1);
		expect(deliverHeld.filter((item) => item.delivery.circuit.justOpened)).toHaveLength(1);
		const deliverPlacement = workersOf(deliverList.map((e) => String(e.id)));
		expect(deliverPlacement.perWorker.every((count) => count > 0)).toBe(true);
		const parked = await store.query(`SELECT count(*)::int AS count FROM ${schema}.outbound_messages WHERE next_due_at IS NOT NULL`);
		expect(parked.rows[0].count).toBe(expected.length);

		// The OA is back, failing a fifth of first attempts. After the cool-down a new message is the
		// breaker's probe and closes it (otherwise the first compensation runs would hold all but one
		// claim for another minute); then the compensation runs every 2 s, on both workers.
		oa.mode = 'flaky';
		const probeAt = Math.max(...deliverHeld.map((item) => Date.parse(item.delivery.circuit.probeAt)));
		await sleep(Math.max(0, probeAt - Date.now()) + 1000);
		const probe = await fetch(`${cluster.main.baseUrl}/webhook/${deliverPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ batch: batches, count: 1 }) });
		expect(probe.status).toBe(200);
		await probe.text();
		const [probeRun] = await settledExecutions(flows.deliver.id, batches + 1, 60_000).then((list) => list.filter((e) => !deliverList.some((d) => d.id === e.id)));
		const [[probeSuccess]] = outputs(await cluster.main.execution(probeRun.id), 'Send Outbound Message');
		expect(probeSuccess.map((item) => item.delivery.circuit?.recoveredAt ? 'recovered' : item.delivery.circuit?.state)).toEqual(['recovered']);
		const probeId = `q-${batches}-0`;
		expected.push(probeId);
		await cluster.main.activate(flows.compensate.id);
		const deadline = Date.now() + 400_000;
		for (;;) {
			const { rows } = await store.query(`SELECT count(*) FILTER (WHERE status = 'succeeded' AND next_due_at IS NULL)::int AS done FROM ${schema}.outbound_messages`);
			if (rows[0].done === expected.length) break;
			if (Date.now() > deadline) throw new Error(`compensation: ${rows[0].done}/${expected.length} succeeded`);
			await sleep(2000);
		}
		await cluster.main.api('POST', `/workflows/${flows.compensate.id}/deactivate`);
		const compensateList = await settledExecutions(flows.compensate.id, 1, 120_000);
		const compensated: Json[] = await Promise.all(compensateList.map(async (e) => await cluster.main.execution(e.id)));

		// Every message acknowledged by the OA; nothing but the given ids arrived (duplicates only as re-sends of the same id).
		expect(expected.filter((id) => !oa.acknowledged.has(id))).toEqual([]);
		const arrived = new Set([...oa.requests.down.keys(), ...oa.requests.flaky.keys()]);
		expect([...arrived].filter((id) => !expected.includes(id))).toEqual([]);

		// No record claimed twice: each claim of a message has its own re-push number, the claims add
		// up to the record's count, and every acknowledgement found its claim still held.
		const claims: Json[] = [];
		const held: Json[] = [...deliverHeld];
		let lost = 0;
		for (const execution of compensated) {
			expect(execution.status).toBe('success');
			claims.push(...outputs(execution, 'Claim Due').flatMap((run) => run[0] ?? []).map((item) => item.outbox));
			for (const run of outputs(execution, 'Acknowledge')) lost += (run[1] ?? []).length;
			for (const run of outputs(execution, 'Re-push')) held.push(...(run[3] ?? []));
		}
		expect(lost).toBe(0);
		const claimKeys = claims.map((claim) => `${claim.messageId}#${claim.repushes}`);
		expect(claimKeys.filter((key, i) => claimKeys.indexOf(key) !== i)).toEqual([]);
		const rows = (await store.query(`SELECT message_id, status, repushes FROM ${schema}.outbound_messages ORDER BY message_id`)).rows;
		expect(rows).toHaveLength(expected.length);
		const claimsOf = (id: string) => claims.filter((claim) => claim.messageId === id).length;
		expect(rows.filter((row) => row.status !== 'succeeded' || row.repushes !== claimsOf(row.message_id))).toEqual([]);
		// Each claim sends at most once (a held one not at all); the probe was sent by Deliver, unclaimed.
		for (const id of expected) expect(oa.requests.flaky.get(id) ?? 0).toBeLessThanOrEqual(claimsOf(id) + (id === probeId ? 1 : 0));

		// Breaker shared: every outage in which anything was held has exactly one justOpened, across all runs and both workers.
		const outages = new Map<string, number>();
		for (const item of held) outages.set(item.delivery.circuit.openedAt, (outages.get(item.delivery.circuit.openedAt) ?? 0) + (item.delivery.circuit.justOpened ? 1 : 0));
		expect([...outages.entries()].filter(([, announced]) => announced !== 1)).toEqual([]);
		const fuses = await store.query(`SELECT count(*)::int AS count FROM ${schema}.outbound_fuses`);
		expect(fuses.rows[0].count).toBeGreaterThanOrEqual(outages.size);

		const compensatePlacement = workersOf(compensateList.map((e) => String(e.id)));
		expect(compensatePlacement.startedTwice).toEqual([]);
		expect(compensatePlacement.perWorker.every((count) => count > 0)).toBe(true);
		const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
		console.log(
			`[queue] messages ${expected.length} (${batches * perBatch} parked, 1 probe); outage: failed ${failed}, held ${deliverHeld.length}, deliver runs per worker ${deliverPlacement.perWorker.join(' + ')}; ` +
				`compensation runs ${compensateList.length} (per worker ${compensatePlacement.perWorker.join(' + ')}), claims ${claims.length}, lost claims ${lost}; ` +
				`requests: down ${sum(oa.requests.down)}, flaky ${sum(oa.requests.flaky)}; acknowledged ids ${oa.acknowledged.size}, 2xx answers ${sum(oa.acknowledged)}, ` +
				`ids re-sent after a 2xx ${[...oa.acknowledged.values()].filter((n) => n > 1).length}; outages ${outages.size} (fuses ${fuses.rows[0].count}); ${Date.now() - started} ms`,
		);
	});
});
