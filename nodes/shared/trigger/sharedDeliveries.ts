import { createHash } from 'node:crypto';

import type { StateStore } from '../store/types';
import { deliveryDigest } from './deliveryMemory';

/**
 * A trigger node's remembered deliveries in the state store (used when the node has an Outbound State
 * Store credential): one atomic insert-if-absent per delivery, so every n8n process sharing the store
 * (webhook processes of queue mode, a restarted main) recognises a repeat at once, without the
 * in-process memory, the static data or the journal (recentDeliveries.ts), which only converge.
 *
 * What is stored is the delivery key's digest (deliveryMemory.ts), not the key: keys can be built
 * from payload fields (a user id), and the digest has a fixed length. A key lives for the node's
 * Duplicate Window; the Remembered Deliveries count bounds only the static data, which n8n loads for
 * every request, so it does not apply here (expired keys are removed by the store's purge).
 */

/**
 * The node's namespace in the store: its workflow and name, as the journal's file name (so renaming
 * the node starts a new memory in both). Hashed: a namespace of fixed length, whatever the names.
 */
export function deliveryNamespace(workflowId: string, nodeName: string): string {
	return `trigger:${createHash('sha256').update(`${workflowId}\u0000${nodeName}`, 'utf8').digest('hex').slice(0, 32)}`;
}

export class SharedDeliveries {
	constructor(
		readonly store: StateStore,
		readonly namespace: string,
	) {}

	/** True for a new delivery (now remembered for `windowSeconds`), false for a repeat within it. */
	async rememberIfNew(key: string, options: { nowMs: number; windowSeconds: number }): Promise<boolean> {
		const ttlMs = Math.max(1000, Math.round(options.windowSeconds * 1000));
		return await this.store.rememberIfAbsent(this.namespace, deliveryDigest(key), ttlMs, options.nowMs);
	}

	/** Takes a delivery back: n8n answered the sender with a failure after all, so its retry must run. */
	async forget(key: string): Promise<void> {
		await this.store.forget(this.namespace, deliveryDigest(key));
	}

	async isRemembered(key: string, nowMs: number): Promise<boolean> {
		return await this.store.isRemembered(this.namespace, deliveryDigest(key), nowMs);
	}
}
