import { mapWithConcurrency } from '../delivery/boundedConcurrency';
import type { StateStore } from '../store/types';
import { type ItemOutcome, type ItemPlan, type PushRecords, type TodoPushContext, pushItem } from './pushTodos';
import { type BatchPlan, type PlanStep, type RecordEntry, type RuleSettings, type TodoClaim, confirmPush, personKey, planAndClaim, releaseTodoClaim, unmappedTargetEvent } from './rules';
import type { TargetEvent, TodoEvent, TodoRecord } from './types';

/**
 * One run of Unified Todo Push over its input items: the rules plan the batch against the records
 * in the state store (seed 002's order: interception, duplicate filter, stale check, compensation),
 * each planned to-do is made the target's (`prepare`: person mapping and address templates), and
 * the items are pushed. Items of one flow go one after another in input order (a done must not
 * overtake its to-do, and a flow's records are updated as each push ends); different flows go in
 * parallel, up to `concurrency`.
 */

export interface TodoBatch {
	/** Item i's to-do, or why it could not be read (`problems[i]`). */
	events: ReadonlyArray<TodoEvent | undefined>;
	problems: ReadonlyArray<string | undefined>;
	rules: RuleSettings;
	store: StateStore;
	/** The to-do as the target gets it; throws an Error (the item fails with its message). */
	prepare: (event: TodoEvent & { compensated: boolean }, itemIndex: number) => TargetEvent;
	context: Omit<TodoPushContext, 'records'>;
	concurrency: number;
	now: number;
	/** Message ids for items that never became a to-do. */
	newMessageId: () => string;
}

type PushStep = Extract<PlanStep, { action: 'push' }>;

/** Records of the run, kept current as pushes end (the store is written by `confirmPush`). */
class LiveRecords {
	private readonly records = new Map<string, TodoRecord>();

	/** The claims that have had a push go through: not released when a later push under them fails. */
	private readonly used = new Set<TodoClaim>();

	constructor(
		book: ReadonlyMap<string, RecordEntry>,
		private readonly store: StateStore,
		private readonly sysCode: string,
	) {
		for (const [key, entry] of book) this.records.set(key, entry.record);
	}

	/** The PushRecords of one step: it knows the step's claim. */
	forStep(step: PushStep | undefined): PushRecords {
		return {
			recordOf: (event) => this.records.get(personKey(event.flowId, event.oaReceiver)),
			pushed: async (event, kept) => {
				if (step?.claim) this.used.add(step.claim);
				const written = await confirmPush(this.store, this.sysCode, { operation: event.operation, flowId: event.flowId, receiver: event.oaReceiver, ts: event.ts, keep: kept });
				if (event.operation === 'delete_flow') {
					for (const key of [...this.records.keys()]) if ((JSON.parse(key) as string[])[0] === event.flowId) this.records.delete(key);
				} else if (written[0]) {
					this.records.set(personKey(event.flowId, event.oaReceiver), written[0]);
				}
			},
			notPushed: async () => await this.release(step),
		};
	}

	/** Lets a later push take the step's claim again, unless a push under it went through. */
	async release(step: PushStep | undefined): Promise<void> {
		if (step?.claim && !this.used.has(step.claim)) await releaseTodoClaim(this.store, this.sysCode, step.claim);
	}
}

/** The steps of each item, in plan order (a compensating to-do before its done). */
function stepsByItem(plan: BatchPlan, count: number): PlanStep[][] {
	const byItem: PlanStep[][] = Array.from({ length: count }, () => []);
	for (const step of plan.steps) byItem[step.itemIndex].push(step);
	return byItem;
}

export async function runTodoBatch(batch: TodoBatch): Promise<ItemOutcome[]> {
	const { events, context } = batch;
	const plan = await planAndClaim(batch.store, context.target.sysCode, events, batch.rules, { now: batch.now });
	const live = new LiveRecords(plan.book, batch.store, context.target.sysCode);
	const steps = stepsByItem(plan, events.length);

	const runItem = async (index: number): Promise<ItemOutcome> => {
		const problem = batch.problems[index];
		const fallbackId = batch.newMessageId;
		if (problem !== undefined || events[index] === undefined) {
			return await pushItem({ kind: 'fail', message: problem ?? 'The item holds no to-do' }, { ...context, records: live.forStep(undefined) }, fallbackId);
		}
		const own = steps[index];
		const ignored = own.find((step) => step.action === 'ignore');
		let prepared: TargetEvent[];
		try {
			prepared = own.flatMap((step) => (step.action === 'push' ? [batch.prepare({ ...step.event, compensated: step.compensated }, index)] : []));
		} catch (error) {
			const plan: ItemPlan = { kind: 'fail', message: (error as Error).message };
			for (const step of own) if (step.action === 'push') await live.release(step);
			return await pushItem(plan, { ...context, records: live.forStep(undefined) }, fallbackId);
		}
		if (ignored?.action === 'ignore') {
			// Not mapped: an ignored to-do is not sent, and a receiver missing from the mapping must not fail it.
			const event = unmappedTargetEvent(events[index] as TodoEvent);
			return await pushItem({ kind: 'ignore', reason: ignored.reason, message: ignored.message, event }, { ...context, records: live.forStep(undefined) }, fallbackId);
		}
		const pushSteps = own.filter((step): step is PushStep => step.action === 'push');
		// Each event's records know its own step's claim.
		const stepOf = new Map(prepared.map((event, position) => [event, pushSteps[position]]));
		const records: PushRecords = {
			recordOf: (event) => live.forStep(stepOf.get(event)).recordOf(event),
			pushed: async (event, kept) => await live.forStep(stepOf.get(event)).pushed(event, kept),
			notPushed: async (event) => await live.forStep(stepOf.get(event)).notPushed(event),
		};
		return await pushItem({ kind: 'push', events: prepared }, { ...context, records }, fallbackId);
	};

	// One lane per flow: its items in input order; lanes in parallel.
	const lanes = new Map<string, number[]>();
	events.forEach((event, index) => {
		const lane = event ? `flow:${event.flowId}` : `item:${index}`;
		lanes.set(lane, [...(lanes.get(lane) ?? []), index]);
	});
	const outcomes: ItemOutcome[] = new Array<ItemOutcome>(events.length);
	const laneList = [...lanes.values()];
	await mapWithConcurrency(laneList.length, batch.concurrency, async (laneIndex) => {
		for (const index of laneList[laneIndex]) outcomes[index] = await runItem(index);
	});
	return outcomes;
}
