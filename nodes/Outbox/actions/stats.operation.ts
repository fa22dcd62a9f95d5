import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { type StoredCircuit, circuitNamespace, storedCircuitView } from '../../shared/delivery/circuitState';
import { isoOrNull } from '../../shared/store/epochTime';
import type { FuseRecord, StateStore } from '../../shared/store/types';
import { recordRun, runOnOutboxStore } from './nodeRun';

const properties: INodeProperties[] = [
	{
		displayName: 'Counts by status and target, the outbox queue, and the circuit breaker state of every target',
		name: 'statsNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['stats'] } }, properties);

async function openFuses(store: StateStore): Promise<FuseRecord[]> {
	const open: FuseRecord[] = [];
	let after: string | null = null;
	do {
		const page = await store.listFuses({}, { limit: 1000, after });
		for (const fuse of page.items) if (fuse.recoveredAt === null) open.push(fuse);
		after = page.next;
	} while (after !== null);
	return open;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return runOnOutboxStore(this, items, async (outbox) => {
		const now = Date.now();
		const stats = await outbox.store.stats(now);
		const breakers = await outbox.store.listValues<Partial<StoredCircuit>>(circuitNamespace);
		const fuses = await openFuses(outbox.store);
		const json: IDataObject = {
			byStatus: stats.byStatus as IDataObject,
			byTarget: stats.byTarget as unknown as IDataObject[],
			queued: stats.queued,
			due: stats.due,
			// Push log rows the store holds but could not file (embedded store, a damaged file): see docs/outbox.md.
			unfiledLog: stats.unfiledLog,
			breakers: breakers.map(({ key, value }) => storedCircuitView(key, value)) as IDataObject[],
			openFuses: fuses.map((fuse) => ({ id: fuse.id, target: fuse.target, openedAt: isoOrNull(fuse.openedAt), cause: fuse.cause })),
			store: outbox.where,
			at: new Date(now).toISOString(),
		};
		recordRun(this, 'stats', { queued: stats.queued, due: stats.due });
		return [[{ json, pairedItem: { item: 0 } }], []];
	});
}
