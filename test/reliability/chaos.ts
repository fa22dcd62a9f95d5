/**
 * The chaos run: N messages through Send Outbound Message in a real n8n against chaosTarget.js, then
 * the compensation until nothing is due, and the outcome of every message id counted at both ends
 * (what n8n recorded, what the target received and acknowledged).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import { chaosIds, chaosPaths, senderTimeoutMs } from './chaosWorkflows';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { node24 } = require('../e2e/n8n/instance.js');

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

export interface TargetStats {
	faults: Record<'serverError' | 'reset' | 'slow' | 'keywordFailure', number>;
	attempts: Record<string, number>;
	acknowledged: Record<string, number>;
	late: Record<string, number>;
}

export interface ChaosTarget {
	url: string;
	stats(): Promise<TargetStats>;
	stop(): void;
}

/** Starts chaosTarget.js in its own process; `stats()` asks it for its counts by message id. */
export async function startChaosTarget(seed: string): Promise<ChaosTarget> {
	const child = spawn(node24(), [path.join(__dirname, 'chaosTarget.js'), seed, String(senderTimeoutMs + 1500)], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const lines = readline.createInterface({ input: child.stdout });
	const next = async () => await new Promise<string>((resolve) => lines.once('line', resolve));
	const { port } = JSON.parse(await next()) as { port: number };
	return {
		url: `http://127.0.0.1:${port}/chaos`,
		stats: async () => {
			const reply = next();
			child.stdin.write('stats\n');
			return JSON.parse(await reply) as TargetStats;
		},
		stop: () => child.stdin.end(),
	};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

interface N8n {
	baseUrl: string;
	waitForExecutions(workflowId: string, count: number, options?: { timeoutMs?: number }): Promise<Json[]>;
}

async function postJson(url: string, body: unknown): Promise<Json[]> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	if (res.status !== 200) throw new Error(`POST ${url} → ${res.status}: ${await res.text()}`);
	return (await res.json()) as Json[];
}

export interface ChaosResult {
	messages: number;
	firstRun: { success: string[]; retry: string[]; failure: string[]; held: string[] };
	/** Outbox rows at the end: message id → status. */
	outbox: Array<{ messageId: string; status: string }>;
	target: TargetStats;
	compensationMs: number;
}

const idOf = (item: Json): string => String(item.json?.delivery?.messageId ?? item.json?.id);

/** Runs the chaos delivery and the compensation until the outbox holds nothing queued or claimed. */
export async function runChaos(n8n: N8n, target: ChaosTarget, messages: number, maxWaitMs: number): Promise<ChaosResult> {
	await postJson(`${n8n.baseUrl}/webhook/${chaosPaths.deliver}`, { count: messages });
	const [execution] = await n8n.waitForExecutions(chaosIds.deliver, 1, { timeoutMs: maxWaitMs });
	if (execution.status !== 'success') throw new Error(`deliver execution ${execution.id} ended ${execution.status}`);
	const outputs = (execution.data.resultData.runData['Send Outbound Message'][0].data.main as Array<Json[] | null>).map((items) =>
		(items ?? []).map(idOf),
	);
	const [success, retry, failure, held] = outputs;

	const started = Date.now();
	for (;;) {
		const [stats] = await postJson(`${n8n.baseUrl}/webhook/${chaosPaths.stats}`, {});
		const pending = (stats.queued ?? 0) + (stats.byStatus?.claimed ?? 0) + (stats.byStatus?.queued ?? 0);
		if (pending === 0) break;
		if (Date.now() - started > maxWaitMs) throw new Error(`compensation not done after ${maxWaitMs} ms: ${JSON.stringify(stats)}`);
		await sleep(2000);
	}
	const compensationMs = Date.now() - started;
	const rows = await postJson(`${n8n.baseUrl}/webhook/${chaosPaths.search}`, {});
	const outbox = rows.filter((row) => row.messageId !== undefined).map((row) => ({ messageId: String(row.messageId), status: String(row.status) }));
	return { messages, firstRun: { success, retry, failure, held }, outbox, target: await target.stats(), compensationMs };
}

/** The figures of the closing note, counted by message id. */
export function chaosFigures(result: ChaosResult) {
	const ids = Array.from({ length: result.messages }, (_, n) => `chaos-${n}`);
	const { success, failure, held } = result.firstRun;
	const outboxStatus = new Map(result.outbox.map((row) => [row.messageId, row.status]));
	const failedForGood = result.outbox.filter((row) => row.status === 'failed').map((row) => row.messageId);
	const parkedThenSuccess = result.outbox.filter((row) => row.status === 'succeeded').map((row) => row.messageId);
	const acknowledged = (id: string) => (result.target.acknowledged[id] ?? 0) + (result.target.late[id] ?? 0) > 0;
	const lost = ids.filter((id) => !acknowledged(id) && outboxStatus.get(id) !== 'failed');
	const attempts = Object.values(result.target.attempts);
	const requests = attempts.reduce((sum, n) => sum + n, 0);
	const processed = (id: string) => (result.target.acknowledged[id] ?? 0) + (result.target.late[id] ?? 0);
	return {
		messages: result.messages,
		faults: result.target.faults,
		requests,
		resends: requests - Object.keys(result.target.attempts).length,
		outcomes: { success: success.length, parkedThenSuccess: parkedThenSuccess.length, failedForGood: failedForGood.length },
		firstRun: { success: success.length, failure: failure.length, held: held.length },
		lost: lost.length,
		lostIds: lost.slice(0, 20),
		lostDetail: lost.slice(0, 5).map((id) => ({
			id,
			attempts: result.target.attempts[id] ?? 0,
			firstRun: success.includes(id) ? 'success' : failure.includes(id) ? 'failure' : held.includes(id) ? 'held' : 'none',
			outbox: outboxStatus.get(id) ?? 'none',
		})),
		duplicatesAtTarget: ids.filter((id) => processed(id) > 1).length,
		// Successes whose only answer the target wrote was a late one (the sender's timeout fired late).
		acknowledgedOnlyLate: ids.filter((id) => (result.target.acknowledged[id] ?? 0) === 0 && (result.target.late[id] ?? 0) > 0).length,
		unknownIdsAtTarget: Object.keys(result.target.attempts).filter((id) => !id.startsWith('chaos-') || Number(id.slice(6)) >= result.messages),
		compensationSeconds: Math.round(result.compensationMs / 1000),
	};
}
