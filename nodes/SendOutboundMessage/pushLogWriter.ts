import type { IExecuteFunctions } from 'n8n-workflow';

import { type DeliveryRecord, type PushLogEntry, payloadOf, pushLogBatchSize, pushLogWrite } from '../shared/delivery';
import { hasStateStoreCredential } from '../shared/store/n8nStateStore';
import type { StateStore } from '../shared/store/types';
import type { PushLogSettings } from './settings/pushLog';

/**
 * Writes the run's push log after delivery: one row per item, `pushLogBatchSize` rows per store
 * call. A store that fails loses no delivery: the items still leave by their outputs, each record
 * saying `log: { written: false, error }`.
 */

/** Whether this run logs: by the Push Log choice and whether a State Store credential is set on the node. */
export function pushLogWanted(context: IExecuteFunctions, settings: PushLogSettings): boolean {
	if (settings.mode === 'never') return false;
	return settings.mode === 'always' || hasStateStoreCredential(context.getNode());
}

/** `Workflow name / Node name`: where a row came from. */
export function sourceOf(context: IExecuteFunctions): string {
	const node = context.getNode().name;
	let workflow: string | undefined;
	try {
		workflow = context.getWorkflow().name;
	} catch {
		// Not every context knows its workflow (a sub-execution started by hand).
	}
	return workflow ? `${workflow} / ${node}` : node;
}

export interface LoggedItem {
	record: DeliveryRecord;
	json: Record<string, unknown>;
	index: number;
	attemptsThisRun: number;
}

/**
 * The error's own words. n8n's NodeOperationError swaps a message naming a system error code
 * (EEXIST, EACCES, …) for a generic sentence and keeps the original in `messages`: use that.
 */
function messageOf(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	// The store adapter keeps the cause in the description, where n8n leaves it alone.
	const description = (error as Error & { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') return `${error.message}: ${description}`;
	const original = (error as Error & { messages?: unknown }).messages;
	return Array.isArray(original) && typeof original.at(-1) === 'string' ? (original.at(-1) as string) : error.message;
}

/**
 * Writes the rows and marks each record's `log`. `openStore` is only called when there is
 * something to write; its failure (a credential that cannot be used, a file that cannot be opened)
 * is reported on every record like a failed write.
 */
export async function writePushLog(
	items: readonly LoggedItem[],
	settings: PushLogSettings,
	source: string,
	openStore: () => Promise<StateStore>,
	now: () => number = Date.now,
): Promise<void> {
	if (items.length === 0) return;
	let store: StateStore;
	try {
		store = await openStore();
	} catch (error) {
		const log = { written: false, error: messageOf(error) };
		for (const item of items) item.record.log = log;
		return;
	}
	for (let start = 0; start < items.length; start += pushLogBatchSize) {
		const batch = items.slice(start, start + pushLogBatchSize);
		const writes = batch.map((item) => {
			const entry: PushLogEntry = {
				record: item.record,
				payload: payloadOf(item.json),
				attemptsThisRun: item.attemptsThisRun,
				flowId: settings.flowIdOf(item.json, item.index),
				receiver: settings.receiverOf(item.json, item.index),
				source,
			};
			return pushLogWrite(entry, settings.keepSuccessPayloads);
		});
		let log: DeliveryRecord['log'];
		try {
			await store.writeMessages(writes, now());
			log = { written: true };
		} catch (error) {
			log = { written: false, error: `The push log could not be written to the state store (${store.location}): ${messageOf(error)}` };
		}
		for (const item of batch) item.record.log = log;
	}
}
