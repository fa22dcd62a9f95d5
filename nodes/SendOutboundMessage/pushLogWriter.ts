import type { IExecuteFunctions } from 'n8n-workflow';

import { type DeliveryRecord, type PushLogEntry, payloadOf, pushLogBatchSize, pushLogWrite } from '../shared/delivery';
import { hasStateStoreCredential } from '../shared/store/n8nStateStore';
import type { StateStore } from '../shared/store/types';
import type { PushLogSettings } from './settings/pushLog';

/**
 * Writes the run's push log while the run delivers: one row per item, `pushLogBatchSize` rows per
 * store call, each batch as soon as that many items have finished, so the embedded store's writer
 * thread writes beside the deliveries still in flight. A store that fails loses no delivery: the
 * items still leave by their outputs, each record saying `log: { written: false, error }`.
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
 * Takes finished items one by one and writes them in batches, one store call at a time, in order;
 * `finish()` writes the rest and resolves once every record's `log` says written or why not.
 * `openStore` is only called when there is something to write; its failure (a credential that
 * cannot be used, a file that cannot be opened) is reported on every record like a failed write.
 */
export class PushLogWriter {
	private queued: LoggedItem[] = [];

	/** The batches handed to the store so far, one after the other; never rejects. */
	private written: Promise<void> = Promise.resolve();

	private store: Promise<StateStore> | undefined;

	constructor(
		private readonly settings: PushLogSettings,
		private readonly source: string,
		private readonly openStore: () => Promise<StateStore>,
		private readonly now: () => number = Date.now,
	) {}

	add(item: LoggedItem): void {
		this.queued.push(item);
		if (this.queued.length >= pushLogBatchSize) this.writeQueued();
	}

	async finish(): Promise<void> {
		if (this.queued.length > 0) this.writeQueued();
		await this.written;
	}

	private writeQueued(): void {
		const batch = this.queued;
		this.queued = [];
		this.written = this.written.then(async () => await this.writeBatch(batch));
	}

	private async writeBatch(batch: readonly LoggedItem[]): Promise<void> {
		let store: StateStore;
		try {
			store = await (this.store ??= this.openStore());
		} catch (error) {
			const log = { written: false, error: messageOf(error) };
			for (const item of batch) item.record.log = log;
			return;
		}
		let log: DeliveryRecord['log'];
		try {
			const writes = batch.map((item) => {
				const entry: PushLogEntry = {
					record: item.record,
					payload: payloadOf(item.json),
					attemptsThisRun: item.attemptsThisRun,
					flowId: this.settings.flowIdOf(item.json, item.index),
					receiver: this.settings.receiverOf(item.json, item.index),
					source: this.source,
				};
				return pushLogWrite(entry, this.settings.keepSuccessPayloads);
			});
			await store.logMessages(writes, this.now());
			log = { written: true };
		} catch (error) {
			log = { written: false, error: `The push log could not be written to the state store (${store.location}): ${messageOf(error)}` };
		}
		for (const item of batch) item.record.log = log;
	}
}
