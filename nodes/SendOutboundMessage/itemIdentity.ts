import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { targetOf } from '../shared/delivery';
import type { ParameterReader } from './parameterReader';

/**
 * What the record of an item names when its settings could not be read, and whether a run is the
 * seed's "test and save".
 */

/**
 * The seed's "test and save": run by hand with nothing coming in (n8n then passes one empty item),
 * the node sends a sample message for the chosen event instead.
 */
export function isTestRun(context: IExecuteFunctions, items: INodeExecutionData[]): boolean {
	if (context.getMode() !== 'manual') return false;
	if (items.length === 0) return true;
	return items.length === 1 && Object.keys(items[0].json).length === 0 && items[0].binary === undefined;
}

/**
 * The target of an item whose settings could not be read (another setting is invalid): the item's
 * request.url or the node's URL, as the request would have used; null when neither can be called.
 */
export function targetWithoutSettings(params: ParameterReader, json: IDataObject, index: number): string | null {
	try {
		const request = json.request as { url?: unknown } | undefined;
		const itemUrl =
			params.get<unknown>('bodySource', index, 'request') === 'request' && request && typeof request === 'object' && typeof request.url === 'string' && request.url.trim() !== ''
				? request.url
				: undefined;
		return targetOf(itemUrl ?? String(params.get<unknown>('url', index, '') ?? ''));
	} catch {
		return null;
	}
}

/** The event of an item whose settings could not be read: the Event parameter, or an earlier record's. */
export function eventWithoutSettings(params: ParameterReader, json: IDataObject, index: number): string | null {
	try {
		const event = String(params.get<unknown>('event', index, '') ?? '').trim();
		if (event !== '') return event;
	} catch {
		// An Event expression that fails: fall back to the earlier record.
	}
	const earlier = (json.delivery as { event?: unknown } | undefined)?.event;
	return typeof earlier === 'string' ? earlier : null;
}
