import { adapterFor, adapterSupports, todoAdapters } from '../../../../../nodes/shared/todo/adapters';
import { formatLocalDateTime } from '../../../../../nodes/shared/todo/adapters/localDateTime';
import { todoOperations } from '../../../../../nodes/shared/todo/types';

describe('to-do adapter registry', () => {
	it('keys every adapter by its own kind', () => {
		for (const [kind, adapter] of Object.entries(todoAdapters)) expect(adapter.kind).toBe(kind);
	});

	it('finds an adapter by kind and names the kinds for an unknown one', () => {
		expect(adapterFor('landraySoap')).toBe(todoAdapters.landraySoap);
		expect(() => adapterFor('feishu')).toThrow('"feishu" is not a to-do adapter: use one of ofsRest, e10, esb, landraySoap, dingtalk, wecom, custom');
	});

	it('lists only known operations', () => {
		for (const adapter of Object.values(todoAdapters)) for (const operation of adapter.operations) expect(todoOperations).toContain(operation);
	});

	it('says an operation outside an adapter list is not supported', () => {
		const target = { sysCode: 's', baseUrl: 'http://127.0.0.1:1', options: {} };
		expect(adapterSupports(todoAdapters.wecom, 'done', target)).toBe(false);
		expect(adapterSupports(todoAdapters.dingtalk, 'delete_flow', target)).toBe(false);
		expect(adapterSupports(todoAdapters.ofsRest, 'delete_flow', target)).toBe(true);
	});
});

describe('formatLocalDateTime', () => {
	it.each([
		['2026-05-01T16:00:00Z', 'Asia/Shanghai', '2026-05-02 00:00:00'],
		['2026-12-31T23:59:59Z', 'UTC', '2026-12-31 23:59:59'],
		['2026-03-29T01:30:00Z', 'Europe/Berlin', '2026-03-29 03:30:00'],
	])('formats %s in %s as %s', (iso, zone, text) => {
		expect(formatLocalDateTime(Date.parse(iso), zone)).toBe(text);
	});

	it('refuses a time that is not a number', () => {
		expect(() => formatLocalDateTime(Number.NaN)).toThrow('NaN is not a time');
	});
});
