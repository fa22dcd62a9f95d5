/**
 * Chaos and fuzz proof (issue 14), in one real n8n started by this file:
 * 1. Chaos: messages through Send Outbound Message against a target that fails on purpose (chaosTarget.js),
 *    Failure and Held parked, the compensation until nothing is due; every message id ends in exactly
 *    one outcome and none is lost.
 * 2. Fuzz: generated bad requests to each of the eight triggers' production URLs: no crash, no 5xx, a
 *    4xx with a reason for each, no execution.
 * 3. No secret of any credential in any saved execution.
 * Size: RELIABILITY_SIZE=full (npm run test:reliability) sends 10,000 messages and 1,000 requests per
 * trigger; the default (CI, in `npm test`) 1,000 and 150. RELIABILITY_SEED changes the seed.
 */
import fs from 'node:fs';

import fc from 'fast-check';

import { type ChaosTarget, chaosFigures, runChaos, startChaosTarget } from './chaos';
import { chaosIds, chaosWorkflows } from './chaosWorkflows';
import { type FuzzAnswer, type FuzzKind, badRequest, fuzzKinds, inParallel, payloadLimitMiB, reasonOf, sendRaw } from './fuzz';
import { fuzzCredentials, fuzzTargets, fuzzWorkflows, secretStrings } from './fuzzTargets';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nInstance } = require('../e2e/n8n/instance.js');

const full = process.env.RELIABILITY_SIZE === 'full';
const size = full ? { messages: 10_000, perTrigger: 1000 } : { messages: 1000, perTrigger: 100 };
const seed = Number(process.env.RELIABILITY_SEED ?? 14);

jest.setTimeout(full ? 3_600_000 : 900_000);

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let n8n: any;
let target: ChaosTarget;
const startedAt = Date.now();

async function executionCount(workflowId: string): Promise<number> {
	return ((await n8n.executions(workflowId, { includeData: false })) as unknown[]).length;
}

beforeAll(async () => {
	target = await startChaosTarget(String(seed));
	n8n = new N8nInstance({ logs: 'file', env: { N8N_PAYLOAD_SIZE_MAX: String(payloadLimitMiB) } });
	await n8n.installPackage();
	await n8n.importCredentials(fuzzCredentials);
	await n8n.importWorkflows([...chaosWorkflows(target.url), ...fuzzWorkflows()]);
	await n8n.start();
	await n8n.createApiKey();
});

afterAll(async () => {
	await n8n?.stop();
	target?.stop();
	if (n8n && !process.env.E2E_KEEP) fs.rmSync(n8n.userFolder, { recursive: true, force: true });
	console.log(`[reliability] ${full ? 'full' : 'CI'} size, seed ${seed}: ${Math.round((Date.now() - startedAt) / 1000)} s in all`);
});

