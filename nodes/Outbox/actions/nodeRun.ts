import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import type { StateStore } from '../../shared/store/types';
import { stateStoreFor } from '../../shared/store/n8nStateStore';

/**
 * What every Outbox operation shares: its store, how a store failure is worded (naming the store's
 * location and the credential), Failure items, and the run's custom execution data.
 */

export interface OutboxStore {
	store: StateStore;
	/** "the embedded file /…/state.db" or "PostgreSQL host/db/schema": for messages. */
	where: string;
	fromCredential: boolean;
}

export async function openOutboxStore(context: IExecuteFunctions): Promise<OutboxStore> {
	const { store, fromCredential } = await stateStoreFor(context);
	const where = store.kind === 'embedded' ? `the embedded file ${store.location}` : `PostgreSQL ${store.location}`;
	return { store, where, fromCredential };
}

/** Runs `run` on the node's store; a store that cannot be opened fails the run (failRun). */
export async function withOutboxStore(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (outbox: OutboxStore) => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	let outbox: OutboxStore;
	try {
		outbox = await openOutboxStore(context);
	} catch (error) {
		return failRun(context, items, error as NodeOperationError);
	}
	return run(outbox);
}

/** One answer a run (Delete, Purge, Stats): a store failure while `work` runs fails the run too, worded by storeProblem. */
export async function runOnOutboxStore(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (outbox: OutboxStore) => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	return withOutboxStore(context, items, async (outbox) => {
		try {
			return await work(outbox);
		} catch (error) {
			return failRun(context, items, storeProblem(context, outbox, error));
		}
	});
}

/**
 * A store that failed mid-operation, as the person running the workflow reads it. The cause goes
 * in the description: n8n replaces a message that holds a system error code (ECONNREFUSED, EEXIST,
 * …) with a generic sentence, which would lose the store's location.
 */
export function storeProblem(context: IExecuteFunctions, outbox: OutboxStore, error: unknown, itemIndex?: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const cause = (error as Error).message;
	const fix = outbox.fromCredential
		? 'Check the Outbound State Store credential chosen on this node (host, database, user, password) and that the server is reachable'
		: 'The embedded store lives in the n8n folder: check that n8n can write there and that the disk is not full, or choose an Outbound State Store credential';
	return new NodeOperationError(context.getNode(), `The state store (${outbox.where}) failed`, {
		itemIndex,
		description: `${cause}. ${fix}`,
	});
}

/** A problem with one item or one parameter: says which and what to do. */
export function itemProblem(context: IExecuteFunctions, error: unknown, itemIndex: number, description: string): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), (error as Error).message, { itemIndex, description });
}

/** A Failure item: the input item with `error` saying what went wrong. */
export function failureItem(item: INodeExecutionData | undefined, itemIndex: number, problem: NodeOperationError): INodeExecutionData {
	return {
		json: { ...(item?.json ?? {}), error: { message: problem.message, description: problem.description ?? null } as IDataObject },
		pairedItem: { item: itemIndex },
	};
}

/**
 * A run-level problem (the store cannot be opened, a parameter without expression is wrong): stops
 * the node, or with "On Error: Continue" puts one Failure item per input item.
 */
export function failRun(context: IExecuteFunctions, items: INodeExecutionData[], problem: NodeOperationError): INodeExecutionData[][] {
	if (!context.continueOnFail()) throw problem;
	const inputs = items.length > 0 ? items : [{ json: {} }];
	return [[], inputs.map((item, itemIndex) => failureItem(item, itemIndex, problem))];
}

/**
 * Custom execution data (Execution list → filter by "outboxOperation"). n8n keeps at most 10 keys
 * per execution (letters, digits, underscores; values cut at 255 characters) shared by all nodes:
 * two keys, the last Outbox run's.
 */
export function recordRun(context: IExecuteFunctions, operation: string, counts: Record<string, number>): void {
	try {
		context.customData.set('outboxOperation', operation);
		context.customData.set(
			'outboxCounts',
			Object.entries(counts)
				.map(([name, count]) => `${name}=${count}`)
				.join(' ')
				.slice(0, 255),
		);
	} catch {
		// Custom data is a convenience: a context without it (sub-workflow tools, older n8n) still runs.
	}
}

/** Progress lines in the editor's browser console while the workflow is run by hand. */
export function tellEditor(context: IExecuteFunctions, message: string): void {
	if (context.getMode() !== 'manual') return;
	try {
		context.sendMessageToUI(message);
	} catch {
		// No editor connected.
	}
}

/** Who claims: this execution of this node, plus a random part so two runs never share a lease. */
export function claimOwner(context: IExecuteFunctions, random: string): string {
	let execution = 'unknown';
	try {
		execution = context.getExecutionId() ?? 'unknown';
	} catch {
		// Contexts without an execution id (tests, tools) still get a unique owner from the random part.
	}
	return `${context.getNode().name}@${execution}#${random}`;
}
