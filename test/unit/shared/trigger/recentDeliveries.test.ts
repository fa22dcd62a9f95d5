import { deliveryDigest } from '../../../../nodes/shared/trigger/deliveryMemory';
import { RecentDeliveries } from '../../../../nodes/shared/trigger/recentDeliveries';
import { savedCopyOf, storeDeliveries } from '../../../../nodes/shared/trigger/storedDeliveries';

const at = Date.parse('2024-06-01T00:00:00Z');
const now = Math.floor(at / 1000);
const window = { windowSeconds: 3600, maxKeys: 100 };
const read = { nowMs: at, maxKeys: 100 };

/** Remembers the key in the node's memory of one process, as a request would. */
function accept(process: RecentDeliveries, saved: unknown, key: string, nowMs = at): boolean {
	return process.memoryFor('node', saved, { nowMs, maxKeys: 100 }).rememberIfNew(key, { ...window, nowMs });
}

function savedDigests(stored: unknown): string[] {
	return [...(savedCopyOf(stored)?.keys() ?? [])].map(([digest]) => digest);
}

describe('recent deliveries of this process', () => {
	it('keeps one memory per node across requests', () => {
		const recent = new RecentDeliveries();
		const memory = recent.memoryFor('wf1/Trigger', undefined, read);
		memory.rememberIfNew('a', { ...window, nowMs: at });
		expect(recent.memoryFor('wf1/Trigger', undefined, read)).toBe(memory);
		expect(recent.memoryFor('wf2/Trigger', undefined, read).isRemembered('a', at)).toBe(false);
	});

	it('forgets the least recently used node beyond its bound', () => {
		const recent = new RecentDeliveries(2);
		const one = recent.memoryFor('one', undefined, read);
		recent.memoryFor('two', undefined, read);
		recent.memoryFor('one', undefined, read);
		recent.memoryFor('three', undefined, read);
		expect(recent.memoryFor('one', undefined, read)).toBe(one);
		const two = recent.memoryFor('two', undefined, read);
		expect(two.size).toBe(0);
		expect(recent.memoryFor('three', undefined, read)).not.toBe(two);
	});

	it('offers the memory for saving when it has new keys and the last save is old enough', () => {
		const recent = new RecentDeliveries(10, 1000);
		expect(recent.takeDueSave('node', 5000)).toBeUndefined();
		accept(recent, undefined, 'a');
		expect(savedDigests(recent.takeDueSave('node', 5000))).toEqual([deliveryDigest('a')]);
		expect(recent.takeDueSave('node', 5001)).toBeUndefined();
		accept(recent, undefined, 'b');
		expect(recent.takeDueSave('node', 5500)).toBeUndefined();
		expect(savedDigests(recent.takeDueSave('node', 6000))).toEqual(['a', 'b'].map(deliveryDigest));
	});

	it('names its saves by process and a growing revision', () => {
		const recent = new RecentDeliveries(10, 0);
		accept(recent, undefined, 'a');
		const first = savedCopyOf(recent.takeDueSave('node', at));
		accept(recent, undefined, 'b');
		const second = savedCopyOf(recent.takeDueSave('node', at));
		expect(first?.writer).toBe(recent.writer);
		expect(second?.writer).toBe(recent.writer);
		expect(second?.revision).toBeGreaterThan(first?.revision ?? Number.POSITIVE_INFINITY);
		expect(new RecentDeliveries().writer).not.toBe(recent.writer);
	});
});

