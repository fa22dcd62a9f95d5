/**
 * The rules over one batch (the node's input items, in order; seed 002 特殊数据处理, lines 171-199):
 * interception first (seed line 285: 业务拦截优先级>>重复过滤), then the duplicate filter, the stale
 * check (OFS `receivets`), and the missing-data compensation, against the records of earlier
 * batches (todoRecords.ts) and what this batch has planned so far. The result is an ordered plan
 * of pushes and ignores, each naming its input item; a done may bring a compensating todo before
 * its own push. `planBatch` is pure; `planAndClaim` reads the records, claims and re-plans.
 *
 * "Person" in the seed (同一个人, 兼职身份 included) is one flow and one OA receiver here: the
 * seed's cache key (唯一标识) is per flow and person, and a batch may hold many flows.
 *
 * Duplicate filter (重复数据过滤, only the to-do data set: todo, and cc per seed line 175):
 *   (a) line 177: a to-do for a flow and receiver with a to-do on record → Ignored `duplicate`;
 *   (b) line 179: several to-dos of one person in one batch all go (the filter is across batches,
 *       line 185: 过滤数据只针对不同批次相同的唯一标识);
 *   (c) line 181: a batch holding a person's done (or finished) and to-dos: only the first to-do
 *       goes, the others are Ignored `duplicate`. Decision: the done goes too (the seed filters
 *       to-dos only, line 173), in batch order;
 *   (d) line 183: across batches one to-do per person, the first; later ones Ignored. Decision:
 *       as line 185 says, even after a done; only a pushed delete clears the record (todoRecords.ts).
 * Compensation (缺失数据补偿, only done and finished), when no to-do is on record:
 *   (a) line 193: a done pushes a copy of itself as a todo first (`compensated`), then itself;
 *   (b) line 195: several dones of one person in one batch: one compensating todo before each;
 *       a to-do on record: none;
 *   (c) line 197: a done and a todo of one person: one compensating todo first, then the batch's
 *       done and todo. Decision: a done is paired with a to-do of this batch that came before it
 *       and is not paired yet, and then needs no compensation (a batch [todo, done] goes as is):
 *       line 199 asks one todo per done, and that earlier todo already is the done's;
 *   (d) line 199: across batches each person ends with one todo per done: a later batch finds the
 *       to-do on record and compensates nothing.
 * Decision, both switches on: a compensating todo does not count as the batch's to-do for
 * duplicate (c), so line 197's "then the batch's done and todo" holds.
 */
import type { StateStore } from '../../store/types';
import type { IgnoredReason, TodoEvent, TodoRecord } from '../types';
import { intercept, noInterception, type InterceptionSettings } from './interception';
import { claimTodos, isDoneOperation, isStale, isTodoOperation, personKey, readTodoRecords, withTodosOnRecord, type RecordBook, type TodoClaim } from './todoRecords';

export interface RuleSettings {
	interception: InterceptionSettings;
	/** 重复数据过滤, off by default (seed line 171). */
	duplicateFilter: boolean;
	/** 缺失数据补偿, off by default (seed line 189). */
	compensation: boolean;
}

export const defaultRuleSettings: RuleSettings = { interception: noInterception, duplicateFilter: false, compensation: false };

export type PlanStep =
	| {
			action: 'push';
			itemIndex: number;
			event: TodoEvent;
			/** A todo synthesised before a done (TargetEvent.compensated). */
			compensated: boolean;
			/** Pushed only because no to-do was on record: the claim this process must hold (see planAndClaim). */
			claim?: TodoClaim;
			/** Index in `steps` of the compensating todo that must succeed first; if it fails, this push fails too. */
			after?: number;
	  }
	| { action: 'ignore'; itemIndex: number; reason: IgnoredReason; message: string };

export interface BatchPlan {
	steps: PlanStep[];
	/** Distinct claims of the plan's steps. */
	claims: TodoClaim[];
}

interface PersonState {
	flowId: string;
	receiver: string;
	version: number | null;
	/** A to-do on record from an earlier batch (and no delete of this batch since). */
	todoOnRecord: boolean;
	ts: number;
	/** The batch's own to-dos planned, and those not paired with a done yet. */
	batchTodos: number;
	unpaired: number;
	/** The batch holds a done or finished of this person that is not intercepted (duplicate (c)). */
	doneInBatch: boolean;
	claim?: TodoClaim;
}

/**
 * Plans one batch. `events[i]` is input item i (undefined: the item failed before the rules and
 * is not planned). `book` holds the records of the batch's flows.
 */
