import { type DeliveryRecord, deliveryExcerpt, payloadOf, pushLogStatusOf, pushLogWrite } from '../../../../nodes/shared/delivery';

const record = (change: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
	messageId: 'msg_1',
	target: 'https://erp.example/in',
	event: 'flow.paid',
	status: 'failed',
	reason: 'status_not_accepted',
	message: 'HTTP 500',
	attempts: [
		{
			at: '2026-12-03T08:00:00.000Z',
			durationMs: 12,
			request: { method: 'POST', url: 'https://erp.example/in', headers: {}, body: '{}', truncated: false, bodyBytes: 2, bodySha256: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a' },
			response: { status: 500, headers: {}, body: 'down', truncated: false },
			error: { reason: 'status_not_accepted', message: 'HTTP 500' },
		},
	],
	firstAttemptAt: '2026-12-03T08:00:00.000Z',
	lastAttemptAt: '2026-12-03T08:00:00.000Z',
	nextAttemptAt: null,
	...change,
});

describe('push log rows', () => {
	it.each([
		['succeeded', null, 'succeeded'],
		['retrying', 'timeout', 'retrying'],
		['held', 'circuit_open', 'held'],
		['failed', 'status_not_accepted', 'failed'],
		['failed', 'invalid_request', 'failed'],
		['failed', 'timeout', 'no_response'],
		['failed', 'connection_error', 'no_response'],
	] as const)('logs a %s delivery with reason %s as %s', (status, reason, logged) => {
		expect(pushLogStatusOf({ status, reason })).toBe(logged);
	});

	it("keeps an excerpt of the record: the verdict, the last answer's status and the times", () => {
		expect(deliveryExcerpt(record())).toEqual({
			status: 'failed',
			reason: 'status_not_accepted',
			message: 'HTTP 500',
			responseStatus: 500,
			firstAttemptAt: '2026-12-03T08:00:00.000Z',
			lastAttemptAt: '2026-12-03T08:00:00.000Z',
		});
	});

	it("leaves empty fields out of a success's excerpt (it is written for every item)", () => {
		expect(deliveryExcerpt(record({ status: 'succeeded', reason: null, message: null }))).toEqual({
			status: 'succeeded',
			responseStatus: 500,
			firstAttemptAt: '2026-12-03T08:00:00.000Z',
			lastAttemptAt: '2026-12-03T08:00:00.000Z',
		});
	});

	it('keeps the payload of a row not delivered, and of a delivered one only when asked to', () => {
		const entry = { payload: { orderId: 'A-1' }, attemptsThisRun: 1, flowId: 'F-1', receiver: null, source: 'wf / Send' };
		expect(pushLogWrite({ ...entry, record: record() }, false).payload).toEqual({ orderId: 'A-1' });
		expect(pushLogWrite({ ...entry, record: record({ status: 'succeeded', reason: null }) }, false).payload).toBeNull();
		expect(pushLogWrite({ ...entry, record: record({ status: 'succeeded', reason: null }) }, true).payload).toEqual({ orderId: 'A-1' });
	});

	it('writes the last attempt time as epoch milliseconds and the attempts of this run', () => {
		const write = pushLogWrite({ record: record(), payload: {}, attemptsThisRun: 1, flowId: null, receiver: null, source: null }, false);
		expect(write).toMatchObject({ messageId: 'msg_1', status: 'failed', attempts: 1, lastAttemptAt: Date.parse('2026-12-03T08:00:00.000Z'), target: 'https://erp.example/in', event: 'flow.paid' });
	});

	it("reads each row's own attempt time when rows alternate between times, repeat one, or carry none or a bad one", () => {
		const times = ['2026-12-03T08:00:00.000Z', '2026-12-03T08:00:00.001Z', '2026-12-03T08:00:00.001Z', '2026-12-03T08:00:00.000Z', null, 'not a time', '2026-12-03T08:00:00.000Z'];
		const epochs = times.map(
			(lastAttemptAt) => pushLogWrite({ record: record({ lastAttemptAt }), payload: {}, attemptsThisRun: 1, flowId: null, receiver: null, source: null }, false).lastAttemptAt,
		);
		expect(epochs).toEqual([1796284800000, 1796284800001, 1796284800001, 1796284800000, null, null, 1796284800000]);
	});

	it('takes the delivery record off the payload, and leaves an item without one as it is', () => {
		const item = { orderId: 'A-1' };
		expect(payloadOf({ orderId: 'A-1', delivery: { messageId: 'm' } })).toEqual({ orderId: 'A-1' });
		expect(payloadOf(item)).toBe(item);
	});
});