describe(`reliability (${full ? 'full' : 'CI'} size, seed ${seed})`, () => {
	it(`chaos: ${size.messages} messages, every one delivered once it can be or failed for good, none lost`, async () => {
		const result = await runChaos(n8n, target, size.messages, full ? 3_000_000 : 600_000);
		const figures = chaosFigures(result);
		console.log(`[reliability] chaos: ${JSON.stringify(figures)}`);
		const ids = Array.from({ length: size.messages }, (_, n) => `chaos-${n}`);
		const { success, retry, failure, held } = result.firstRun;

		// The first run: each message leaves by exactly one output (Retry is for hand-off, off here).
		expect(retry).toEqual([]);
		const firstRun = [...success, ...failure, ...held];
		expect(firstRun).toHaveLength(size.messages);
		expect(new Set(firstRun)).toEqual(new Set(ids));
		// The faults were there, of every kind.
		for (const kind of ['serverError', 'reset', 'slow', 'keywordFailure'] as const) expect(figures.faults[kind]).toBeGreaterThan(0);
		expect(failure.length + held.length).toBeGreaterThan(0);

		// Parked = Failure + Held, each once; at the end each is succeeded or failed for good.
		const parked = result.outbox.map((row) => row.messageId);
		expect(parked).toHaveLength(failure.length + held.length);
		expect(new Set(parked)).toEqual(new Set([...failure, ...held]));
		for (const row of result.outbox) expect(['succeeded', 'failed']).toContain(row.status);

		// Both ends agree: every success was acknowledged by the target, nothing is lost, no stranger id.
		const acknowledged = (id: string) => (result.target.acknowledged[id] ?? 0) + (result.target.late[id] ?? 0) > 0;
		const succeeded = [...success, ...result.outbox.filter((row) => row.status === 'succeeded').map((row) => row.messageId)];
		expect(succeeded.filter((id) => !acknowledged(id))).toEqual([]);
		expect(figures.lostIds).toEqual([]);
		expect(figures.lost).toBe(0);
		expect(figures.unknownIdsAtTarget).toEqual([]);
		expect(figures.outcomes.success + figures.outcomes.parkedThenSuccess + figures.outcomes.failedForGood).toBe(size.messages);

		// The schedule keeps running otherwise; the fuzz that follows wants a quiet n8n.
		await n8n.api('POST', `/workflows/${chaosIds.compensate}/deactivate`);
	});

	it(`fuzz: ${size.perTrigger} bad requests per trigger (${fuzzTargets.length} triggers): no crash, no 5xx, a 4xx with a reason, no execution`, async () => {
		const report: Record<string, unknown> = {};
		for (const [n, trigger] of fuzzTargets.entries()) {
			const before = await executionCount(trigger.workflowId);
			const requests = fc.sample(badRequest(trigger), { numRuns: size.perTrigger, seed: seed + n });
			const answers: FuzzAnswer[] = await inParallel(requests, 8, async (request) => await sendRaw(n8n.baseUrl, request));

			const byKind = Object.fromEntries(fuzzKinds.map((kind) => [kind, 0])) as Record<FuzzKind, number>;
			const statuses: Record<number, number> = {};
			const wrong: string[] = [];
			let preflights = 0;
			answers.forEach((answer, i) => {
				const request = requests[i];
				byKind[request.kind]++;
				statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
				const isRefusal = answer.status >= 400 && answer.status < 500 && reasonOf(answer.body) !== '';
				// n8n answers OPTIONS itself, as a CORS preflight (204, no body), before any trigger runs.
				const isPreflight = request.method === 'OPTIONS' && answer.status === 204 && answer.body === '';
				if (isPreflight) preflights++;
				if (!isRefusal && !isPreflight) {
					wrong.push(`${request.kind} ${request.method} ${JSON.stringify(request.headers).slice(0, 200)} ${request.body.subarray(0, 80).toString('latin1')} → ${answer.status} ${answer.body.slice(0, 200)} ${answer.error ?? ''}`);
				}
			});
			// No crash: n8n still answers its health check and a good request.
			expect((await fetch(`${n8n.baseUrl}/healthz`)).status).toBe(200);
			// No execution for any bad request (our workflows are trigger → No Op, done in milliseconds).
			await sleep(1000);
			const afterFuzz = await executionCount(trigger.workflowId);
			const good = trigger.good();
			const goodAnswer = await sendRaw(n8n.baseUrl, { kind: 'wrongTypes', method: 'POST', pathAndQuery: good.pathAndQuery, headers: good.headers, body: Buffer.from(good.body) });
			const [latest] = await n8n.waitForExecutions(trigger.workflowId, before + 1, { timeoutMs: 30_000 });
			const slowest = answers.map((a, i) => [a.ms, requests[i].kind, a.status] as const).sort((a, b) => b[0] - a[0]).slice(0, 5);
			console.log(`[reliability] slowest: ${JSON.stringify(slowest)}`);
			report[trigger.type] = { requests: requests.length, byKind, statuses, fiveHundreds: answers.filter((a) => a.status >= 500).length, optionsPreflights204: preflights, executionsStarted: afterFuzz - before };
			console.log(`[reliability] fuzz ${trigger.type}: ${JSON.stringify(report[trigger.type])}`);

			expect(wrong.slice(0, 10)).toEqual([]);
			expect(afterFuzz - before).toBe(0);
			expect(goodAnswer.status).toBeGreaterThanOrEqual(200);
			expect(goodAnswer.status).toBeLessThan(300);
			expect(latest.status).toBe('success');
			expect(await executionCount(trigger.workflowId)).toBe(before + 1);
		}
	});

	it('no secret of any credential appears in any saved execution', async () => {
		const workflowIds = [...Object.values(chaosIds), ...fuzzTargets.map((t) => t.workflowId)];
		let executions = 0;
		const found: string[] = [];
		for (const id of workflowIds) {
			for (const execution of (await n8n.executions(id, { includeData: true })) as unknown[]) {
				executions++;
				const text = JSON.stringify(execution);
				for (const secret of secretStrings) if (text.includes(secret)) found.push(`${secret} in execution ${(execution as { id: string }).id} of ${id}`);
			}
		}
		console.log(`[reliability] secrets: ${executions} saved executions searched for ${secretStrings.length} secrets, found ${found.length}`);
		// The chaos deliveries and the good request per trigger were saved: the search had data to look at.
		expect(executions).toBeGreaterThanOrEqual(1 + fuzzTargets.length);
		expect(found).toEqual([]);
	});
});
