import fc from 'fast-check';

import { deliveryDigest, isRemembered, mergeMemories, rememberDelivery } from '../../../../nodes/shared/trigger/deliveryMemory';

const at = Date.parse('2024-06-01T00:00:00Z');
const options = { nowMs: at, windowSeconds: 3600, maxKeys: 3 };

describe('delivery memory', () => {
	it('remembers a key until its window ends', () => {
		const memory = rememberDelivery({}, 'deliver-1', options);
		expect(isRemembered(memory, 'deliver-1', at + 3_599_000)).toBe(true);
		expect(isRemembered(memory, 'deliver-1', at + 3_600_000)).toBe(false);
		expect(isRemembered(memory, 'deliver-2', at)).toBe(false);
	});

	it('stores a 22-character digest, not the key itself', () => {
		const memory = rememberDelivery({}, 'flowId=ID01;nodeId=N1;action=flow.rejected;userInfo.id=7hw8', options);
		expect(Object.keys(memory)).toEqual([deliveryDigest('flowId=ID01;nodeId=N1;action=flow.rejected;userInfo.id=7hw8')]);
		expect(Object.keys(memory)[0]).toHaveLength(22);
	});

	it('prunes expired keys when remembering a new one', () => {
		const old = rememberDelivery({}, 'old', options);
		const next = rememberDelivery(old, 'new', { ...options, nowMs: at + 3_600_000 });
		expect(Object.keys(next)).toEqual([deliveryDigest('new')]);
	});

	it('drops the oldest keys beyond the bound', () => {
		let memory = {};
		for (const key of ['a', 'b', 'c', 'd']) memory = rememberDelivery(memory, key, options);
		expect(Object.keys(memory)).toEqual(['b', 'c', 'd'].map(deliveryDigest));
	});

	it('does not modify the memory it is given', () => {
		const memory = rememberDelivery({}, 'a', options);
		const copy = { ...memory };
		rememberDelivery(memory, 'b', options);
		expect(memory).toEqual(copy);
	});

	it('never holds more than the bound and always holds the newest key (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.string(), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (keys, maxKeys) => {
				let memory = {};
				for (const key of keys) {
					memory = rememberDelivery(memory, key, { ...options, maxKeys });
					expect(Object.keys(memory).length).toBeLessThanOrEqual(maxKeys);
					expect(isRemembered(memory, key, at)).toBe(true);
				}
			}),
		);
	});
});

describe('merging delivery memories', () => {
	it('keeps every unexpired key once, with its latest expiry, oldest first', () => {
		const now = Math.floor(at / 1000);
		const merged = mergeMemories([{ a: now + 10, b: now + 30 }, { a: now + 20, c: now - 1, d: now + 5 }], at);
		expect(Object.entries(merged)).toEqual([
			['d', now + 5],
			['a', now + 20],
			['b', now + 30],
		]);
	});
});
