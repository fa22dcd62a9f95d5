/**
 * The event catalogs: codes, Chinese and English names and family of every event the trigger nodes
 * receive. One source of truth for node descriptions, docs/events.md and the tests.
 */
import { approvalEvents } from './hesiApproval';
import { businessObjectEvents } from './hesiBusinessObject';
import { ebotEvents } from './hesiEbot';
import { internalMessageEvents } from './hesiInternalMessage';
import { loanEvents } from './hesiLoan';
import { messageCenterEvents } from './hesiMessageCenter';
import { jiandaoyunDataPushEvents, jiandaoyunFlowActions, jiandaoyunMessageEvents } from './jiandaoyun';
import { ofsTodoEvents } from './ofsTodo';
import { e10TodoEvents } from './e10Todo';
import type { EventDefinition, EventFamily } from './types';

export * from './types';
export * from './hesiApproval';
export * from './hesiBusinessObject';
export * from './hesiEbot';
export * from './hesiInternalMessage';
export * from './hesiLoan';
export * from './hesiMessageCenter';
export * from './jiandaoyun';
export * from './ofsTodo';
export * from './e10Todo';
export * from './samples';

/** Every catalog by family. */
export const eventCatalogs: Readonly<Record<EventFamily, readonly EventDefinition[]>> = {
	hesiApproval: approvalEvents,
	hesiBusinessObject: businessObjectEvents,
	hesiMessageCenter: messageCenterEvents,
	hesiEbot: ebotEvents,
	hesiLoan: loanEvents,
	hesiInternalMessage: internalMessageEvents,
	jiandaoyunMessage: jiandaoyunMessageEvents,
	jiandaoyunFlowAction: jiandaoyunFlowActions,
	jiandaoyunDataPush: jiandaoyunDataPushEvents,
	ofsTodo: ofsTodoEvents,
	e10Todo: e10TodoEvents,
};

/** The event with this code in one family's catalog. */
export function findEvent(family: EventFamily, code: string): EventDefinition | undefined {
	return eventCatalogs[family].find((event) => event.code === code);
}
