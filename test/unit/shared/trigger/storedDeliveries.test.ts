import { legacyWriter, savedCopyOf, storeDeliveries, type LegacyStoredDeliveries } from '../../../../nodes/shared/trigger/storedDeliveries';

const entries: Array<[string, number]> = [
	['Qm9zc2VkIGRpZ2VzdCAx_-', 1717203600],
	['AnotherDigestOf22Chars', 1717207200],
];

describe('delivery keys saved in the static data', () => {
	it('reads back the keys, writer and revision it saved', () => {
		const stored = storeDeliveries(entries, { writer: 'proc-a', revision: 7 });
		const copy = savedCopyOf(JSON.parse(JSON.stringify(stored)));
		expect(copy).toMatchObject({ writer: 'proc-a', revision: 7 });
		expect([...(copy?.keys() ?? [])]).toEqual(entries);
	});

	it('saves every key in one string, not a property per key', () => {
		expect(storeDeliveries(entries, { writer: 'proc-a', revision: 1 })).toEqual({
			version: 2,
			writer: 'proc-a',
			revision: 1,
			keys: 'Qm9zc2VkIGRpZ2VzdCAx_-:1717203600,AnotherDigestOf22Chars:1717207200',
		});
	});

	it('reads an empty memory', () => {
		const copy = savedCopyOf(storeDeliveries([], { writer: 'proc-a', revision: 2 }));
		expect([...(copy?.keys() ?? ['not read'])]).toEqual([]);
	});

	it('reads the plain digest → expiry object earlier versions saved, as one legacy copy', () => {
		const legacy: LegacyStoredDeliveries = Object.fromEntries(entries);
		const copy = savedCopyOf({ ...legacy, broken: 'not a number' });
		expect(copy).toMatchObject({ writer: legacyWriter, revision: 0 });
		expect([...(copy?.keys() ?? [])]).toEqual(entries);
	});

	it('has no saved copy when nothing or something unreadable is stored', () => {
		expect(savedCopyOf(undefined)).toBeUndefined();
		expect(savedCopyOf('deliveries')).toBeUndefined();
		expect(savedCopyOf({ version: 2, writer: 'proc-a', revision: 1, keys: { a: 1 } })).toBeUndefined();
	});

	it('skips pairs it cannot read', () => {
		const copy = savedCopyOf({ version: 2, writer: 'proc-a', revision: 1, keys: 'good:1717203600,nocolon,bad:soon,:1717203600' });
		expect([...(copy?.keys() ?? [])]).toEqual([['good', 1717203600]]);
	});
});
