import { acknowledgementFor } from '../../../../nodes/shared/outbox/acknowledgement';

const minute = 60_000;
const now = Date.parse('2026-12-01T08:00:00Z');
const rule = { maxRepushes: 3, intervalMinutes: 5, exponential: false };
const attempt = { at: '2026-12-01T07:59:00.000Z', response: { status: 503 } };
const failed = (reason: string, status = 'failed') => ({ messageId: 'm', status, reason, attempts: [attempt], lastAttemptAt: '2026-12-01T07:59:00.000Z' });

describe('acknowledgementFor', () => {
	it('ends a succeeded delivery as succeeded, with its attempts and time', () => {
		expect(acknowledgementFor({ messageId: 'm', status: 'succeeded', reason: null, attempts: [attempt], lastAttemptAt: attempt.at }, 1, rule, 'fromDelivery', now)).toMatchObject({
			outcome: 'succeeded',
			attempts: 1,
			lastAttemptAt: Date.parse(attempt.at),
		});
	});

	it('puts a refused delivery back after the interval while re-pushes remain', () => {
		expect(acknowledgementFor(failed('status_not_accepted'), 2, rule, 'fromDelivery', now)).toMatchObject({ outcome: 'retry', status: 'failed', nextDueAt: now + 5 * minute });
	});

	it('puts a timeout back as no response', () => {
		expect(acknowledgementFor(failed('timeout'), 1, rule, 'fromDelivery', now)).toMatchObject({ outcome: 'retry', status: 'no_response' });
	});

	it('puts a hand-off (retrying) back as retrying', () => {
		expect(acknowledgementFor(failed('status_not_accepted', 'retrying'), 1, rule, 'fromDelivery', now)).toMatchObject({ outcome: 'retry', status: 'retrying' });
	});

	it('fails for good once Max Re-pushes is reached', () => {
		expect(acknowledgementFor(failed('status_not_accepted'), 3, rule, 'fromDelivery', now)).toMatchObject({ outcome: 'failed', reason: 'status_not_accepted' });
	});

	it('never gives up without a Max Re-pushes', () => {
		expect(acknowledgementFor(failed('timeout'), 50, { ...rule, maxRepushes: null }, 'fromDelivery', now).outcome).toBe('retry');
	});

	it('fails gone and invalid requests for good at once', () => {
		expect(acknowledgementFor(failed('gone'), 1, rule, 'fromDelivery', now).outcome).toBe('failed');
		expect(acknowledgementFor(failed('invalid_request'), 1, rule, 'fromDelivery', now).outcome).toBe('failed');
	});

	it('lets the chosen outcome override the record', () => {
		expect(acknowledgementFor(failed('timeout'), 1, rule, 'succeeded', now).outcome).toBe('succeeded');
		expect(acknowledgementFor(undefined, 1, rule, 'failed', now)).toMatchObject({ outcome: 'failed', reason: 'failed_by_workflow', attempts: 0 });
	});

	it('asks for a delivery record when it must read one', () => {
		expect(() => acknowledgementFor(undefined, 1, rule, 'fromDelivery', now)).toThrow('The item carries no delivery record (json.delivery)');
	});
});
