import { claimedItemJson, claimOf, findField, logRow, logStatusOf, parkItem, payloadOf } from '../../../../nodes/shared/outbox/outboxItem';
import type { MessageRecord } from '../../../../nodes/shared/store/types';

const now = Date.parse('2026-12-01T08:00:00Z');

describe('logStatusOf', () => {
	it("names a delivery's push-log status as seed 002 does", () => {
		expect(logStatusOf({ status: 'succeeded' })).toBe('succeeded');
		expect(logStatusOf({ status: 'ignored' })).toBe('ignored');
		expect(logStatusOf({ status: 'failed', reason: 'timeout' })).toBe('no_response');
		expect(logStatusOf({ status: 'failed', reason: 'connection_error' })).toBe('no_response');
		expect(logStatusOf({ status: 'held', reason: 'circuit_open' })).toBe('held');
		expect(logStatusOf({ status: 'retrying', reason: 'status_not_accepted' })).toBe('retrying');
		expect(logStatusOf({ status: 'failed', reason: 'keyword_mismatch' })).toBe('failed');
	});
});

describe('payloadOf', () => {
	it('drops what delivering and the outbox added', () => {
		expect(payloadOf({ a: 1, delivery: {}, outbox: {}, testResult: {} })).toEqual({ a: 1 });
	});
});

describe('findField', () => {
	it('finds a field on the item, else in its JSON request body', () => {
		expect(findField({ requestId: 'R1' }, ['flowId', 'requestId'])).toBe('R1');
		expect(findField({ request: { body: '{"flowId":"F9"}' } }, ['flowId'])).toBe('F9');
		expect(findField({ request: { body: { userid: 7 } } }, ['userid'])).toBe('7');
		expect(findField({ request: { body: 'not json' } }, ['flowId'])).toBeNull();
	});
});

describe('parkItem', () => {
	const settings = { messageId: () => 'generated', flowId: null, receiver: null, source: 'wf / Outbox', dueAt: () => now + 1 };

	it('writes a failed delivery from its record', () => {
		const parked = parkItem(
			{ flowId: 'F1', delivery: { messageId: 'm1', status: 'failed', reason: 'status_not_accepted', target: 't', event: 'e', attempts: [{ response: { status: 500 } }, { response: { status: 502 } }], lastAttemptAt: '2026-12-01T07:00:00Z' } },
			settings,
		);
		expect(parked).toMatchObject({ queued: true, note: null });
		expect(parked.write).toMatchObject({ messageId: 'm1', status: 'failed', attempts: 2, flowId: 'F1', nextDueAt: now + 1, lastAttemptAt: Date.parse('2026-12-01T07:00:00Z'), payload: { flowId: 'F1' } });
		expect(parked.write.delivery).toMatchObject({ responseStatus: 502, attempts: 2 });
	});

	it('takes Flow ID and Receiver from the settings over the item', () => {
		const parked = parkItem({ flowId: 'F1', delivery: { messageId: 'm1', status: 'failed' } }, { ...settings, flowId: 'X', receiver: 'Y' });
		expect([parked.write.flowId, parked.write.receiver]).toEqual(['X', 'Y']);
	});

	it('parks an item without a record as not sent yet, under the id the settings give', () => {
		const parked = parkItem({ a: 1 }, settings);
		expect(parked.write).toMatchObject({ messageId: 'generated', status: 'retrying', reason: 'not_sent', attempts: 0 });
		expect(parked.note).toContain('generated');
	});
});

const record: MessageRecord = {
	messageId: 'm1',
	status: 'failed',
	reason: 'timeout',
	target: 'https://a.example.com/x',
	event: 'flow.approved',
	flowId: 'F1',
	receiver: 'R1',
	source: null,
	attempts: 3,
	repushes: 2,
	nextDueAt: null,
	leaseOwner: 'o',
	leaseUntil: now + 60_000,
	createdAt: now - 1000,
	updatedAt: now,
	lastAttemptAt: now - 500,
	payload: { request: { body: '{"a":1}' }, flowId: 'F1' },
	delivery: { message: 'timed out', responseStatus: null },
};

describe('claimedItemJson and claimOf', () => {
	it('gives back the payload with the id as a parked record and the claim, which claimOf reads', () => {
		const json = claimedItemJson(record, { owner: 'o', claimedAt: new Date(now).toISOString(), maxRepushes: 3, intervalMinutes: 5, exponential: true });
		expect(json.request).toEqual({ body: '{"a":1}' });
		expect(json.delivery).toMatchObject({ messageId: 'm1', status: 'parked', target: 'https://a.example.com/x', event: 'flow.approved' });
		expect(claimOf(json)).toEqual({
			messageId: 'm1',
			owner: 'o',
			repushes: 2,
			claimedAt: new Date(now).toISOString(),
			leaseUntil: new Date(now + 60_000).toISOString(),
			maxRepushes: 3,
			intervalMinutes: 5,
			exponential: true,
		});
	});

	it('says an item without a claim is none', () => {
		expect(claimOf({ outbox: { messageId: 'm1' } })).toBeUndefined();
		expect(claimOf({})).toBeUndefined();
	});
});

describe('logRow', () => {
	it('is flat, with ISO times, and carries payload and delivery only when asked', () => {
		const row = logRow(record);
		expect(row).toMatchObject({ messageId: 'm1', queued: false, nextDueAt: null, createdAt: new Date(now - 1000).toISOString(), message: 'timed out', lastResponseStatus: null });
		expect('payload' in row).toBe(false);
		expect(logRow(record, { payload: true, delivery: true })).toMatchObject({ payload: record.payload, delivery: record.delivery });
	});
});
