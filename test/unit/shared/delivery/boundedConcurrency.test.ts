import fc from 'fast-check';

import { mapWithConcurrency } from '../../../../nodes/shared/delivery/boundedConcurrency';
import { createHttpClient } from '../../../../nodes/shared/delivery/httpClient';
import { deliverMessage } from '../../../../nodes/shared/delivery/deliverMessage';
import { defaultRetryOn } from '../../../../nodes/shared/delivery/retryPolicy';
import { anyTwoHundred } from '../../../../nodes/shared/delivery/statusRanges';
import { answer, delay, startTarget } from './localTarget';

describe('mapWithConcurrency', () => {
	it('returns results in index order whatever order tasks finish in, never running more than the limit', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), async (waits, limit) => {
				let running = 0;
				let peak = 0;
				const results = await mapWithConcurrency(waits.length, limit, async (index) => {
					running++;
					peak = Math.max(peak, running);
					await delay(waits[index]);
					running--;
					return index * 10;
				});
				return results.every((value, index) => value === index * 10) && results.length === waits.length && peak <= limit;
			}),
			{ numRuns: 40 },
		);
	});

	it('runs nothing for no items', async () => {
		expect(await mapWithConcurrency(0, 16, async () => await Promise.resolve(1))).toEqual([]);
	});

	it('delivers 200 items to a real target with never more than 16 in flight, in input order', async () => {
		const target = await startTarget(async (call, res) => {
			// Later items answer sooner, so completion order differs from input order.
			const { n } = JSON.parse(call.body.toString()) as { n: number };
			await delay((200 - n) % 7);
			answer(res, 200, { n });
		});
		const client = createHttpClient({ connectionsPerOrigin: 16 });
		try {
			const outcomes = await mapWithConcurrency(200, 16, async (n) => {
				return await deliverMessage(
					{
						request: { method: 'POST', url: target.url, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) },
						messageId: `msg_${n}`,
						event: null,
						timeoutMs: 5000,
						success: { acceptedStatuses: anyTwoHundred },
						retry: { maxRetries: 0, backoff: { kind: 'fixed', intervalMs: 0 }, retryOn: defaultRetryOn, retryAfterCapMs: 0 },
					},
					{ send: client.send, sleep: async () => {} },
				);
			});
			expect(target.calls).toHaveLength(200);
			expect(target.peakInFlight).toBeLessThanOrEqual(16);
			expect(target.peakInFlight).toBeGreaterThan(1);
			expect(outcomes.map((outcome) => outcome.record.attempts[0].response?.body)).toEqual(
				Array.from({ length: 200 }, (_, n) => JSON.stringify({ n })),
			);
		} finally {
			await client.close();
			await target.close();
		}
	});
});
