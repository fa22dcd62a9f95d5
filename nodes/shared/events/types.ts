/**
 * One entry of an event catalog. Catalogs are data: the trigger nodes' event pickers, the docs
 * (docs/events.md) and the tests all read them, so a code is written down exactly once.
 */

/** The event families of the three source systems (seed 000: Hesi, 001: Jiandaoyun, 002: OFS and E10 to-do). */
export type EventFamily =
	| 'hesiApproval'
	| 'hesiBusinessObject'
	| 'hesiMessageCenter'
	| 'hesiEbot'
	| 'hesiLoan'
	| 'hesiInternalMessage'
	| 'jiandaoyunMessage'
	| 'jiandaoyunFlowAction'
	| 'jiandaoyunDataPush'
	| 'ofsTodo'
	| 'e10Todo';

export interface EventDefinition {
	/** The code as it travels on the wire (`action`, `internalMessageNameType`, `op`, `flow_action`, …). */
	readonly code: string;
	/** The name the source system's manual uses (Chinese). */
	readonly nameZh: string;
	readonly nameEn: string;
	readonly family: EventFamily;
	/**
	 * True when the seed documents this exact code. False when the seed names the event but gives no
	 * code, and we chose one consistent with its family (the comment at the entry says why).
	 */
	readonly documentedCode: boolean;
}

/** `"<English> (<Chinese>)"`: how node pickers and docs show an event. */
export function eventDisplayName(event: EventDefinition): string {
	return `${event.nameEn} (${event.nameZh})`;
}

/** A lookup by code over one catalog; `undefined` for codes the catalog does not know. */
export function catalogLookup<T extends EventDefinition>(
	catalog: readonly T[],
): (code: string) => T | undefined {
	const byCode = new Map(catalog.map((event) => [event.code, event]));
	return (code) => byCode.get(code);
}
