import { randomBytes } from 'node:crypto';

import type { DeliveryJournal } from './deliveryJournal';
import { DeliveryMemory } from './deliveryMemory';
import { savedCopyOf, storeDeliveries, type StoredDeliveries } from './storedDeliveries';

/**
 * The delivery memory of each trigger node in this process, and when to save it to the workflow's
 * static data.
 *
 * Why it exists: n8n loads a workflow's static data from the database when a request arrives and
 * saves it after answering, so requests handled at the same moment (a sender's retry racing its
 * original, 16 clients at once) each see a copy without the others' keys, and each save overwrites
 * the others'. One memory per node in the process closes that gap within one process (the check and
 * the update happen in one synchronous step). The static data only has to carry keys across restarts
 * and between processes (queue mode): it is written from the memory at most once a `saveIntervalMs`
 * (each write is a database update in n8n's request path), always the whole, so the saved copy
 * converges; and it is merged into the memory only when it holds a copy this memory does not include
 * yet (storedDeliveries.ts: writer and revision), so a request costs O(1), not O(keys). The state
 * store of a later issue replaces both.
 *
 * n8n 2.41.1 drops the static data written while handling a request that starts an execution
 * (deliveryJournal.ts says why), so accepted deliveries are also appended to a journal file before
 * the answer (`journal`), read back when a node's memory is created (after a restart); and a save
 * taken while accepting is not counted as written (`takeDueSave(…, { confirmed: false })`), so the
 * next request that starts no execution writes the static data again.
 *
 * Bounded: at most `maxNodes` trigger nodes, the least recently used forgotten first; each memory is
 * itself bounded by the node's Remembered Deliveries setting.
 */
interface NodeDeliveries {
	memory: DeliveryMemory;
	/** The latest revision of each writer's saved copy that the memory includes (merged or written). */
	included: Map<string, number>;
	/** `memory.rememberedCount` when last saved; -1: the memory holds keys the static data lacks. */
	savedCount: number;
	savedAt: number;
}

/** Writers remembered per node; beyond it the longest known is forgotten (and would merge once more). */
const maxWritersPerNode = 64;

export class RecentDeliveries {
	/** This process, in what it saves (random: a restarted process is another writer). */
	readonly writer = randomBytes(6).toString('base64url');

	private readonly byNode = new Map<string, NodeDeliveries>();

	/** Revisions count this process's saves across all nodes, so they only grow. */
	private revisions = 0;

	constructor(
		private readonly maxNodes = 1000,
		private readonly saveIntervalMs = 1000,
		readonly journal?: DeliveryJournal,
	) {}

	/**
	 * The node's memory, with the copy saved in the static data (`saved`, either format) merged in
	 * when the memory does not include it yet: at the node's first request in this process, and after
	 * another process saved. O(1) otherwise.
	 */
	memoryFor(nodeKey: string, saved: unknown, options: { nowMs: number; maxKeys: number }): DeliveryMemory {
		let entry = this.byNode.get(nodeKey);
		if (entry) {
			this.byNode.delete(nodeKey);
		} else {
			entry = { memory: new DeliveryMemory(), included: new Map(), savedCount: 0, savedAt: 0 };
			// A new memory (first request since n8n started): what the journal kept, before the static data.
			const journaled = this.journal?.read(nodeKey, options.nowMs) ?? [];
			if (journaled.length > 0) {
				entry.memory.merge(journaled, options);
				entry.savedCount = -1;
			}
		}
		this.byNode.set(nodeKey, entry);
		while (this.byNode.size > this.maxNodes) {
			const oldest = this.byNode.keys().next().value;
			if (oldest === undefined) break;
			this.byNode.delete(oldest);
		}

		const copy = savedCopyOf(saved);
		if (copy && (entry.included.get(copy.writer) ?? -1) < copy.revision) {
			if (entry.memory.merge(copy.keys(), options)) entry.savedCount = -1;
			this.include(entry, copy.writer, copy.revision);
		}
		return entry.memory;
	}

	/**
	 * What to write into the static data now, if the node's memory holds keys the static data lacks
	 * and the last write is at least `saveIntervalMs` old (then it counts as written); undefined
	 * otherwise. O(keys), at most once a `saveIntervalMs`.
	 */
	takeDueSave(nodeKey: string, nowMs: number, { confirmed = true }: { confirmed?: boolean } = {}): StoredDeliveries | undefined {
		const entry = this.byNode.get(nodeKey);
		if (!entry || entry.savedCount === entry.memory.rememberedCount || nowMs - entry.savedAt < this.saveIntervalMs) {
			return undefined;
		}
		const revision = ++this.revisions;
		this.include(entry, this.writer, revision);
		// Unconfirmed (n8n may drop it): the interval applies, but the memory still counts as unsaved.
		if (confirmed) entry.savedCount = entry.memory.rememberedCount;
		entry.savedAt = nowMs;
		return storeDeliveries(entry.memory.entries(nowMs), { writer: this.writer, revision });
	}

	/** Appends given entries of the node's memory (a request's accepted deliveries) to the journal, synchronously. */
	journalEntries(nodeKey: string, entries: Parameters<DeliveryJournal['append']>[1], options: { nowMs: number; maxKeys: number }): void {
		const entry = this.byNode.get(nodeKey);
		if (!this.journal || !entry || entries.length === 0) return;
		const memory = entry.memory;
		this.journal.append(nodeKey, entries, { ...options, memory: () => memory.entries(options.nowMs) });
	}

	/**
	 * Takes accepted deliveries back (by digest) from the node's memory and journal: n8n answered the
	 * sender with a failure instead of the success (it could not store the execution), so the sender's
	 * retry must run. The static data is written again with the next request that starts nothing.
	 */
	forget(nodeKey: string, digests: readonly string[]): void {
		const entry = this.byNode.get(nodeKey);
		if (entry) {
			for (const digest of digests) entry.memory.forget(digest);
			entry.savedCount = -1;
		}
		this.journal?.forget(nodeKey, digests);
	}

	private include(entry: NodeDeliveries, writer: string, revision: number): void {
		entry.included.delete(writer);
		entry.included.set(writer, revision);
		if (entry.included.size > maxWritersPerNode) {
			const oldest = entry.included.keys().next().value;
			if (oldest !== undefined) entry.included.delete(oldest);
		}
	}
}
