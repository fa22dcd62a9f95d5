import type { IExecuteFunctions } from 'n8n-workflow';

import type { DeliveryRecord } from '../shared/delivery';

/**
 * n8n's custom execution data (Executions list → filter by custom data): what this run delivered,
 * so an execution can be found by message id, flow id or outcome. n8n keeps at most 10 keys per
 * execution (a key beyond that is dropped), keys of letters, digits and `_` up to 50 characters,
 * values up to 255 characters; this node sets 6.
 */

export const customDataValueLimit = 255;

export type RunOutcome = 'succeeded' | 'partly failed' | 'failed' | 'held';

/** `succeeded` when every item was delivered, `held` when every item was held, `failed` when none was delivered, else `partly failed`. */
export function runOutcomeOf(records: ReadonlyArray<Pick<DeliveryRecord, 'status'>>): RunOutcome {
	let succeeded = 0;
	let held = 0;
	for (const record of records) {
		if (record.status === 'succeeded') succeeded++;
		else if (record.status === 'held') held++;
	}
	if (succeeded === records.length) return 'succeeded';
	if (held === records.length) return 'held';
	return succeeded === 0 ? 'failed' : 'partly failed';
}

export interface RunSummary {
	records: ReadonlyArray<Pick<DeliveryRecord, 'status' | 'messageId' | 'event'>>;
	source: string;
	/** The first item's flow / document id, if it has one. */
	flowId: string | null;
}

export function customDataOf({ records, source, flowId }: RunSummary): Record<string, string> {
	const first = records[0];
	const data: Record<string, string> = {
		messageId: first?.messageId ?? '',
		messageCount: String(records.length),
		source,
		event: first?.event ?? '',
		flowId: flowId ?? '',
		outcome: runOutcomeOf(records),
	};
	for (const key in data) data[key] = data[key].slice(0, customDataValueLimit);
	return data;
}

/** Sets the run's custom data; a context without it (or n8n refusing a value) never fails the deliveries. */
export function setCustomData(context: IExecuteFunctions, summary: RunSummary): void {
	if (summary.records.length === 0) return;
	try {
		context.customData?.setAll(customDataOf(summary));
	} catch {
		// n8n throws here only in manual runs, for a key or value it refuses: the deliveries stand.
	}
}
