import type { DeliveryMemory } from './types';

/**
 * The delivery memory of each trigger node as this process last wrote it.
 *
 * Why it exists: n8n loads a workflow's static data from the database when a request arrives and
 * saves it after answering, so requests handled at the same moment (a sender's retry racing its
 * original, 16 clients at once) each see a copy without the others' keys, and each save overwrites
 * the others'. Checking this per-process copy as well closes that gap within one process (the check
 * and the update happen in one synchronous step), and writing the merged memory back makes the saved
 * static data converge. Several webhook processes (queue mode) still only share what reached the
 * database; the state store of a later issue replaces both.
 *
 * Bounded: at most `maxNodes` trigger nodes, the least recently used forgotten first; each memory is
 * itself bounded by the node's Remembered Deliveries setting.
 */
export class RecentDeliveries {
	private readonly byNode = new Map<string, DeliveryMemory>();

	constructor(private readonly maxNodes = 1000) {}

	get(nodeKey: string): DeliveryMemory | undefined {
		return this.byNode.get(nodeKey);
	}

	set(nodeKey: string, memory: DeliveryMemory): void {
		this.byNode.delete(nodeKey);
		this.byNode.set(nodeKey, memory);
		while (this.byNode.size > this.maxNodes) {
			const oldest = this.byNode.keys().next().value;
			if (oldest === undefined) break;
			this.byNode.delete(oldest);
		}
	}
}
