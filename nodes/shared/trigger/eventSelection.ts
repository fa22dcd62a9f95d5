import { textAtPath } from './jsonPath';
import type { EventSelection, JsonObject } from './types';

/**
 * Whether an event passes the node's selection. No events selected means every event (also those
 * whose type the payload does not name); with a selection, an event without a type never passes.
 * Value filters (flow action, object or message name) pass when they list nothing.
 */
export function isEventSelected(selection: EventSelection, type: string | undefined, payload: JsonObject): boolean {
	if (selection.events.length > 0) {
		if (type === undefined) return false;
		if (!selection.events.includes(type) && !(selection.extraEvents ?? []).includes(type)) return false;
	}
	for (const filter of selection.filters) {
		if (filter.values.length === 0) continue;
		if (filter.onlyForType !== undefined && filter.onlyForType !== type) continue;
		const value = textAtPath(payload, filter.path);
		if (value === undefined || !filter.values.includes(value.trim())) return false;
	}
	return true;
}