describe('recent deliveries across processes (queue mode, restarts)', () => {
	it('honours a key another process saved', () => {
		const a = new RecentDeliveries(10, 0);
		const b = new RecentDeliveries(10, 0);
		accept(a, undefined, 'deliver-1');
		const saved = a.takeDueSave('node', at);
		expect(accept(b, saved, 'deliver-1')).toBe(false);
		expect(accept(b, saved, 'deliver-2')).toBe(true);
	});

	it('merges again when the other process saves a new revision', () => {
		const a = new RecentDeliveries(10, 0);
		const b = new RecentDeliveries(10, 0);
		accept(a, undefined, 'deliver-1');
		const first = a.takeDueSave('node', at);
		b.memoryFor('node', first, read);
		accept(a, first, 'deliver-2');
		const second = a.takeDueSave('node', at);
		expect(accept(b, second, 'deliver-2')).toBe(false);
		expect(accept(b, second, 'deliver-1')).toBe(false);
	});

	it('does not read a saved copy again while its writer and revision stay the same', () => {
		const b = new RecentDeliveries(10, 0);
		b.memoryFor('node', storeDeliveries([[deliveryDigest('deliver-1'), now + 60]], { writer: 'a', revision: 3 }), read);
		// Same writer and revision, other content: only a copy that changed is read (this one never exists in n8n).
		const sameRevision = storeDeliveries([[deliveryDigest('deliver-2'), now + 60]], { writer: 'a', revision: 3 });
		expect(b.memoryFor('node', sameRevision, read).isRemembered('deliver-2', at)).toBe(false);
		const olderRevision = storeDeliveries([[deliveryDigest('deliver-2'), now + 60]], { writer: 'a', revision: 2 });
		expect(b.memoryFor('node', olderRevision, read).isRemembered('deliver-2', at)).toBe(false);
		const newerRevision = storeDeliveries([[deliveryDigest('deliver-2'), now + 60]], { writer: 'a', revision: 4 });
		expect(b.memoryFor('node', newerRevision, read).isRemembered('deliver-2', at)).toBe(true);
		expect(b.memoryFor('node', newerRevision, read).isRemembered('deliver-1', at)).toBe(true);
	});

	it('does not read back its own save', () => {
		const a = new RecentDeliveries(10, 0);
		accept(a, undefined, 'deliver-1');
		const saved = savedCopyOf(a.takeDueSave('node', at));
		const ownCopy = storeDeliveries([[deliveryDigest('deliver-2'), now + 60]], { writer: a.writer, revision: saved?.revision ?? 0 });
		expect(a.memoryFor('node', ownCopy, read).isRemembered('deliver-2', at)).toBe(false);
	});

	it('reads what it saved before a restart at its first request', () => {
		const before = new RecentDeliveries(10, 0);
		accept(before, undefined, 'deliver-1');
		const saved = before.takeDueSave('node', at);
		const restarted = new RecentDeliveries(10, 0);
		expect(accept(restarted, saved, 'deliver-1', at + 60_000)).toBe(false);
	});

	it('saves again after merging a copy that lacks keys it holds, so the static data converges', () => {
		const a = new RecentDeliveries(10, 0);
		const b = new RecentDeliveries(10, 0);
		accept(a, undefined, 'from-a');
		a.takeDueSave('node', at);
		accept(b, undefined, 'from-b');
		const savedByB = b.takeDueSave('node', at);
		a.memoryFor('node', savedByB, read);
		expect(savedDigests(a.takeDueSave('node', at + 1)).sort()).toEqual(['from-a', 'from-b'].map(deliveryDigest).sort());
	});

	it('does not save after merging a copy that holds everything it has', () => {
		const a = new RecentDeliveries(10, 0);
		const b = new RecentDeliveries(10, 0);
		accept(a, undefined, 'from-a');
		b.memoryFor('node', a.takeDueSave('node', at), read);
		expect(b.takeDueSave('node', at)).toBeUndefined();
	});

	it('migrates the plain object earlier versions saved', () => {
		const legacy = { [deliveryDigest('old-delivery')]: now + 600 };
		const recent = new RecentDeliveries(10, 0);
		expect(accept(recent, legacy, 'old-delivery')).toBe(false);
		expect(accept(recent, legacy, 'new-delivery')).toBe(true);
		const saved = recent.takeDueSave('node', at);
		expect(saved).toMatchObject({ version: 2, writer: recent.writer });
		expect(savedDigests(saved)).toEqual(['old-delivery', 'new-delivery'].map(deliveryDigest));
	});

	it('keeps a merged memory within the node bound', () => {
		const recent = new RecentDeliveries(10, 0);
		const many = Array.from({ length: 50 }, (_, i): [string, number] => [deliveryDigest(`deliver-${i}`), now + 60 + i]);
		const memory = recent.memoryFor('node', storeDeliveries(many, { writer: 'a', revision: 1 }), { nowMs: at, maxKeys: 20 });
		expect(memory.size).toBe(20);
		expect(memory.isRemembered('deliver-49', at)).toBe(true);
		expect(memory.isRemembered('deliver-29', at)).toBe(false);
	});
});
