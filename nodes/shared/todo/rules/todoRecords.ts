/**
 * Records of what was pushed to one target (seed 002's 缓存 in 特殊数据处理, lines 171-199: the cache
 * of "unique identifiers" the duplicate filter and the compensation read), kept in the state store
 * so the rules hold across executions and across n8n processes (queue mode, several mains).
 *
 * One record per target (`sysCode`) + flow + OA receiver (before person mapping), as a
 * compare-and-set value in namespace `todo-record:["<sysCode>","<flowId>"]`, key = receiver: one
 * namespace per flow, so a batch reads every receiver of a flow in one query (`listValues`) and a
 * `delete_flow` finds all of them.
 *
 * Two processes pushing the same first to-do at once: each plans with the records it read, then
 * claims (`claimTodos`: insert-if-absent of a key naming the record version it read, so exactly one
 * claimer wins per version). The loser plans again as if the to-do were on record; the winner
 * pushes, then `confirmPush` writes the record (compare-and-set, retried on conflict), or, if the
 * delivery failed, `releaseTodoClaim` so a retry can claim again. Claims are not forgotten after a
 * confirm: they run out after `ttlMs`, and the record holds from then on.
 */
import type { StateStore } from '../../store/types';
import type { TodoEvent, TodoOperation, TodoRecord } from '../types';

/** A claim outlives the slowest delivery it covers (retries included): an hour unless told. */
export const defaultClaimTtlMs = 60 * 60 * 1000;
const claimNamespace = 'todo-claim';
const casAttempts = 20;

/** A record as read, with its version for compare-and-set. */
export interface RecordEntry {
	record: TodoRecord;
	version: number;
}

/** Records of one target by `personKey(flowId, receiver)`; an absent key: nothing pushed yet. */
export type RecordBook = ReadonlyMap<string, RecordEntry>;

/** One person's first to-do over the record version that was read (null: no record). */
export interface TodoClaim {
	flowId: string;
	receiver: string;
	version: number | null;
}

/** The map key of a flow and receiver: JSON, so no separator character can make two keys meet. */
export function personKey(flowId: string, receiver: string): string {
	return JSON.stringify([flowId, receiver]);
}

function recordNamespace(sysCode: string, flowId: string): string {
	return `todo-record:${JSON.stringify([sysCode, flowId])}`;
}

function claimKey(sysCode: string, claim: TodoClaim): string {
	return JSON.stringify([sysCode, claim.flowId, claim.receiver, claim.version ?? 0]);
}

/** Whether an operation belongs to the to-do data set (seed line 175: CC is defined in 待办). */
export function isTodoOperation(operation: TodoOperation): boolean {
	return operation === 'todo' || operation === 'cc';
}

export function isDoneOperation(operation: TodoOperation): boolean {
	return operation === 'done' || operation === 'finished';
}

/**
 * OFS: `receivets` stops an older push overwriting a newer one. Decision: the newest `ts` of any
 * operation pushed for the flow and receiver counts (a target keeps one row per flow and
 * receiver), so a todo older than a pushed done is stale too; equal `ts` is not stale (a
 * compensating todo carries its done's `ts`). A `delete_flow` has no receiver and is never stale.
 */
export function isStale(record: TodoRecord | undefined, event: Pick<TodoEvent, 'operation' | 'ts'>): boolean {
	return record !== undefined && event.operation !== 'delete_flow' && event.ts < record.ts;
}

/**
 * The record after a successful push. `ts` only grows. A to-do sets `todoPushed`, a done or
 * finished `donePushed`. Decision: a delete (not older than the record) clears both, because
 * the target holds nothing any more and a later todo (the flow came back) is new, not a
 * duplicate; `ts` stays, so an older todo still arriving is stale. Ids an adapter keeps are
 * merged, the newer push's winning.
 */
export function mergePush(record: TodoRecord | undefined, push: { operation: TodoOperation; ts: number; keep?: Record<string, string> }): TodoRecord {
	const before: TodoRecord = record ?? { todoPushed: false, donePushed: false, ts: push.ts };
	const newer = push.ts >= before.ts;
	const targetIds = newer ? { ...before.targetIds, ...push.keep } : { ...push.keep, ...before.targetIds };
	const merged: TodoRecord = { todoPushed: before.todoPushed, donePushed: before.donePushed, ts: Math.max(before.ts, push.ts) };
	if (isTodoOperation(push.operation)) merged.todoPushed = true;
	if (isDoneOperation(push.operation)) merged.donePushed = true;
	if ((push.operation === 'delete_user' || push.operation === 'delete_flow') && newer) {
		merged.todoPushed = false;
		merged.donePushed = false;
	}
	if (Object.keys(targetIds).length > 0) merged.targetIds = targetIds;
	return merged;
}

