import fc from 'fast-check';

import {
	DeliveryMemory,
	defaultMaxDeliveryKeys,
	deliveryDigest,
	deliveryKeysBound,
	maxDeliveryKeysLimit,
} from '../../../../nodes/shared/trigger/deliveryMemory';

const at = Date.parse('2024-06-01T00:00:00Z');
const now = Math.floor(at / 1000);
const options = { nowMs: at, windowSeconds: 3600, maxKeys: 3 };

function memoryOf(keys: string[], rememberOptions = options): DeliveryMemory {
	const memory = new DeliveryMemory();
	for (const key of keys) memory.rememberIfNew(key, rememberOptions);
	return memory;
}

describe('delivery memory', () => {
	it('remembers a key until its window ends', () => {
		const memory = memoryOf(['deliver-1']);
		expect(memory.isRemembered('deliver-1', at + 3_599_000)).toBe(true);
		expect(memory.isRemembered('deliver-1', at + 3_600_000)).toBe(false);
		expect(memory.isRemembered('deliver-2', at)).toBe(false);
	});

	it('tells the keys it remembered last, oldest first (what a request added, for the journal)', () => {
		const memory = memoryOf(['deliver-1', 'deliver-2']);
		expect(memory.newest(1)).toEqual([[deliveryDigest('deliver-2'), now + 3600]]);
		expect(memory.newest(5)).toEqual([
			[deliveryDigest('deliver-1'), now + 3600],
			[deliveryDigest('deliver-2'), now + 3600],
		]);
		expect(memory.newest(0)).toEqual([]);
		// A duplicate adds nothing: rememberedCount does not move, so a caller asks for none.
		const before = memory.rememberedCount;
		expect(memory.rememberIfNew('deliver-2', options)).toBe(false);
		expect(memory.rememberedCount).toBe(before);
	});

	it('answers a key it remembers as a duplicate and a new key as new', () => {
		const memory = new DeliveryMemory();
		expect(memory.rememberIfNew('deliver-1', options)).toBe(true);
		expect(memory.rememberIfNew('deliver-1', { ...options, nowMs: at + 1000 })).toBe(false);
		expect(memory.rememberIfNew('deliver-2', options)).toBe(true);
	});

	it('lets a key through again once its window has passed', () => {
		const memory = memoryOf(['deliver-1']);
		expect(memory.rememberIfNew('deliver-1', { ...options, nowMs: at + 3_600_000 })).toBe(true);
		expect([...memory.entries(at + 3_600_000)]).toEqual([[deliveryDigest('deliver-1'), now + 7200]]);
	});

	it('stores a 22-character digest, not the key itself', () => {
		const key = 'flowId=ID01;nodeId=N1;action=flow.rejected;userInfo.id=7hw8';
		const memory = memoryOf([key]);
		expect([...memory.entries(at)]).toEqual([[deliveryDigest(key), now + 3600]]);
		expect(deliveryDigest(key)).toHaveLength(22);
	});

	it('prunes expired keys when remembering a new one', () => {
		const memory = memoryOf(['old']);
		memory.rememberIfNew('new', { ...options, nowMs: at + 3_600_000 });
		expect(memory.size).toBe(1);
		expect([...memory.entries(at + 3_600_000)].map(([digest]) => digest)).toEqual([deliveryDigest('new')]);
	});

	it('drops the oldest keys beyond the bound', () => {
		const memory = memoryOf(['a', 'b', 'c', 'd']);
		expect(memory.size).toBe(3);
		expect([...memory.entries(at)].map(([digest]) => digest)).toEqual(['b', 'c', 'd'].map(deliveryDigest));
		expect(memory.isRemembered('a', at)).toBe(false);
	});

	it('shrinks to a lowered bound on the next new key', () => {
		const memory = memoryOf(['a', 'b', 'c'], { ...options, maxKeys: 10 });
		memory.rememberIfNew('d', { ...options, maxKeys: 2 });
		expect([...memory.entries(at)].map(([digest]) => digest)).toEqual(['c', 'd'].map(deliveryDigest));
	});

	it('stays bounded over many more keys than its bound, keeping the newest', () => {
		const memory = new DeliveryMemory();
		for (let i = 0; i < 5000; i++) memory.rememberIfNew(`deliver-${i}`, { ...options, nowMs: at + i * 10, maxKeys: 1000 });
		expect(memory.size).toBe(1000);
		const end = at + 50_000;
		expect(memory.isRemembered('deliver-3999', end)).toBe(false);
		expect(memory.isRemembered('deliver-4000', end)).toBe(true);
		expect(memory.isRemembered('deliver-4999', end)).toBe(true);
		expect([...memory.entries(end)]).toHaveLength(1000);
	});

	it('counts the keys it remembered, not the duplicates', () => {
		const memory = memoryOf(['a', 'b', 'a']);
		expect(memory.rememberedCount).toBe(2);
	});
});