export function planBatch(events: readonly (TodoEvent | undefined)[], book: RecordBook, settings: RuleSettings): BatchPlan {
	const steps: PlanStep[] = [];
	const people = new Map<string, PersonState>();
	const stateOf = (flowId: string, receiver: string): PersonState => {
		const key = personKey(flowId, receiver);
		let state = people.get(key);
		if (state === undefined) {
			const entry = book.get(key);
			state = { flowId, receiver, version: entry?.version ?? null, todoOnRecord: entry?.record.todoPushed ?? false, ts: entry?.record.ts ?? Number.NEGATIVE_INFINITY, batchTodos: 0, unpaired: 0, doneInBatch: false };
			people.set(key, state);
		}
		return state;
	};
	const claimFor = (state: PersonState): TodoClaim => (state.claim ??= { flowId: state.flowId, receiver: state.receiver, version: state.version });

	const verdicts = events.map((event) => (event === undefined ? undefined : intercept(event, settings.interception)));
	events.forEach((event, index) => {
		if (event !== undefined && !verdicts[index]?.intercepted && isDoneOperation(event.operation)) stateOf(event.flowId, event.receiver).doneInBatch = true;
	});

	events.forEach((event, itemIndex) => {
		const verdict = verdicts[itemIndex];
		if (event === undefined || verdict === undefined) return;
		if (verdict.intercepted) {
			steps.push({ action: 'ignore', itemIndex, reason: verdict.reason, message: verdict.message });
			return;
		}
		const ignore = (reason: IgnoredReason, message: string): void => void steps.push({ action: 'ignore', itemIndex, reason, message });
		const push = (extra: Partial<Extract<PlanStep, { action: 'push' }>> = {}): void => void steps.push({ action: 'push', itemIndex, event, compensated: false, ...extra });

		if (event.operation === 'delete_flow') {
			for (const key of book.keys()) {
				const [flowId, receiver] = JSON.parse(key) as [string, string];
				if (flowId === event.flowId) stateOf(flowId, receiver);
			}
			for (const state of people.values()) if (state.flowId === event.flowId) cleared(state, event.ts);
			push();
			return;
		}
		const state = stateOf(event.flowId, event.receiver);
		const who = `flow ${event.flowId} and receiver ${event.receiver}`;
		const stale = (): boolean => isStale({ todoPushed: false, donePushed: false, ts: state.ts }, event);
		const staleMessage = (): string => `ts ${event.ts} is older than ts ${state.ts} already pushed for ${who} (an older push never overwrites a newer one)`;

		if (isTodoOperation(event.operation)) {
			if (settings.duplicateFilter && state.todoOnRecord) {
				return ignore('duplicate', `duplicate filter (特殊数据处理-重复数据过滤): a to-do for ${who} was pushed in an earlier batch`);
			}
			if (settings.duplicateFilter && state.doneInBatch && state.batchTodos > 0) {
				return ignore('duplicate', `duplicate filter (特殊数据处理-重复数据过滤): this batch holds a done for ${who}, and only its first to-do is pushed`);
			}
			if (stale()) return ignore('stale', staleMessage());
			push(settings.duplicateFilter && !state.todoOnRecord ? { claim: claimFor(state) } : {});
			state.batchTodos++;
			state.unpaired++;
			state.ts = Math.max(state.ts, event.ts);
			return;
		}
		if (stale()) return ignore('stale', staleMessage());
		if (isDoneOperation(event.operation)) {
			let after: number | undefined;
			if (settings.compensation && !state.todoOnRecord) {
				if (state.unpaired > 0) {
					state.unpaired--;
				} else {
					after = steps.length;
					steps.push({ action: 'push', itemIndex, event: compensatingTodo(event), compensated: true, claim: claimFor(state) });
				}
			}
			push(after === undefined ? {} : { after });
		} else {
			push();
			cleared(state, event.ts);
		}
		state.ts = Math.max(state.ts, event.ts);
	});

	const claims = new Set<TodoClaim>();
	for (const step of steps) if (step.action === 'push' && step.claim) claims.add(step.claim);
	return { steps, claims: [...claims] };
}

/** Seed line 193: 将当前数据复制生成一个待办数据 (the done copied as a todo), with the done's `ts`. */
export function compensatingTodo(done: TodoEvent): TodoEvent {
	return { ...done, operation: 'todo' };
}

/** A delete of this batch: the target holds nothing for the person any more (see mergePush). */
function cleared(state: PersonState, ts: number): void {
	if (ts < state.ts) return;
	state.todoOnRecord = false;
	state.batchTodos = 0;
	state.unpaired = 0;
}

/**
 * Reads the records of the batch's flows, plans, and claims the first to-dos the plan relies on.
 * A claim lost to another process means that process is pushing that to-do: the batch is planned
 * again as if it were on record (duplicates become Ignored, compensations are dropped), so every
 * claim of the returned plan is held by this call. Deliver the steps in order; after each
 * successful push `confirmPush`; when a claimed to-do fails (and no other to-do of its claim went),
 * `releaseTodoClaim`.
 */
export async function planAndClaim(
	store: StateStore,
	sysCode: string,
	events: readonly (TodoEvent | undefined)[],
	settings: RuleSettings,
	options: { now: number; claimTtlMs?: number },
): Promise<BatchPlan & { /** The records as read (what adapters see; see recordForStep). */ book: RecordBook }> {
	const flows = events.flatMap((event) => (event ? [event.flowId] : []));
	const book: RecordBook = await readTodoRecords(store, sysCode, flows);
	const plan = planBatch(events, book, settings);
	if (plan.claims.length === 0) return { ...plan, book };
	const { lost } = await claimTodos(store, sysCode, plan.claims, { now: options.now, ttlMs: options.claimTtlMs });
	return { ...(lost.length > 0 ? planBatch(events, withTodosOnRecord(book, lost), settings) : plan), book };
}

/** The record an adapter sees for a step (e.g. DingTalk's task id), from the book the plan was made with. */
export function recordForStep(book: RecordBook, step: Extract<PlanStep, { action: 'push' }>): TodoRecord | undefined {
	return book.get(personKey(step.event.flowId, step.event.receiver))?.record;
}
