/**
 * Unified Todo Triggers as separate n8n processes, for the store tests (n8nWebhookStore.test.ts,
 * n8nWebhookSlowStore.test.ts): each node is loaded from a fresh copy of the package's modules
 * (jest.isolateModules), so it has its own delivery memory and its own store cache, as in a process
 * of its own. `trackTriggerProcesses()` registers an afterEach that closes what a test opened.
 */
import type { IDataObject } from 'n8n-workflow';

import { ofsTodoSample } from '../../../../nodes/shared/events';
import type { UnifiedTodoTrigger } from '../../../../nodes/UnifiedTodoTrigger/UnifiedTodoTrigger.node';
import { emittedItems, startTriggerHarness, type HarnessOptions, type TriggerHarness } from './webhookHarness';

export interface TriggerProcesses {
	/** Starts a trigger node in a process of its own (empty memory, its own store handles). */
	start(options: HarnessOptions): Promise<TriggerHarness>;
	/** Something else to close after the test (a store handle of the test's own, a held lock). */
	closers: Array<() => Promise<void>>;
}

export function trackTriggerProcesses(): TriggerProcesses {
	const harnesses: TriggerHarness[] = [];
	const closers: Array<() => Promise<void>> = [];
	afterEach(async () => {
		await Promise.all(harnesses.splice(0).map(async (harness) => await harness.close()));
		await Promise.all(closers.splice(0).map(async (close) => await close()));
	});
	const nodeInNewProcess = (): UnifiedTodoTrigger => {
		let node: UnifiedTodoTrigger | undefined;
		jest.isolateModules(() => {
			/* eslint-disable @typescript-eslint/no-require-imports */
			const fresh = require('../../../../nodes/UnifiedTodoTrigger/UnifiedTodoTrigger.node') as { UnifiedTodoTrigger: new () => UnifiedTodoTrigger };
			const cache = require('../../../../nodes/shared/store/storeCache') as { closeCachedStateStores: () => Promise<void> };
			/* eslint-enable @typescript-eslint/no-require-imports */
			node = new fresh.UnifiedTodoTrigger();
			closers.push(cache.closeCachedStateStores);
		});
		return node as UnifiedTodoTrigger;
	};
	return {
		closers,
		start: async (options) => {
			const harness = await startTriggerHarness(nodeInNewProcess(), options);
			harnesses.push(harness);
			return harness;
		},
	};
}

/** An OFS to-do push for `flowid`, as the e-cology OA sends it. */
export const ofsPush = (flowid: string) => ({ name: 'ReceiveRequestInfoByJson', body: JSON.stringify({ ...ofsTodoSample('todo'), flowid }) });

/** The delivery id the trigger gave the event it emitted. */
export function deliveryIdOf(call: Awaited<ReturnType<TriggerHarness['send']>>): string {
	const event = emittedItems(call)?.[0]?.event as IDataObject | undefined;
	if (typeof event?.deliveryId !== 'string') throw new Error(`no delivery id in ${JSON.stringify(call)}`);
	return event.deliveryId;
}