describe('delivery memory when the window setting changes', () => {
	it('keeps a key remembered with the longer window after newer keys with a shorter one expire', () => {
		const memory = memoryOf(['long']);
		memory.rememberIfNew('short', { ...options, windowSeconds: 10 });
		expect(memory.isRemembered('short', at + 10_000)).toBe(false);
		expect(memory.isRemembered('long', at + 10_000)).toBe(true);
		expect(memory.rememberIfNew('long', { ...options, windowSeconds: 10, nowMs: at + 10_000 })).toBe(false);
	});

	it('drops expired keys before unexpired older ones when the bound is reached after a shorter window', () => {
		const memory = memoryOf(['long']);
		memory.rememberIfNew('short-1', { ...options, windowSeconds: 10 });
		const later = { ...options, windowSeconds: 10, nowMs: at + 20_000 };
		memory.rememberIfNew('short-2', later);
		memory.rememberIfNew('short-3', later);
		// short-1 expired: it goes first, and 'long' (oldest, but unexpired) stays within the bound of 3.
		expect([...memory.entries(later.nowMs)].map(([digest]) => digest)).toEqual(['long', 'short-2', 'short-3'].map(deliveryDigest));
		expect(memory.size).toBe(3);
	});

	it('expires keys by their own window after a longer window is set', () => {
		const memory = memoryOf(['short'], { ...options, windowSeconds: 10 });
		memory.rememberIfNew('long', options);
		expect(memory.isRemembered('short', at + 10_000)).toBe(false);
		expect(memory.isRemembered('long', at + 10_000)).toBe(true);
		memory.rememberIfNew('later', { ...options, nowMs: at + 10_000 });
		expect([...memory.entries(at + 10_000)].map(([digest]) => digest)).toEqual(['long', 'later'].map(deliveryDigest));
	});

	it('answers and holds exactly what a memory pruning every expired key on each insert would (property)', () => {
		// The reference: the plain object of earlier versions, in insertion order, every expired key
		// dropped before each insert, then the oldest beyond the bound.
		const step = fc.record({
			key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
			advanceMs: fc.integer({ min: 0, max: 30_000 }),
			windowSeconds: fc.constantFrom(1, 5, 20, 60),
			maxKeys: fc.integer({ min: 1, max: 6 }),
		});
		fc.assert(
			fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
				const memory = new DeliveryMemory();
				let reference: Array<{ key: string; expiresAt: number }> = [];
				let nowMs = at;
				for (const { key, advanceMs, windowSeconds, maxKeys } of steps) {
					nowMs += advanceMs;
					const seconds = Math.floor(nowMs / 1000);
					reference = reference.filter((entry) => entry.expiresAt > seconds);
					const isNew = !reference.some((entry) => entry.key === key);
					if (isNew) {
						while (reference.length >= maxKeys) reference.shift();
						reference.push({ key, expiresAt: seconds + windowSeconds });
					}
					expect(memory.rememberIfNew(key, { nowMs, windowSeconds, maxKeys })).toBe(isNew);
					expect([...memory.entries(nowMs)]).toEqual(reference.map((entry) => [deliveryDigest(entry.key), entry.expiresAt]));
					expect(memory.size).toBe(reference.length);
					// A lowered bound applies from the next new key on.
					if (isNew) expect(memory.size).toBeLessThanOrEqual(maxKeys);
				}
			}),
		);
	});
});

describe('merging a saved copy into a delivery memory', () => {
	it('keeps every unexpired key once, with its latest expiry, oldest first', () => {
		const memory = memoryOf(['x'], { ...options, windowSeconds: 20 });
		const x = deliveryDigest('x');
		memory.merge(
			[
				[x, now + 50],
				['d', now + 5],
				['c', now - 1],
				['e', now + 30],
			],
			{ nowMs: at, maxKeys: 10 },
		);
		expect([...memory.entries(at)]).toEqual([
			['d', now + 5],
			['e', now + 30],
			[x, now + 50],
		]);
	});

	it('suppresses the merged keys afterwards', () => {
		const memory = new DeliveryMemory();
		memory.merge([[deliveryDigest('saved-elsewhere'), now + 60]], { nowMs: at, maxKeys: 10 });
		expect(memory.rememberIfNew('saved-elsewhere', options)).toBe(false);
		expect(memory.rememberIfNew('new', options)).toBe(true);
	});

	it('keeps the latest expiries within the bound', () => {
		const memory = new DeliveryMemory();
		memory.merge(
			[
				['a', now + 10],
				['b', now + 40],
				['c', now + 20],
				['d', now + 30],
			],
			{ nowMs: at, maxKeys: 2 },
		);
		expect([...memory.entries(at)]).toEqual([
			['d', now + 30],
			['b', now + 40],
		]);
	});

	it('tells whether the memory holds keys the saved copy lacks', () => {
		const memory = memoryOf(['mine']);
		expect(memory.merge([['theirs', now + 60]], { nowMs: at, maxKeys: 10 })).toBe(true);
		expect(memory.merge([[deliveryDigest('mine'), now + 3600], ['theirs', now + 60]], { nowMs: at, maxKeys: 10 })).toBe(false);
	});

	it('does not count merged keys as remembered ones', () => {
		const memory = memoryOf(['mine']);
		memory.merge([['theirs', now + 60]], { nowMs: at, maxKeys: 10 });
		expect(memory.rememberedCount).toBe(1);
		expect(memory.size).toBe(2);
	});
});

describe('deliveryKeysBound', () => {
	it('turns the Remembered Deliveries setting into a whole number between 1 and the limit', () => {
		expect(deliveryKeysBound(500)).toBe(500);
		expect(deliveryKeysBound(12.7)).toBe(12);
		expect(deliveryKeysBound(0)).toBe(1);
		expect(deliveryKeysBound(1e9)).toBe(maxDeliveryKeysLimit);
		expect(deliveryKeysBound(Number.NaN)).toBe(defaultMaxDeliveryKeys);
	});
});
