/**
 * The StateStore contract (nodes/shared/store/types.ts): one suite that every implementation runs
 * (sqliteStore.test.ts, postgresStore.test.ts). It knows nothing of how a store keeps its data: it
 * opens stores by module path and export name, passes every time as `now`, and reads results back
 * through the interface only. The multi-process tests fork claimWorker.js, which loads the same
 * TypeScript module in a plain Node process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { MessageRecord, MessageWrite, StateStore, StateStoreConfig } from '../../../../nodes/shared/store/types';

export interface StoreFactory {
	/** A fresh, empty, isolated store's configuration, each call. */
	freshConfig(): Promise<StateStoreConfig>;
	/** Absolute path of the implementation's .ts module. */
	modulePath: string;
	/** Its opening function, e.g. `openSqliteStateStore`; it may return the store or a promise of it. */
	exportName: string;
}

type OpenStore = (config: StateStoreConfig) => StateStore | Promise<StateStore>;

const claimWorker = path.join(__dirname, 'claimWorker.js');

const ids = (records: readonly { messageId: string }[]): string[] => records.map((record) => record.messageId);

const numbered = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(5, '0')}`);

function parked(messageId: string, nextDueAt: number, extra: Partial<MessageWrite> = {}): MessageWrite {
	return { messageId, status: 'held', reason: 'circuit_open', target: 'https://a.example/hook', event: 'flow.approved', nextDueAt, ...extra };
}

/** A write that gives every field, and the record it makes when written at 100 into an empty store. */
const everyField: MessageWrite = {
	messageId: 'm1',
	status: 'held',
	reason: 'circuit_open',
	target: 'https://a.example/hook',
	event: 'flow.approved',
	flowId: 'F-1',
	receiver: 'alice',
	source: 'wf-1/Send',
	attempts: 2,
	nextDueAt: 500,
	lastAttemptAt: 90,
	payload: { request: { body: { id: 1, items: ['a', 'b'] } } },
	delivery: { status: 'retrying', lastResponseStatus: 503 },
};
// Every field given comes back as given; the store adds the rest.
const everyFieldRecord: MessageRecord = {
	...(everyField as Omit<MessageRecord, 'repushes' | 'leaseOwner' | 'leaseUntil' | 'createdAt' | 'updatedAt'>),
	repushes: 0,
	leaseOwner: null,
	leaseUntil: null,
	createdAt: 100,
	updatedAt: 100,
};

export function describeStateStoreContract(label: string, factory: StoreFactory): void {
	describe(`${label} (StateStore contract)`, () => {
		let config: StateStoreConfig;
		let store: StateStore;
		const opened: StateStore[] = [];

		async function open(configuration: StateStoreConfig = config): Promise<StateStore> {
			const opener = (require(factory.modulePath) as Record<string, OpenStore>)[factory.exportName];
			const opening = await opener(configuration);
			opened.push(opening);
			return opening;
		}

		beforeEach(async () => {
			config = await factory.freshConfig();
			store = await open();
		});

		afterEach(async () => {
			for (const each of opened.splice(0)) await each.close();
		});

		describe('duplicate keys', () => {
			it('remembers a key once and reports the second call as a duplicate', async () => {
				expect(await store.rememberIfAbsent('deliveries', 'k1', 1000, 0)).toBe(true);
				expect(await store.rememberIfAbsent('deliveries', 'k1', 1000, 10)).toBe(false);
				expect(await store.isRemembered('deliveries', 'k1', 10)).toBe(true);
			});

			it('remembers a key again once it expired at now + ttl', async () => {
				await store.rememberIfAbsent('deliveries', 'k1', 100, 0);
				expect(await store.isRemembered('deliveries', 'k1', 99)).toBe(true);
				expect(await store.rememberIfAbsent('deliveries', 'k1', 100, 99)).toBe(false);
				expect(await store.isRemembered('deliveries', 'k1', 100)).toBe(false);
				expect(await store.rememberIfAbsent('deliveries', 'k1', 100, 100)).toBe(true);
				expect(await store.isRemembered('deliveries', 'k1', 150)).toBe(true);
			});

			it('keeps the keys of different namespaces apart', async () => {
				await store.rememberIfAbsent('node-a', 'k1', 1000, 0);
				expect(await store.isRemembered('node-b', 'k1', 0)).toBe(false);
				expect(await store.rememberIfAbsent('node-b', 'k1', 1000, 0)).toBe(true);
			});

			it('remembers many keys at once and says per key whether this call remembered it', async () => {
				await store.rememberIfAbsent('deliveries', 'b', 1000, 0);
				expect(await store.rememberManyIfAbsent('deliveries', ['a', 'b', 'c', 'a'], 1000, 10)).toEqual([true, false, true, false]);
				for (const key of ['a', 'b', 'c']) expect(await store.isRemembered('deliveries', key, 10)).toBe(true);
			});

			it('takes over expired keys among many', async () => {
				await store.rememberManyIfAbsent('deliveries', ['a', 'b'], 100, 0);
				expect(await store.rememberManyIfAbsent('deliveries', ['a', 'b', 'c'], 100, 100)).toEqual([true, true, true]);
			});

			it('remembers a long list of keys in one call', async () => {
				const keys = numbered('k', 1500);
				expect(await store.rememberManyIfAbsent('deliveries', keys, 1000, 0)).toEqual(keys.map(() => true));
				expect(await store.rememberManyIfAbsent('deliveries', keys.slice(0, 3), 1000, 1)).toEqual([false, false, false]);
			});

			it('forgets a key so that it can be remembered again', async () => {
				await store.rememberIfAbsent('deliveries', 'k1', 1000, 0);
				await store.forget('deliveries', 'k1');
				expect(await store.isRemembered('deliveries', 'k1', 1)).toBe(false);
				expect(await store.rememberIfAbsent('deliveries', 'k1', 1000, 1)).toBe(true);
				await expect(store.forget('deliveries', 'never-seen')).resolves.toBeUndefined();
			});

			it('lets exactly one of many parallel callers remember the same key', async () => {
				const results = await Promise.all(Array.from({ length: 30 }, () => store.rememberIfAbsent('deliveries', 'race', 1000, 0)));
				expect(results.filter(Boolean)).toHaveLength(1);
			});
		});

		describe('compare-and-set values', () => {
			it('reads nothing for a value never written', async () => {
				expect(await store.readValue('breaker', 'https://a.example')).toBeUndefined();
			});

			it('creates a value with expected version null only while it is absent', async () => {
				expect(await store.compareAndSet('breaker', 't', { state: 'closed' }, null)).toBe(1);
				expect(await store.compareAndSet('breaker', 't', { state: 'open' }, null)).toBeUndefined();
				expect(await store.readValue('breaker', 't')).toEqual({ value: { state: 'closed' }, version: 1 });
			});

			it('writes over the expected version and grows the version by one', async () => {
				await store.compareAndSet('breaker', 't', { state: 'closed' }, null);
				expect(await store.compareAndSet('breaker', 't', { state: 'open', openedAt: 5 }, 1)).toBe(2);
				expect(await store.compareAndSet('breaker', 't', { state: 'half_open', probes: [1, 2] }, 2)).toBe(3);
				expect(await store.readValue('breaker', 't')).toEqual({ value: { state: 'half_open', probes: [1, 2] }, version: 3 });
			});

			it('refuses a stale version and keeps the value', async () => {
				await store.compareAndSet('breaker', 't', 'first', null);
				await store.compareAndSet('breaker', 't', 'second', 1);
				expect(await store.compareAndSet('breaker', 't', 'stale', 1)).toBeUndefined();
				expect(await store.compareAndSet('breaker', 'absent', 'x', 1)).toBeUndefined();
				expect(await store.readValue('breaker', 't')).toEqual({ value: 'second', version: 2 });
				expect(await store.readValue('breaker', 'absent')).toBeUndefined();
			});

			it('lets exactly one of many parallel writers of the same version win', async () => {
				await store.compareAndSet('breaker', 't', 0, null);
				const results = await Promise.all(Array.from({ length: 20 }, (_, writer) => store.compareAndSet('breaker', 't', writer + 1, 1)));
				const winners = results.filter((version) => version !== undefined);
				expect(winners).toEqual([2]);
				expect((await store.readValue('breaker', 't'))?.version).toBe(2);
			});

			it('lists every value of one namespace with its version', async () => {
				await store.compareAndSet('breaker', 'b', { state: 'open' }, null);
				await store.compareAndSet('breaker', 'a', { state: 'closed' }, null);
				await store.compareAndSet('breaker', 'a', { state: 'open' }, 1);
				await store.compareAndSet('other', 'c', 1, null);
				const values = await store.listValues('breaker');
				expect([...values].sort((x, y) => x.key.localeCompare(y.key))).toEqual([
					{ key: 'a', value: { state: 'open' }, version: 2 },
					{ key: 'b', value: { state: 'open' }, version: 1 },
				]);
				expect(await store.listValues('empty')).toEqual([]);
			});
		});

		describe('windowed counters', () => {
			it('adds deltas to the bucket holding now and returns the sums over the window', async () => {
				expect(await store.addToWindow('breaker', 't', { attempts: 1, failures: 0 }, 1000, 1000, 10000)).toEqual({ attempts: 1, failures: 0 });
				expect(await store.addToWindow('breaker', 't', { attempts: 1, failures: 1 }, 1500, 1000, 10000)).toEqual({ attempts: 2, failures: 1 });
				expect(await store.addToWindow('breaker', 't', { attempts: 2 }, 2100, 1000, 10000)).toEqual({ attempts: 4, failures: 1 });
				expect(await store.readWindow('breaker', 't', 0)).toEqual({ attempts: 4, failures: 1 });
			});

			it('counts a bucket starting exactly at now - window and drops one starting before it', async () => {
				await store.addToWindow('breaker', 't', { failures: 1 }, 1000, 1000, 3000);
				expect(await store.addToWindow('breaker', 't', { failures: 1 }, 4000, 1000, 3000)).toEqual({ failures: 2 });
				expect(await store.addToWindow('breaker', 't', { failures: 1 }, 4001, 1000, 3000)).toEqual({ failures: 2 });
			});

			it('reads the sums over buckets starting at or after since', async () => {
				await store.addToWindow('breaker', 't', { failures: 1 }, 1000, 1000, 60000);
				await store.addToWindow('breaker', 't', { failures: 2 }, 2999, 1000, 60000);
				expect(await store.readWindow('breaker', 't', 1000)).toEqual({ failures: 3 });
				expect(await store.readWindow('breaker', 't', 1001)).toEqual({ failures: 2 });
				expect(await store.readWindow('breaker', 't', 3000)).toEqual({});
				expect(await store.readWindow('breaker', 'other', 0)).toEqual({});
			});

			it('keeps the counters of different keys apart', async () => {
				await store.addToWindow('breaker', 'a', { failures: 3 }, 1000, 1000, 5000);
				expect(await store.addToWindow('breaker', 'b', { failures: 1 }, 1000, 1000, 5000)).toEqual({ failures: 1 });
			});

			it('adds every parallel increment', async () => {
				await Promise.all(Array.from({ length: 40 }, () => store.addToWindow('breaker', 't', { attempts: 1 }, 1000, 1000, 5000)));
				expect(await store.readWindow('breaker', 't', 0)).toEqual({ attempts: 40 });
			});
		});

		describe('writing the push log', () => {
			it('inserts new rows with their fields, no lease and no re-push yet', async () => {
				const result = await store.writeMessages([everyField, { messageId: 'm2', status: 'succeeded' }], 100);
				expect(result).toEqual({ inserted: 2, updated: 0 });
				expect(await store.getMessage('m1')).toEqual(everyFieldRecord);
				expect(await store.getMessage('m2')).toEqual<MessageRecord>({
					messageId: 'm2',
					status: 'succeeded',
					reason: null,
					target: null,
					event: null,
					flowId: null,
					receiver: null,
					source: null,
					attempts: 0,
					repushes: 0,
					nextDueAt: null,
					leaseOwner: null,
					leaseUntil: null,
					createdAt: 100,
					updatedAt: 100,
					lastAttemptAt: null,
					payload: null,
					delivery: null,
				});
			});

			it('updates an existing row: adds attempts, keeps fields not given, clears fields given as null', async () => {
				await store.writeMessages([parked('m1', 500, { flowId: 'F-1', receiver: 'alice', attempts: 3, payload: { a: 1 } })], 100);
				const result = await store.writeMessages([{ messageId: 'm1', status: 'failed', reason: 'timeout', attempts: 2, nextDueAt: null, receiver: null }], 200);
				expect(result).toEqual({ inserted: 0, updated: 1 });
				expect(await store.getMessage('m1')).toMatchObject({
					status: 'failed',
					reason: 'timeout',
					target: 'https://a.example/hook',
					event: 'flow.approved',
					flowId: 'F-1',
					receiver: null,
					attempts: 5,
					nextDueAt: null,
					payload: { a: 1 },
					createdAt: 100,
					updatedAt: 200,
				});
			});

			it('counts a message written twice in one call as inserted then updated', async () => {
				expect(await store.writeMessages([parked('m1', 500, { attempts: 1 }), parked('m1', 600, { attempts: 1 })], 100)).toEqual({ inserted: 1, updated: 1 });
				expect(await store.getMessage('m1')).toMatchObject({ attempts: 2, nextDueAt: 600 });
			});

			it('writes all rows of one call or none, and stays usable after a failed call', async () => {
				// A BigInt has no JSON form: the second row cannot be written.
				const unwritable = { messageId: 'm2', status: 'held', payload: { amount: BigInt(1) } } as MessageWrite;
				await expect(store.writeMessages([parked('m1', 100), unwritable], 0)).rejects.toThrow();
				expect(await store.getMessage('m1')).toBeUndefined();
				expect(await store.writeMessages([parked('m1', 100)], 0)).toEqual({ inserted: 1, updated: 0 });
			});

			it('reads nothing for an unknown message id', async () => {
				expect(await store.getMessage('nope')).toBeUndefined();
			});

			it('keeps the lease of a claimed row that is written meanwhile', async () => {
				await store.writeMessages([parked('m1', 100)], 0);
				await store.claimDue({ now: 100, limit: 10, owner: 'worker-a', leaseMs: 1000 });
				await store.writeMessages([{ messageId: 'm1', status: 'held', attempts: 1 }], 150);
				expect(await store.getMessage('m1')).toMatchObject({ leaseOwner: 'worker-a', leaseUntil: 1100, attempts: 1 });
				expect(await store.claimDue({ now: 200, limit: 10, owner: 'worker-b', leaseMs: 1000 })).toEqual([]);
				expect(await store.acknowledge('m1', 'worker-a', { outcome: 'succeeded' }, 300)).toBe(true);
			});
		});

		describe('logging the push log (logMessages)', () => {
			it('logs rows that every read then sees, as writeMessages writes them', async () => {
				await store.logMessages([everyField, { messageId: 'm2', status: 'succeeded', attempts: 1, delivery: { status: 'succeeded', responseStatus: 200 } }], 100);
				expect(await store.getMessage('m1')).toEqual(everyFieldRecord);
				expect((await store.searchMessages({ statuses: ['succeeded'] }, { limit: 10 })).items.map((record) => record.delivery)).toEqual([
					{ status: 'succeeded', responseStatus: 200 },
				]);
				expect((await store.stats(0)).byStatus).toEqual({ held: 1, succeeded: 1 });
			});

			it('keeps call order with every other write: attempts add up and the later status wins', async () => {
				await store.logMessages([{ messageId: 'm1', status: 'failed', reason: 'timeout', attempts: 2 }], 100);
				await store.writeMessages([parked('m1', 500, { attempts: 1 })], 200);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'held', reason: 'circuit_open', attempts: 3, nextDueAt: 500, createdAt: 100, updatedAt: 200 });
				await store.logMessages([{ messageId: 'm1', status: 'succeeded', reason: null, attempts: 1, nextDueAt: null }], 300);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'succeeded', reason: null, attempts: 4, nextDueAt: null, updatedAt: 300 });
			});

			it('logs the same message twice in one call as two writes', async () => {
				await store.logMessages([parked('m1', 500, { attempts: 1 }), parked('m1', 600, { attempts: 1 })], 100);
				expect(await store.getMessage('m1')).toMatchObject({ attempts: 2, nextDueAt: 600 });
			});

			it('refuses a whole call with a row it cannot write, writes none of it, and stays usable', async () => {
				const noId = { messageId: '', status: 'held' } as MessageWrite;
				const unknownStatus = { messageId: 'm3', status: 'delivered' } as unknown as MessageWrite;
				const noJson = { messageId: 'm4', status: 'held', payload: { amount: BigInt(1) } } as MessageWrite;
				for (const unwritable of [noId, unknownStatus, noJson]) {
					await expect(store.logMessages([parked('m1', 100), unwritable], 0)).rejects.toThrow();
				}
				expect(await store.getMessage('m1')).toBeUndefined();
				await store.logMessages([parked('m1', 100)], 0);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'held' });
			});

			it('logs rows that Claim Due, Acknowledge, Delete and Purge then handle like any other', async () => {
				await store.logMessages([parked('m1', 100), parked('m2', 100), { messageId: 'm3', status: 'succeeded' }], 0);
				const claimed = await store.claimDue({ now: 100, limit: 10, owner: 'worker-a', leaseMs: 1000 });
				expect(ids(claimed)).toEqual(['m1', 'm2']);
				expect(await store.acknowledge('m1', 'worker-a', { outcome: 'succeeded' }, 200)).toBe(true);
				expect(await store.deleteMessages({ messageIds: ['m2'] })).toBe(1);
				expect((await store.purge({ olderThan: 1000, statuses: ['succeeded'], now: 1000 })).messages).toBe(2);
				expect((await store.searchMessages({}, { limit: 10 })).total).toBe(0);
			});

			it('logs 2,000 rows in one call that another connection to the store reads, every one', async () => {
				await store.logMessages(
					numbered('m', 2000).map((messageId) => ({ messageId, status: 'succeeded' as const, attempts: 1, target: 'https://a.example/hook' })),
					100,
				);
				const other = await open();
				expect((await other.searchMessages({ targets: ['https://a.example/hook'] }, { limit: 1 })).total).toBe(2000);
				expect(await other.getMessage('m01999')).toMatchObject({ status: 'succeeded', attempts: 1, createdAt: 100 });
			});
		});

		describe('claiming due records', () => {
			it('claims only records due at now, oldest due first, up to the limit', async () => {
				await store.writeMessages(
					[parked('late', 300), parked('first', 100), parked('second', 200), parked('future', 1000), { messageId: 'logged', status: 'failed' }],
					0,
				);
				expect(ids(await store.claimDue({ now: 300, limit: 2, owner: 'w', leaseMs: 1000 }))).toEqual(['first', 'second']);
				expect(ids(await store.claimDue({ now: 300, limit: 10, owner: 'w', leaseMs: 1000 }))).toEqual(['late']);
				expect(await store.claimDue({ now: 300, limit: 10, owner: 'w', leaseMs: 1000 })).toEqual([]);
			});

			it('sets the lease and counts a re-push on each claimed record', async () => {
				await store.writeMessages([parked('m1', 100)], 0);
				const [claimed] = await store.claimDue({ now: 150, limit: 1, owner: 'worker-a', leaseMs: 500 });
				expect(claimed).toMatchObject({ messageId: 'm1', leaseOwner: 'worker-a', leaseUntil: 650, repushes: 1, nextDueAt: 100 });
				expect(await store.getMessage('m1')).toMatchObject({ leaseOwner: 'worker-a', leaseUntil: 650, repushes: 1 });
			});

			it('does not give a leased record to anyone before the lease runs out, and gives it to another claimer after', async () => {
				await store.writeMessages([parked('m1', 100)], 0);
				await store.claimDue({ now: 1000, limit: 10, owner: 'worker-a', leaseMs: 300 });
				expect(await store.claimDue({ now: 1299, limit: 10, owner: 'worker-b', leaseMs: 300 })).toEqual([]);
				const reclaimed = await store.claimDue({ now: 1300, limit: 10, owner: 'worker-b', leaseMs: 300 });
				expect(reclaimed).toMatchObject([{ messageId: 'm1', leaseOwner: 'worker-b', leaseUntil: 1600, repushes: 2 }]);
			});

			it('refuses the acknowledgement of a claimer whose lease was taken over', async () => {
				await store.writeMessages([parked('m1', 100)], 0);
				await store.claimDue({ now: 1000, limit: 10, owner: 'worker-a', leaseMs: 300 });
				await store.claimDue({ now: 1300, limit: 10, owner: 'worker-b', leaseMs: 300 });
				expect(await store.acknowledge('m1', 'worker-a', { outcome: 'succeeded' }, 1350)).toBe(false);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'held', leaseOwner: 'worker-b', nextDueAt: 100 });
				expect(await store.acknowledge('m1', 'worker-b', { outcome: 'succeeded' }, 1360)).toBe(true);
			});

			it('lets the owner acknowledge after its lease ran out when nobody claimed the record since', async () => {
				await store.writeMessages([parked('m1', 100)], 0);
				await store.claimDue({ now: 1000, limit: 10, owner: 'worker-a', leaseMs: 300 });
				expect(await store.acknowledge('m1', 'worker-a', { outcome: 'succeeded' }, 5000)).toBe(true);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'succeeded', nextDueAt: null });
			});

			it('stops claiming a record that was re-pushed maxRepushes times', async () => {
				await store.writeMessages([parked('m1', 100), parked('m2', 100)], 0);
				for (let round = 0; round < 2; round++) {
					const claimed = await store.claimDue({ now: 1000 + round * 1000, limit: 10, owner: 'w', leaseMs: 10, maxRepushes: 2 });
					expect(ids(claimed)).toEqual(['m1', 'm2']);
					await store.acknowledge('m1', 'w', { outcome: 'retry', nextDueAt: 0 }, 1000 + round * 1000);
				}
				// m1 was re-pushed twice and is due; m2's lease ran out but it was also claimed twice.
				expect(await store.claimDue({ now: 9000, limit: 10, owner: 'w', leaseMs: 10, maxRepushes: 2 })).toEqual([]);
				expect(ids(await store.claimDue({ now: 9000, limit: 10, owner: 'w', leaseMs: 10, maxRepushes: 3 }))).toEqual(['m1', 'm2']);
			});

			it('claims only records matching the filter of targets, events and statuses', async () => {
				await store.writeMessages(
					[
						parked('a-approved', 100, { target: 'https://a.example/hook', event: 'flow.approved' }),
						parked('a-rejected', 100, { target: 'https://a.example/hook', event: 'flow.rejected' }),
						parked('b-approved', 100, { target: 'https://b.example/hook', event: 'flow.approved', status: 'retrying' }),
					],
					0,
				);
				const claim = (filter: Parameters<StateStore['claimDue']>[0]['filter']) => store.claimDue({ now: 100, limit: 10, owner: 'w', leaseMs: 1, filter });
				expect(ids(await claim({ targets: ['https://b.example/hook'], statuses: ['held'] }))).toEqual([]);
				expect(ids(await claim({ targets: ['https://a.example/hook'], events: ['flow.rejected'] }))).toEqual(['a-rejected']);
				expect(ids(await claim({ statuses: ['retrying'] }))).toEqual(['b-approved']);
				expect(ids(await claim({ events: ['flow.approved', 'flow.rejected'] }))).toEqual(['a-approved']);
			});

			it('gives each record to exactly one of 50 parallel claimers', async () => {
				const all = numbered('m', 500);
				await store.writeMessages(
					all.map((messageId, index) => parked(messageId, index)),
					0,
				);
				const claims = await Promise.all(Array.from({ length: 50 }, (_, claimer) => store.claimDue({ now: 1000, limit: 10, owner: `claimer-${claimer}`, leaseMs: 60000 })));
				const claimed = claims.flatMap(ids);
				expect(claimed).toHaveLength(500);
				expect(new Set(claimed).size).toBe(500);
				expect(await store.claimDue({ now: 1000, limit: 10, owner: 'late', leaseMs: 60000 })).toEqual([]);
			});
		});

		describe('acknowledging and releasing claims', () => {
			async function claimedRecord(): Promise<void> {
				await store.writeMessages([parked('m1', 100, { attempts: 1, delivery: { first: true } })], 0);
				await store.claimDue({ now: 1000, limit: 1, owner: 'w', leaseMs: 500 });
			}

			it('takes a delivered record out of the outbox with its attempts, time and delivery excerpt', async () => {
				await claimedRecord();
				expect(await store.acknowledge('m1', 'w', { outcome: 'succeeded', attempts: 2, lastAttemptAt: 1100, delivery: { status: 'succeeded' } }, 1200)).toBe(true);
				expect(await store.getMessage('m1')).toMatchObject({
					status: 'succeeded',
					reason: null,
					attempts: 3,
					repushes: 1,
					nextDueAt: null,
					leaseOwner: null,
					leaseUntil: null,
					lastAttemptAt: 1100,
					delivery: { status: 'succeeded' },
					updatedAt: 1200,
				});
			});

			it('records an ignored or failed outcome with its reason', async () => {
				await store.writeMessages([parked('ignored', 100), parked('failed', 100)], 0);
				await store.claimDue({ now: 1000, limit: 2, owner: 'w', leaseMs: 500 });
				expect(await store.acknowledge('ignored', 'w', { outcome: 'ignored', reason: 'keyword_not_found' }, 1100)).toBe(true);
				expect(await store.acknowledge('failed', 'w', { outcome: 'failed', reason: 'status_not_accepted', attempts: 1 }, 1100)).toBe(true);
				expect(await store.getMessage('ignored')).toMatchObject({ status: 'ignored', reason: 'keyword_not_found', nextDueAt: null, leaseOwner: null });
				expect(await store.getMessage('failed')).toMatchObject({ status: 'failed', reason: 'status_not_accepted', nextDueAt: null, attempts: 1 });
			});

			it('keeps the reason and delivery excerpt when a failure gives none', async () => {
				await claimedRecord();
				await store.acknowledge('m1', 'w', { outcome: 'failed' }, 1100);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'failed', reason: 'circuit_open', delivery: { first: true } });
			});

			it('puts a retried record back in the outbox, due at nextDueAt and not before', async () => {
				await claimedRecord();
				expect(await store.acknowledge('m1', 'w', { outcome: 'retry', nextDueAt: 5000, reason: 'timeout', attempts: 1 }, 1100)).toBe(true);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'retrying', reason: 'timeout', nextDueAt: 5000, leaseOwner: null, leaseUntil: null, attempts: 2 });
				expect(await store.claimDue({ now: 4999, limit: 1, owner: 'w2', leaseMs: 500 })).toEqual([]);
				expect(ids(await store.claimDue({ now: 5000, limit: 1, owner: 'w2', leaseMs: 500 }))).toEqual(['m1']);
			});

			it('sets the status a retry gives', async () => {
				await claimedRecord();
				await store.acknowledge('m1', 'w', { outcome: 'retry', nextDueAt: 5000, status: 'held', reason: 'circuit_open' }, 1100);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'held', nextDueAt: 5000 });
			});

			it('refuses acknowledgements from a claimer that does not hold the record, and for unknown records', async () => {
				await claimedRecord();
				expect(await store.acknowledge('m1', 'someone-else', { outcome: 'succeeded' }, 1100)).toBe(false);
				expect(await store.acknowledge('unknown', 'w', { outcome: 'succeeded' }, 1100)).toBe(false);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'held', leaseOwner: 'w', nextDueAt: 100 });
			});

			it('refuses a second acknowledgement of the same claim', async () => {
				await claimedRecord();
				expect(await store.acknowledge('m1', 'w', { outcome: 'retry', nextDueAt: 2000 }, 1100)).toBe(true);
				expect(await store.acknowledge('m1', 'w', { outcome: 'succeeded' }, 1200)).toBe(false);
				expect(await store.getMessage('m1')).toMatchObject({ status: 'retrying', nextDueAt: 2000 });
			});

			it('gives a released record back unchanged, without counting a re-push, to be claimed at once', async () => {
				await claimedRecord();
				const before = await store.getMessage('m1');
				expect(await store.release('m1', 'w', 1100)).toBe(true);
				expect(await store.getMessage('m1')).toEqual({ ...before, leaseOwner: null, leaseUntil: null, repushes: 0 });
				expect(await store.claimDue({ now: 1100, limit: 1, owner: 'w2', leaseMs: 500 })).toMatchObject([{ messageId: 'm1', repushes: 1, leaseOwner: 'w2' }]);
			});

			it('refuses to release a record for a claimer that does not hold it', async () => {
				await claimedRecord();
				expect(await store.release('m1', 'someone-else', 1100)).toBe(false);
				expect(await store.release('unknown', 'w', 1100)).toBe(false);
				expect(await store.getMessage('m1')).toMatchObject({ leaseOwner: 'w', repushes: 1 });
			});
		});

		describe('requeue, search, delete, purge and stats', () => {
			beforeEach(async () => {
				await store.writeMessages(
					[
						{ messageId: 's1', status: 'succeeded', target: 'https://a.example/hook', event: 'flow.approved', flowId: 'F-1', receiver: 'alice' },
						{ messageId: 'f1', status: 'failed', reason: 'timeout', target: 'https://a.example/hook', event: 'flow.rejected', flowId: 'F-2', receiver: 'bob' },
						{ messageId: 'f2', status: 'failed', reason: 'status_not_accepted', target: 'https://b.example/hook', event: 'flow.approved', flowId: 'F-3', receiver: 'alice' },
					],
					100,
				);
				await store.writeMessages([parked('h1', 500, { target: 'https://b.example/hook', flowId: 'F-4', receiver: 'carol' })], 200);
				await store.writeMessages([{ messageId: 'i1', status: 'ignored', target: null, event: 'todo.created' }], 300);
			});

			const searchIds = async (filter: Parameters<StateStore['searchMessages']>[0]): Promise<string[]> =>
				ids((await store.searchMessages(filter, { limit: 1000 })).items).sort();

			it('requeues the records matching a filter, due at dueAt, keeping their status', async () => {
				expect(await store.requeue({ statuses: ['failed'] }, 1000, 400)).toBe(2);
				expect(await store.getMessage('f1')).toMatchObject({ status: 'failed', nextDueAt: 1000, updatedAt: 400 });
				expect(await store.getMessage('s1')).toMatchObject({ nextDueAt: null });
				expect(ids(await store.claimDue({ now: 1000, limit: 10, owner: 'w', leaseMs: 10, filter: { statuses: ['failed'] } })).sort()).toEqual(['f1', 'f2']);
			});

			it('requeues the records of a list of ids', async () => {
				expect(await store.requeue({ messageIds: ['s1', 'i1', 'unknown'] }, 700, 400)).toBe(2);
				expect(await searchIds({ queued: true })).toEqual(['h1', 'i1', 's1']);
			});

			it('refuses a page cursor it never returned, and a page or claim size outside 1 to 1000', async () => {
				await expect(store.searchMessages({}, { limit: 10, after: 'not-a-cursor' })).rejects.toThrow('is not one this store returned');
				await expect(store.searchMessages({}, { limit: 0 })).rejects.toThrow('A page holds 1 to 1000 rows, not 0.');
				await expect(store.claimDue({ now: 1000, limit: 1001, owner: 'w', leaseMs: 10 })).rejects.toThrow('A claim takes 1 to 1000 records, not 1001.');
			});

			it('finds messages by each filter', async () => {
				expect(await searchIds({})).toEqual(['f1', 'f2', 'h1', 'i1', 's1']);
				expect(await searchIds({ messageIds: ['f1', 'h1', 'nope'] })).toEqual(['f1', 'h1']);
				expect(await searchIds({ statuses: ['failed', 'ignored'] })).toEqual(['f1', 'f2', 'i1']);
				expect(await searchIds({ events: ['flow.approved'] })).toEqual(['f2', 'h1', 's1']);
				expect(await searchIds({ targets: ['https://b.example/hook'] })).toEqual(['f2', 'h1']);
				expect(await searchIds({ flowIds: ['F-2', 'F-4'] })).toEqual(['f1', 'h1']);
				expect(await searchIds({ receivers: ['alice'] })).toEqual(['f2', 's1']);
				expect(await searchIds({ queued: true })).toEqual(['h1']);
				expect(await searchIds({ queued: false })).toEqual(['f1', 'f2', 'i1', 's1']);
				expect(await searchIds({ updatedFrom: 200 })).toEqual(['h1', 'i1']);
				expect(await searchIds({ updatedFrom: 100, updatedTo: 300 })).toEqual(['f1', 'f2', 'h1', 's1']);
				expect(await searchIds({ updatedTo: 200 })).toEqual(['f1', 'f2', 's1']);
			});

			it('combines filters with and, and matches nothing with an empty list', async () => {
				expect(await searchIds({ statuses: ['failed'], targets: ['https://a.example/hook'], receivers: ['bob'] })).toEqual(['f1']);
				expect(await searchIds({ statuses: [] })).toEqual([]);
				expect(await store.searchMessages({ messageIds: [] }, { limit: 10 })).toEqual({ items: [], total: 0, next: null });
			});

			it('finds messages among a long list of ids', async () => {
				const many = [...numbered('x', 1500), 'f1', 'h1'];
				expect(await searchIds({ messageIds: many })).toEqual(['f1', 'h1']);
				expect((await store.searchMessages({ messageIds: many }, { limit: 1 })).total).toBe(2);
			});

			it('returns the newest first, with the total matching and the whole record', async () => {
				const page = await store.searchMessages({}, { limit: 2 });
				expect(page.total).toBe(5);
				expect(ids(page.items)).toEqual(['i1', 'h1']);
				expect(page.items[1]).toEqual(await store.getMessage('h1'));
				expect(page.next).not.toBeNull();
			});

			it('deletes the matching rows and says how many', async () => {
				expect(await store.deleteMessages({ statuses: ['failed'] })).toBe(2);
				expect(await searchIds({})).toEqual(['h1', 'i1', 's1']);
				expect(await store.getMessage('f1')).toBeUndefined();
			});

			it('deletes nothing for an empty filter', async () => {
				expect(await store.deleteMessages({})).toBe(0);
				expect(await store.deleteMessages({ messageIds: [] })).toBe(0);
				// A filter of only fields the store does not know (a caller outside the typed interface, e.g.
				// JSON from an expression) is no condition at all: nothing, not everything.
				expect(await store.deleteMessages({ documentNumber: 'X-1' } as unknown as Parameters<typeof store.deleteMessages>[0])).toBe(0);
				expect(await store.deleteMessages({ statuses: undefined })).toBe(0);
				expect(await searchIds({})).toHaveLength(5);
			});

			it('deletes the rows of a long list of ids', async () => {
				await store.writeMessages(
					numbered('x', 1200).map((messageId) => ({ messageId, status: 'succeeded' })),
					400,
				);
				expect(await store.deleteMessages({ messageIds: [...numbered('x', 1200), 's1'] })).toBe(1201);
				expect(await searchIds({})).toEqual(['f1', 'f2', 'h1', 'i1']);
			});

			it('purges rows of the given statuses last updated before olderThan, expired keys and old buckets', async () => {
				await store.rememberIfAbsent('deliveries', 'expired', 100, 0);
				await store.rememberIfAbsent('deliveries', 'live', 10000, 0);
				await store.addToWindow('breaker', 't', { failures: 1 }, 100, 100, 1000);
				await store.addToWindow('breaker', 't', { failures: 2 }, 250, 100, 1000);
				const purged = await store.purge({ olderThan: 200, statuses: ['succeeded', 'failed', 'held'], now: 500 });
				expect(purged).toEqual({ messages: 3, keys: 1, buckets: 1 });
				expect(await searchIds({})).toEqual(['h1', 'i1']);
				expect(await store.isRemembered('deliveries', 'live', 500)).toBe(true);
				expect(await store.rememberIfAbsent('deliveries', 'expired', 100, 500)).toBe(true);
				expect(await store.readWindow('breaker', 't', 0)).toEqual({ failures: 2 });
			});

			it('never purges a message waiting in the outbox, whatever its status and age', async () => {
				await store.writeMessages([{ messageId: 'q1', status: 'no_response', reason: 'timeout', nextDueAt: 5000 }], 50);
				const purged = await store.purge({ olderThan: 200, statuses: ['succeeded', 'no_response'], now: 500 });
				expect(purged.messages).toBe(1);
				expect(await store.getMessage('q1')).toMatchObject({ status: 'no_response', nextDueAt: 5000 });
				expect(await store.getMessage('s1')).toBeUndefined();
			});

			it('counts messages by status, by target and status, queued and due', async () => {
				await store.writeMessages([parked('h2', 2000, { target: 'https://b.example/hook' }), parked('h3', 400, { target: 'https://b.example/hook' })], 400);
				await store.claimDue({ now: 450, limit: 1, owner: 'w', leaseMs: 1000 });
				const stats = await store.stats(600);
				expect(stats.byStatus).toEqual({ succeeded: 1, failed: 2, held: 3, ignored: 1 });
				expect([...stats.byTarget].sort((a, b) => `${a.target}${a.status}`.localeCompare(`${b.target}${b.status}`))).toEqual([
					{ target: 'https://a.example/hook', status: 'failed', count: 1 },
					{ target: 'https://a.example/hook', status: 'succeeded', count: 1 },
					{ target: 'https://b.example/hook', status: 'failed', count: 1 },
					{ target: 'https://b.example/hook', status: 'held', count: 3 },
					{ target: null, status: 'ignored', count: 1 },
				]);
				// h3 (due 400) was claimed and is leased: queued, not due; h1 (due 500) is due; h2 is not yet.
				expect(stats.queued).toBe(3);
				expect(stats.due).toBe(1);
				expect(stats.unfiledLog).toEqual({ batches: 0, rows: 0, lastError: null });
				expect((await store.stats(2000)).due).toBe(3);
			});
		});

		describe('paging through the push log', () => {
			it('walks every page without duplicates or gaps while rows are updated and added between pages', async () => {
				// 40 rows over 4 update times, so pages break inside runs of equal updatedAt.
				const original = numbered('p', 40);
				for (let time = 0; time < 4; time++) {
					await store.writeMessages(
						original.filter((_, index) => index % 4 === time).map((messageId) => ({ messageId, status: 'succeeded' as const })),
						100 + time,
					);
				}
				const seen: string[] = [];
				let after: string | null = null;
				let pages = 0;
				let now = 1000;
				do {
					const page = await store.searchMessages({ statuses: ['succeeded'] }, { limit: 7, after });
					if (pages === 0) expect(page.total).toBe(40);
					for (let index = 1; index < page.items.length; index++) {
						const [previous, current] = [page.items[index - 1], page.items[index]];
						expect(previous.updatedAt > current.updatedAt || (previous.updatedAt === current.updatedAt && previous.messageId > current.messageId)).toBe(true);
					}
					seen.push(...ids(page.items));
					after = page.next;
					pages++;
					// Between pages: rows already seen change, a new row arrives.
					await store.writeMessages([{ messageId: seen[0], status: 'succeeded', attempts: 1 }, { messageId: `new-${pages}`, status: 'succeeded' }], now++);
				} while (after !== null);
				expect(pages).toBe(6);
				expect(seen).toHaveLength(40);
				expect(new Set(seen)).toEqual(new Set(original));
			});

			it('returns no next on the last page and an empty page for an empty result', async () => {
				await store.writeMessages([{ messageId: 'm1', status: 'succeeded' }], 0);
				expect(await store.searchMessages({}, { limit: 1 })).toMatchObject({ total: 1, next: null });
				expect(await store.searchMessages({ statuses: ['failed'] }, { limit: 5 })).toEqual({ items: [], total: 0, next: null });
			});
		});

		describe('fuse records', () => {
			it('opens a fuse once per target: a second open returns the open fuse and opened false', async () => {
				const first = await store.openFuse('https://a.example/hook', 1000, '70 % of 12 attempts failed');
				expect(first.opened).toBe(true);
				expect(first.fuse).toMatchObject({ target: 'https://a.example/hook', openedAt: 1000, recoveredAt: null, cause: '70 % of 12 attempts failed' });
				expect(typeof first.fuse.id).toBe('string');
				const second = await store.openFuse('https://a.example/hook', 2000, 'again');
				expect(second).toEqual({ fuse: first.fuse, opened: false });
			});

			it('lets exactly one of many parallel openers open the fuse', async () => {
				const results = await Promise.all(Array.from({ length: 20 }, (_, index) => store.openFuse('https://a.example/hook', 1000 + index, null)));
				expect(results.filter((result) => result.opened)).toHaveLength(1);
				expect(new Set(results.map((result) => result.fuse.id)).size).toBe(1);
			});

			it('closes the open fuse, and opens a new one after', async () => {
				const { fuse } = await store.openFuse('https://a.example/hook', 1000, null);
				expect(await store.closeFuse('https://a.example/hook', 1500)).toEqual({ ...fuse, recoveredAt: 1500 });
				expect(await store.closeFuse('https://a.example/hook', 1600)).toBeUndefined();
				expect(await store.closeFuse('https://never.example', 1600)).toBeUndefined();
				const reopened = await store.openFuse('https://a.example/hook', 2000, null);
				expect(reopened.opened).toBe(true);
				expect(reopened.fuse.id).not.toBe(fuse.id);
			});

			it('lists fuses newest opened first, by target and since, page by page', async () => {
				for (let round = 0; round < 3; round++) {
					await store.openFuse('https://a.example/hook', 1000 + round * 100, `a${round}`);
					await store.closeFuse('https://a.example/hook', 1050 + round * 100);
					await store.openFuse('https://b.example/hook', 1010 + round * 100, `b${round}`);
					await store.closeFuse('https://b.example/hook', 1060 + round * 100);
				}
				const all = await store.listFuses({}, { limit: 1000 });
				expect(all.total).toBe(6);
				expect(all.items.map((fuse) => fuse.cause)).toEqual(['b2', 'a2', 'b1', 'a1', 'b0', 'a0']);
				expect((await store.listFuses({ target: 'https://a.example/hook' }, { limit: 1000 })).items.map((fuse) => fuse.cause)).toEqual(['a2', 'a1', 'a0']);
				expect((await store.listFuses({ since: 1100 }, { limit: 1000 })).items.map((fuse) => fuse.cause)).toEqual(['b2', 'a2', 'b1', 'a1']);
				const first = await store.listFuses({}, { limit: 4 });
				const second = await store.listFuses({}, { limit: 4, after: first.next });
				expect([...first.items, ...second.items].map((fuse) => fuse.cause)).toEqual(['b2', 'a2', 'b1', 'a1', 'b0', 'a0']);
				expect(second.next).toBeNull();
			});
		});

		describe('batch tasks', () => {
			it('creates a running task with no progress, version 1 and its spec', async () => {
				const task = await store.createTask({ kind: 'repush', spec: { filter: { statuses: ['failed'] }, dueAt: 5 }, total: 120 }, 1000);
				expect(task).toEqual({
					id: expect.any(String),
					kind: 'repush',
					state: 'running',
					spec: { filter: { statuses: ['failed'] }, dueAt: 5 },
					cursor: null,
					total: 120,
					done: 0,
					failed: 0,
					error: null,
					createdAt: 1000,
					updatedAt: 1000,
					version: 1,
				});
				expect(await store.getTask(task.id)).toEqual(task);
			});

			it('updates a task at the expected version, keeping what the change does not give', async () => {
				const task = await store.createTask({ kind: 'repush', spec: {}, total: 10 }, 1000);
				const updated = await store.updateTask(task.id, 1, { done: 4, failed: 1, cursor: 'page-2' }, 1100);
				expect(updated).toEqual({ ...task, done: 4, failed: 1, cursor: 'page-2', updatedAt: 1100, version: 2 });
				expect(await store.updateTask(task.id, 2, { state: 'failed', error: 'target unreachable' }, 1200)).toMatchObject({
					state: 'failed',
					error: 'target unreachable',
					done: 4,
					cursor: 'page-2',
					version: 3,
				});
				expect(await store.getTask(task.id)).toMatchObject({ version: 3, updatedAt: 1200 });
			});

			it('refuses an update at a stale version (pause racing progress)', async () => {
				const task = await store.createTask({ kind: 'repush', spec: {}, total: 10 }, 1000);
				await store.updateTask(task.id, 1, { state: 'paused' }, 1100);
				expect(await store.updateTask(task.id, 1, { done: 5 }, 1200)).toBeUndefined();
				expect(await store.updateTask('unknown', 1, { done: 5 }, 1200)).toBeUndefined();
				expect(await store.getTask(task.id)).toMatchObject({ state: 'paused', done: 0, version: 2 });
			});

			it('lists tasks newest created first, by state and since, page by page', async () => {
				const created = [];
				for (let index = 0; index < 5; index++) created.push(await store.createTask({ kind: 'repush', spec: { index }, total: 1 }, 1000 + index * 10));
				await store.updateTask(created[1].id, 1, { state: 'completed' }, 2000);
				await store.updateTask(created[3].id, 1, { state: 'paused' }, 2000);
				const all = await store.listTasks({}, { limit: 1000 });
				expect(all.total).toBe(5);
				expect(all.items.map((task) => task.spec.index)).toEqual([4, 3, 2, 1, 0]);
				expect((await store.listTasks({ states: ['completed', 'paused'] }, { limit: 1000 })).items.map((task) => task.spec.index)).toEqual([3, 1]);
				expect((await store.listTasks({ since: 1020 }, { limit: 1000 })).items.map((task) => task.spec.index)).toEqual([4, 3, 2]);
				const first = await store.listTasks({}, { limit: 3 });
				const second = await store.listTasks({}, { limit: 3, after: first.next });
				expect([...first.items, ...second.items].map((task) => task.id)).toEqual(all.items.map((task) => task.id));
				expect(second.next).toBeNull();
			});

			it('deletes a task once', async () => {
				const task = await store.createTask({ kind: 'repush', spec: {}, total: 1 }, 1000);
				expect(await store.deleteTask(task.id)).toBe(true);
				expect(await store.deleteTask(task.id)).toBe(false);
				expect(await store.getTask(task.id)).toBeUndefined();
			});
		});

		describe('durability and processes', () => {
			it('keeps its data when closed and opened again', async () => {
				await store.rememberIfAbsent('deliveries', 'k1', 1000, 0);
				await store.compareAndSet('breaker', 't', { state: 'open' }, null);
				await store.writeMessages([parked('m1', 100, { payload: { a: 1 } })], 0);
				const task = await store.createTask({ kind: 'repush', spec: {}, total: 1 }, 0);
				await store.close();
				const reopened = await open();
				expect(await reopened.isRemembered('deliveries', 'k1', 10)).toBe(true);
				expect(await reopened.readValue('breaker', 't')).toEqual({ value: { state: 'open' }, version: 1 });
				expect(await reopened.getMessage('m1')).toMatchObject({ status: 'held', nextDueAt: 100, payload: { a: 1 } });
				expect(await reopened.getTask(task.id)).toEqual(task);
			});

			it('can be closed twice', async () => {
				await store.close();
				await expect(store.close()).resolves.toBeUndefined();
			});

			it('gives each record to exactly one of two claiming OS processes', async () => {
				const all = numbered('m', 2000);
				const due = Date.now() - 60000;
				for (let start = 0; start < all.length; start += 500) {
					await store.writeMessages(
						all.slice(start, start + 500).map((messageId, index) => parked(messageId, due + start + index)),
						due,
					);
				}
				const workers = ['process-a', 'process-b'].map((owner) => startWorker({ owner, mode: 'drain', leaseMs: 120000, limit: 10 }));
				await Promise.all(workers.map((worker) => nextMessage(worker, 'ready')));
				for (const worker of workers) worker.send('go');
				const results = await Promise.all(workers.map((worker) => nextMessage(worker, 'drained')));
				const claimed = results.flatMap((result) => result.claimed as string[]);
				expect(results.flatMap((result) => result.lost as string[])).toEqual([]);
				expect(claimed).toHaveLength(2000);
				expect(new Set(claimed)).toEqual(new Set(all));
				for (const result of results) expect((result.claimed as string[]).length).toBeGreaterThan(0);
				const stats = await store.stats(Date.now());
				expect(stats).toMatchObject({ byStatus: { succeeded: 2000 }, queued: 0, due: 0 });
				expect((await store.getMessage(all[1234]))?.repushes).toBe(1);
			});

			it('brings a record back after the lease of a claimer that crashed holding it', async () => {
				await store.writeMessages([parked('m1', 100), parked('m2', 200), parked('m3', Date.now() + 3600000)], 0);
				const worker = startWorker({ owner: 'crashing', mode: 'hold', leaseMs: 300, limit: 10 });
				const claim = await nextMessage(worker, 'claimed');
				expect(claim.ids).toEqual(['m1', 'm2']);
				const exited = new Promise((resolve) => worker.once('exit', resolve));
				worker.kill('SIGKILL');
				await exited;
				const claimedAt = claim.now as number;
				expect(await store.claimDue({ now: claimedAt + 299, limit: 10, owner: 'survivor', leaseMs: 300 })).toEqual([]);
				const back = await store.claimDue({ now: claimedAt + 300, limit: 10, owner: 'survivor', leaseMs: 300 });
				expect(back).toMatchObject([
					{ messageId: 'm1', leaseOwner: 'survivor', repushes: 2 },
					{ messageId: 'm2', leaseOwner: 'survivor', repushes: 2 },
				]);
				expect(await store.acknowledge('m1', 'survivor', { outcome: 'succeeded' }, claimedAt + 400)).toBe(true);
			});
		});

		const children: ChildProcess[] = [];

		afterEach(() => {
			for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		});

		function startWorker(options: { owner: string; mode: 'drain' | 'hold'; leaseMs: number; limit: number }): ChildProcess {
			const child = fork(claimWorker, [JSON.stringify({ ...options, modulePath: factory.modulePath, exportName: factory.exportName, config })], {
				execPath: process.execPath,
				execArgv: [],
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			});
			children.push(child);
			return child;
		}
	});
}

/** The worker's next message of `type`; rejects when it reports an error or exits first. */
function nextMessage(child: ChildProcess, type: string): Promise<Record<string, unknown>> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: Record<string, unknown>): void => {
			if (message.type === type) {
				cleanUp();
				resolve(message);
			} else if (message.type === 'error') {
				cleanUp();
				reject(new Error(`claim worker failed: ${String(message.message)}`));
			}
		};
		const onExit = (code: number | null, signal: string | null): void => {
			cleanUp();
			reject(new Error(`claim worker exited (${code ?? signal}) before sending ${type}`));
		};
		const cleanUp = (): void => {
			child.off('message', onMessage);
			child.off('exit', onExit);
		};
		child.on('message', onMessage);
		child.on('exit', onExit);
	});
}