/** Reads the records of every receiver of the given flows, a few flows at a time. */
export async function readTodoRecords(store: StateStore, sysCode: string, flowIds: Iterable<string>, concurrency = 4): Promise<Map<string, RecordEntry>> {
	const flows = [...new Set(flowIds)];
	const book = new Map<string, RecordEntry>();
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < flows.length) {
			const flowId = flows[next++];
			for (const entry of await store.listValues<TodoRecord>(recordNamespace(sysCode, flowId))) {
				book.set(personKey(flowId, entry.key), { record: entry.value, version: entry.version });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, flows.length) }, worker));
	return book;
}

/**
 * Claims the first to-do of each person. Won: this process may push it. Lost: another process
 * holds the claim for the same record version, or confirmed a to-do since the records were read
 * (checked after claiming, so a confirm that landed between the read and the claim is seen).
 */
export async function claimTodos(
	store: StateStore,
	sysCode: string,
	claims: readonly TodoClaim[],
	options: { now: number; ttlMs?: number },
): Promise<{ won: TodoClaim[]; lost: TodoClaim[] }> {
	const keys = claims.map((claim) => claimKey(sysCode, claim));
	const remembered = await store.rememberManyIfAbsent(claimNamespace, keys, options.ttlMs ?? defaultClaimTtlMs, options.now);
	const won: TodoClaim[] = [];
	const lost: TodoClaim[] = [];
	for (const [index, claim] of claims.entries()) {
		if (!remembered[index]) {
			lost.push(claim);
			continue;
		}
		const current = await store.readValue<TodoRecord>(recordNamespace(sysCode, claim.flowId), claim.receiver);
		if (current !== undefined && current.version !== claim.version && current.value.todoPushed) {
			await store.forget(claimNamespace, keys[index]);
			lost.push(claim);
		} else {
			won.push(claim);
		}
	}
	return { won, lost };
}

/** Gives a claim back after its to-do could not be delivered, so a retry (this run's or another's) can claim it. */
export async function releaseTodoClaim(store: StateStore, sysCode: string, claim: TodoClaim): Promise<void> {
	await store.forget(claimNamespace, claimKey(sysCode, claim));
}

/**
 * Writes what a successful push means to its record (compare-and-set, read again on conflict).
 * A `delete_flow` updates every receiver of the flow. Returns the record(s) as written.
 */
export async function confirmPush(
	store: StateStore,
	sysCode: string,
	push: Pick<TodoEvent, 'operation' | 'flowId' | 'receiver' | 'ts'> & { keep?: Record<string, string> },
): Promise<TodoRecord[]> {
	const namespace = recordNamespace(sysCode, push.flowId);
	const receivers = push.operation === 'delete_flow' ? (await store.listValues<TodoRecord>(namespace)).map((entry) => entry.key) : [push.receiver];
	const written: TodoRecord[] = [];
	for (const receiver of receivers) written.push(await writeMerged(store, namespace, receiver, push));
	return written;
}

async function writeMerged(store: StateStore, namespace: string, receiver: string, push: { operation: TodoOperation; ts: number; keep?: Record<string, string> }): Promise<TodoRecord> {
	for (let attempt = 0; attempt < casAttempts; attempt++) {
		const current = await store.readValue<TodoRecord>(namespace, receiver);
		const merged = mergePush(current?.value, push);
		if ((await store.compareAndSet(namespace, receiver, merged, current?.version ?? null)) !== undefined) return merged;
	}
	throw new Error(`The to-do record of ${namespace} for receiver ${receiver} changed under each of ${casAttempts} writes; try again`);
}

/** The book as if each lost claim's to-do were on record (another process is pushing it). */
export function withTodosOnRecord(book: RecordBook, claims: readonly TodoClaim[]): Map<string, RecordEntry> {
	const marked = new Map(book);
	for (const claim of claims) {
		const key = personKey(claim.flowId, claim.receiver);
		const entry = marked.get(key);
		const record: TodoRecord = entry ? { ...entry.record, todoPushed: true } : { todoPushed: true, donePushed: false, ts: Number.NEGATIVE_INFINITY };
		marked.set(key, { record, version: entry?.version ?? 0 });
	}
	return marked;
}
