import { targetOf } from '../delivery/deliveryRecord';
import { type MessageFilter, type MessageStatus, messageStatuses } from '../store/types';

/**
 * The push log's filters as a person fills them in (seed 002's 推送日志 and 历史数据推送: status,
 * event, receiver, flow id, target, message id, time range) turned into a store MessageFilter.
 */

export interface FilterInput {
	statuses?: readonly string[];
	/** Lists: comma- or line-separated text, or arrays (an expression may return either). */
	events?: unknown;
	receivers?: unknown;
	flowIds?: unknown;
	targets?: unknown;
	messageIds?: unknown;
	/** ISO date-times (or anything Date.parse reads), on the row's last update. */
	updatedFrom?: unknown;
	updatedTo?: unknown;
	/** `any`, `queued` (waiting for a re-push) or `notQueued`. */
	queued?: string;
}

export class FilterError extends Error {}

/** A list from text (`a, b` or one a line) or an array; empty entries dropped, duplicates too. */
export function listOf(value: unknown): string[] {
	const entries = Array.isArray(value) ? value.flatMap((entry) => listOf(entry)) : value === undefined || value === null ? [] : String(value).split(/[,\n\r]+/);
	return [...new Set(entries.map((entry) => entry.trim()).filter((entry) => entry !== ''))];
}

function timeOf(value: unknown, label: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	const at = Date.parse(String(value));
	if (!Number.isFinite(at)) throw new FilterError(`"${label}" is "${String(value)}", which is not a date and time: use e.g. 2026-12-01T00:00:00+08:00`);
	return at;
}

export function messageFilterOf(input: FilterInput): MessageFilter {
	const filter: MessageFilter = {};
	const statuses = (input.statuses ?? []).filter((status) => status !== '');
	for (const status of statuses) {
		if (!(messageStatuses as readonly string[]).includes(status)) {
			throw new FilterError(`"Status" has "${status}", which is not a push status: use ${messageStatuses.join(', ')}`);
		}
	}
	if (statuses.length > 0) filter.statuses = statuses as MessageStatus[];
	const lists: Array<[keyof FilterInput & keyof MessageFilter, unknown]> = [
		['events', input.events],
		['receivers', input.receivers],
		['flowIds', input.flowIds],
		['targets', input.targets],
		['messageIds', input.messageIds],
	];
	for (const [key, value] of lists) {
		let list = listOf(value);
		// Targets are recorded as targetOf() writes them (`http://host:port/` for a bare address): a
		// target typed as the node's Server Address or URL was, trailing slash or not, finds its rows.
		if (key === 'targets') list = list.map((target) => targetOf(target) ?? target);
		if (list.length > 0) (filter as Record<string, unknown>)[key] = list;
	}
	const from = timeOf(input.updatedFrom, 'Updated From');
	const to = timeOf(input.updatedTo, 'Updated Before');
	if (from !== undefined && to !== undefined && from >= to) {
		throw new FilterError('"Updated From" is not before "Updated Before": the time range is empty');
	}
	if (from !== undefined) filter.updatedFrom = from;
	if (to !== undefined) filter.updatedTo = to;
	if (input.queued === 'queued') filter.queued = true;
	else if (input.queued === 'notQueued') filter.queued = false;
	return filter;
}

/** True when the filter matches every row (Delete refuses it: Purge is for clearing by age). */
export function isEmptyFilter(filter: MessageFilter): boolean {
	return Object.values(filter).every((value) => value === undefined || (Array.isArray(value) && value.length === 0));
}
