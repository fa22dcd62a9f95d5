import type { INodePropertyOptions } from 'n8n-workflow';

import { eventDisplayName, type EventDefinition } from '../../shared/events/types';

/** An event catalog (nodes/shared/events) as options: its name shown, its code as the value. */
export const eventOptions = (events: readonly EventDefinition[]): INodePropertyOptions[] =>
	events.map((event) => ({ name: eventDisplayName(event), value: event.code, description: event.code }));
