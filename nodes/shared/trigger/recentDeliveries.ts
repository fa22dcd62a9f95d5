import type { DeliveryMemory } from './types';

/**
 * The delivery memory of each trigger node as this process last wrote it, and whether the
 * workflow's static data has caught up with it.
 *
 * Why it exists: n8n loads a workflow's static data from the database when a request arrives and
 * saves it after answering, so requests handled at the same moment (a sender's retry racing its
 * original, 16 clients at once) each see a copy without the others' keys, and each save overwrites
 * the others'. Checking this per-process copy as well closes that gap within one process (the check
 * and the update happen in one synchronous step). The static data is written from it at most once a
 * `saveIntervalMs` (each write is a database update in n8n's request path), always the merged whole,
 * so the saved copy converges; it only has to survive restarts. Several webhook processes (queue
 * mode) share only what reached the database; the state store of a later issue replaces both.
 *
 * Bounded: at most `maxNodes` trigger nodes, the least recently used forgotten first; each memory is
 * itself bounded by the node's Remembered Deliveries setting.
 */
interface NodeDeliveries {
	memory: DeliveryMemory;
	/** Whether `memory` holds keys the static data does not have yet. */
	unsaved: boolean;
	savedAt: number;
}

export class RecentDeliveries {
	private readonly byNode = new Map<string, NodeDeliveries>();

	constructor(
		private readonly maxNodes = 1000,
		private readonly saveIntervalMs = 1000,
	) {}

	get(nodeKey: string): DeliveryMemory | undefined {
		return this.byNode.get(nodeKey)?.memory;
	}

	/** Records the node's new memory (with a delivery added); not yet in the static data. */
	set(nodeKey: string, memory: DeliveryMemory): void {
		const savedAt = this.byNode.get(nodeKey)?.savedAt ?? 0;
		this.byNode.delete(nodeKey);
		this.byNode.set(nodeKey, { memory, unsaved: true, savedAt });
		while (this.byNode.size > this.maxNodes) {
			const oldest = this.byNode.keys().next().value;
			if (oldest === undefined) break;
			this.byNode.delete(oldest);
		}
	}

	/**
	 * The memory to write into the static data now, if it has unsaved keys and the last write is at
	 * least `saveIntervalMs` old (then it counts as written); undefined otherwise.
	 */
	takeDueSave(nodeKey: string, nowMs: number): DeliveryMemory | undefined {
		const entry = this.byNode.get(nodeKey);
		if (!entry?.unsaved || nowMs - entry.savedAt < this.saveIntervalMs) return undefined;
		entry.unsaved = false;
		entry.savedAt = nowMs;
		return entry.memory;
	}
}
