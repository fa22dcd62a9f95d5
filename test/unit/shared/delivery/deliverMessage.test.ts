import { type HttpClient, createHttpClient } from '../../../../nodes/shared/delivery/httpClient';
import { type DeliveryPlan, deliverMessage } from '../../../../nodes/shared/delivery/deliverMessage';
import { compileKeywordRule } from '../../../../nodes/shared/delivery/keywordRule';
import { createSecretRedactor } from '../../../../nodes/shared/delivery/secretMasking';
import { type RetryPolicy, defaultRetryOn } from '../../../../nodes/shared/delivery/retryPolicy';
import { statusRangesFromCodes } from '../../../../nodes/shared/delivery/statusRanges';
import type { DeliveryRecord } from '../../../../nodes/shared/delivery/types';
import { type LocalTarget, answer, closedPortUrl, delay, startTarget } from './localTarget';

const noRetries: RetryPolicy = { maxRetries: 0, backoff: { kind: 'fixed', intervalMs: 0 }, retryOn: defaultRetryOn, retryAfterCapMs: 60_000 };

describe('deliverMessage against a local target', () => {
	let target: LocalTarget | undefined;
	let client: HttpClient;
	/** Delays the engine chose; the sleep itself returns at once. */
	let delays: number[];
	const sleep = async (ms: number) => {
		delays.push(ms);
	};
	const clock = { now: Date.parse('2026-05-01T10:00:00Z') };

	function plan(overrides: Partial<DeliveryPlan> = {}): DeliveryPlan {
		return {
			request: { method: 'POST', url: `${target?.url ?? 'http://127.0.0.1:1'}/hook`, headers: { 'content-type': 'application/json' }, body: '{"n":1}' },
			messageId: 'msg_test',
			event: 'backlog.approving',
			timeoutMs: 2000,
			success: { acceptedStatuses: statusRangesFromCodes([200, 201, 204]) },
			retry: noRetries,
			...overrides,
		};
	}

	async function deliver(overrides: Partial<DeliveryPlan> = {}) {
		return await deliverMessage(plan(overrides), { send: client.send, sleep, now: () => clock.now, random: () => 0.5 });
	}

	/** Answers with `statuses[i]` for the i-th call (the last one repeats). */
	async function targetAnswering(...statuses: Array<number | [number, unknown, Record<string, string>?]>) {
		target = await startTarget((_call, res, index) => {
			const entry = statuses[Math.min(index, statuses.length - 1)];
			if (Array.isArray(entry)) answer(res, entry[0], entry[1], entry[2]);
			else answer(res, entry, entry === 204 ? '' : { ok: entry < 300 });
		});
	}

	beforeEach(() => {
		delays = [];
		client = createHttpClient({ connectionsPerOrigin: 4 });
	});

	afterEach(async () => {
		await client.close();
		await target?.close();
		target = undefined;
	});

	describe('status classes', () => {
		it.each([200, 201, 204])('succeeds on HTTP %i with the seed default set', async (status) => {
			await targetAnswering(status);
			const { route, record } = await deliver();
			expect(route).toBe('success');
			expect(record).toMatchObject({ status: 'succeeded', reason: null, message: null, nextAttemptAt: null });
			expect(record.attempts[0].response?.status).toBe(status);
		});

		it('fails HTTP 202 outside the chosen codes as status_not_accepted without retrying', async () => {
			await targetAnswering(202);
			const { route, record } = await deliver({ retry: { ...noRetries, maxRetries: 3 } });
			expect(route).toBe('failure');
			expect(record.reason).toBe('status_not_accepted');
			expect(record.attempts).toHaveLength(1);
		});

		it('does not follow or retry a 302', async () => {
			await targetAnswering([302, '', { location: '/elsewhere' }]);
			const { record } = await deliver({ retry: { ...noRetries, maxRetries: 3 } });
			expect(record).toMatchObject({ status: 'failed', reason: 'status_not_accepted' });
			expect(target?.calls).toHaveLength(1);
		});

		it('does not retry a 404 by default', async () => {
			await targetAnswering(404);
			const { record } = await deliver({ retry: { ...noRetries, maxRetries: 3 } });
			expect(record.attempts).toHaveLength(1);
		});

		it('retries a 404 when any 4xx is chosen', async () => {
			await targetAnswering(404, 200);
			const { route, record } = await deliver({ retry: { ...noRetries, maxRetries: 3, retryOn: [...defaultRetryOn, 'clientErrors'] } });
			expect(route).toBe('success');
			expect(record.attempts.map((a) => a.response?.status)).toEqual([404, 200]);
		});

		it('never retries 410 Gone, even with any 4xx chosen, and reports it as gone', async () => {
			await targetAnswering(410);
			const { route, record } = await deliver({ retry: { ...noRetries, maxRetries: 5, retryOn: [...defaultRetryOn, 'clientErrors'] } });
			expect(route).toBe('failure');
			expect(record.reason).toBe('gone');
			expect(record.attempts).toHaveLength(1);
		});

		it('retries a 429 and a 5xx', async () => {
			await targetAnswering(429, 500, 200);
			const { route, record } = await deliver({ retry: { ...noRetries, maxRetries: 3 } });
			expect(route).toBe('success');
			expect(record.attempts.map((a) => a.error?.reason ?? 'ok')).toEqual(['status_not_accepted', 'status_not_accepted', 'ok']);
		});
	});

	describe('retry counts and delays', () => {
		it('retries a 503 and succeeds on the third attempt, waiting the fixed interval each time', async () => {
			await targetAnswering(503, 503, 200);
			const { route, record } = await deliver({ retry: { ...noRetries, maxRetries: 3, backoff: { kind: 'fixed', intervalMs: 2000 } } });
			expect(route).toBe('success');
			expect(record.attempts).toHaveLength(3);
			expect(delays).toEqual([2000, 2000]);
		});

		it('gives up after the last retry with the last failure as the reason', async () => {
			await targetAnswering(500);
			const { route, record } = await deliver({ retry: { ...noRetries, maxRetries: 3, backoff: { kind: 'fixed', intervalMs: 1000 } } });
			expect(route).toBe('failure');
			expect(record.attempts).toHaveLength(4);
			expect(delays).toEqual([1000, 1000, 1000]);
			expect(record).toMatchObject({ status: 'failed', reason: 'status_not_accepted', message: expect.stringContaining('HTTP 500') });
		});

		it('allows up to 10 retries', async () => {
			await targetAnswering(500);
			const { record } = await deliver({ retry: { ...noRetries, maxRetries: 10 } });
			expect(record.attempts).toHaveLength(11);
		});

		it('chooses exponential delays with full jitter', async () => {
			await targetAnswering(500);
			await deliver({ retry: { ...noRetries, maxRetries: 4, backoff: { kind: 'exponential', baseMs: 1000, factor: 3, capMs: 20_000 } } });
			// random() = 0.5: half of 1 s, 3 s, 9 s, then of the 20 s cap.
			expect(delays).toEqual([500, 1500, 4500, 10_000]);
		});

		it('waits what Retry-After asks in seconds', async () => {
			await targetAnswering([503, 'busy', { 'retry-after': '7' }], 200);
			await deliver({ retry: { ...noRetries, maxRetries: 1 } });
			expect(delays).toEqual([7000]);
		});

		it('waits until the HTTP-date Retry-After names', async () => {
			await targetAnswering([429, 'slow down', { 'retry-after': new Date(clock.now + 12_000).toUTCString() }], 200);
			await deliver({ retry: { ...noRetries, maxRetries: 1 } });
			expect(delays).toEqual([12_000]);
		});

		it('clamps Retry-After to the cap', async () => {
			await targetAnswering([503, 'later', { 'retry-after': '86400' }], 200);
			await deliver({ retry: { ...noRetries, maxRetries: 1, retryAfterCapMs: 30_000 } });
			expect(delays).toEqual([30_000]);
		});
	});

	describe('keyword rule', () => {
		const seedKeyword = { acceptedStatuses: statusRangesFromCodes([200]), keyword: compileKeywordRule({ kind: 'jsonPathEquals', path: 'code', value: '1' }) };

		it('succeeds on HTTP 200 with {"code":1}', async () => {
			await targetAnswering([200, { code: 1 }]);
			expect((await deliver({ success: seedKeyword })).route).toBe('success');
		});

		it('fails HTTP 200 with {"code":"0"} as keyword_mismatch with the body excerpt, not retried by default', async () => {
			await targetAnswering([200, { code: '0' }]);
			const { route, record } = await deliver({ success: seedKeyword, retry: { ...noRetries, maxRetries: 2 } });
			expect(route).toBe('failure');
			expect(record.reason).toBe('keyword_mismatch');
			expect(record.message).toBe('Expected code = "1", but the response has code = "0". Body: {"code":"0"}');
			expect(record.attempts).toHaveLength(1);
		});

		it('retries a keyword mismatch when chosen', async () => {
			await targetAnswering([200, { code: '0' }], [200, { code: '1' }]);
			const { route, record } = await deliver({ success: seedKeyword, retry: { ...noRetries, maxRetries: 2, retryOn: ['keywordMismatch'] } });
			expect(route).toBe('success');
			expect(record.attempts).toHaveLength(2);
		});

		it('fails a non-JSON body against a JSON field rule with a reason that says so', async () => {
			await targetAnswering([200, 'success']);
			const { record } = await deliver({ success: seedKeyword });
			expect(record.message).toBe('The response body is not JSON, so "code = "1"" cannot be checked. Body: success');
		});

		it('checks contains and regex rules on the body', async () => {
			await targetAnswering([200, 'result: success']);
			const contains = { acceptedStatuses: statusRangesFromCodes([200]), keyword: compileKeywordRule({ kind: 'contains', text: 'success' }) };
			const regex = { acceptedStatuses: statusRangesFromCodes([200]), keyword: compileKeywordRule({ kind: 'regex', pattern: '/^RESULT/i' }) };
			expect((await deliver({ success: contains })).route).toBe('success');
			expect((await deliver({ success: regex })).route).toBe('success');
		});

		it('checks a JSON field in a body larger than what the record keeps', async () => {
			const big = { padding: 'x'.repeat(100_000), code: '1' };
			await targetAnswering([200, big]);
			const { route, record } = await deliver({ success: seedKeyword });
			expect(route).toBe('success');
			expect(record.attempts[0].response?.truncated).toBe(true);
		});
	});

	describe('transport failures', () => {
		it('reports a timeout and retries it', async () => {
			target = await startTarget(async (_call, res, index) => {
				// Well past the deadline: undici checks it about every half second.
				if (index === 0) await delay(5000);
				answer(res, 200);
			});
			const { route, record } = await deliver({ timeoutMs: 200, retry: { ...noRetries, maxRetries: 1 } });
			expect(route).toBe('success');
			expect(record.attempts[0]).toMatchObject({ response: null, error: { reason: 'timeout' } });
		});

		it('reports a refused connection as connection_error after the retries', async () => {
			const url = await closedPortUrl();
			const { route, record } = await deliver({ request: { method: 'POST', url, headers: {}, body: '{}' }, retry: { ...noRetries, maxRetries: 2 } });
			expect(route).toBe('failure');
			expect(record.reason).toBe('connection_error');
			expect(record.attempts).toHaveLength(3);
			expect(record.attempts[0].error?.code).toBe('ECONNREFUSED');
		});

		it('reports a reset mid-response as connection_error, keeping the status that arrived', async () => {
			target = await startTarget((_call, res) => {
				res.writeHead(200, { 'content-length': '50' });
				res.write('{"co');
				setImmediate(() => res.socket?.destroy());
			});
			const { record } = await deliver();
			expect(record.reason).toBe('connection_error');
			expect(record.attempts[0].response).toMatchObject({ status: 200 });
		});
	});

	describe('delivery record', () => {
		it('records every attempt as DESIGN.md §6 lays it out', async () => {
			await targetAnswering(500, [200, { code: '1' }, { 'x-request-id': 'r1' }]);
			const { record } = await deliver({ retry: { ...noRetries, maxRetries: 1 } });
			expect(Object.keys(record).sort()).toEqual(
				['attempts', 'event', 'firstAttemptAt', 'lastAttemptAt', 'message', 'messageId', 'nextAttemptAt', 'reason', 'status', 'target'].sort(),
			);
			expect(record).toMatchObject({
				messageId: 'msg_test',
				target: `${target?.url}/hook`,
				event: 'backlog.approving',
				status: 'succeeded',
				firstAttemptAt: '2026-05-01T10:00:00.000Z',
				lastAttemptAt: '2026-05-01T10:00:00.000Z',
			});
			const [first, second] = record.attempts;
			expect(first.error).toEqual({ reason: 'status_not_accepted', message: 'The target answered HTTP 500, which is not an accepted status (200, 201, 204)' });
			expect(second).toMatchObject({
				at: '2026-05-01T10:00:00.000Z',
				request: { method: 'POST', url: `${target?.url}/hook`, headers: { 'content-type': 'application/json' }, body: '{"n":1}', truncated: false },
				response: { status: 200, body: '{"code":"1"}', truncated: false, headers: { 'x-request-id': 'r1' } },
				error: null,
			});
			expect(typeof second.durationMs).toBe('number');
		});

		it('writes attempt times with the isoTime it is given', async () => {
			await targetAnswering(200);
			const { record } = await deliverMessage(plan(), {
				send: client.send,
				sleep,
				now: () => clock.now,
				isoTime: (epochMs) => `t${epochMs}`,
			});
			expect(record.attempts[0].at).toBe(`t${clock.now}`);
			expect(record.firstAttemptAt).toBe(`t${clock.now}`);
			expect(record.lastAttemptAt).toBe(`t${clock.now}`);
		});

		it('masks secret-bearing headers and query parameters in the record but sends them unmasked', async () => {
			await targetAnswering(200);
			const url = `${target?.url}/hook?access_token=t0ps3cret&x=1`;
			const { record } = await deliver({
				request: { method: 'POST', url, headers: { Authorization: 'Bearer abc.def', 'webhook-signature': 'v1,c2ln', 'webhook-id': 'msg_1' }, body: '{}' },
			});
			expect(record.attempts[0].request.headers).toEqual({ Authorization: 'Bearer ***', 'webhook-signature': 'v1,***', 'webhook-id': 'msg_1' });
			expect(record.attempts[0].request.url).toBe(`${target?.url}/hook?access_token=***&x=1`);
			expect(record.target).toBe(`${target?.url}/hook`);
			expect(target?.calls[0].headers.authorization).toBe('Bearer abc.def');
		});

		it('truncates a response body to 64 KiB and marks it', async () => {
			// 3-byte characters: 65,536 is not a multiple of 3, so the cut must step back to a character start.
			await targetAnswering([200, '中'.repeat(30_000)]);
			const { record } = await deliver();
			const response = record.attempts[0].response;
			expect(response?.truncated).toBe(true);
			expect(Buffer.byteLength(response?.body ?? '')).toBe(65_535);
			expect(response?.body).not.toContain('\ufffd');
		});
	});

	describe('signing each attempt', () => {
		it('signs every attempt afresh with the same message id', async () => {
			await targetAnswering(500, 500, 200);
			const seen: Array<{ messageId: string; attemptNumber: number }> = [];
			let counter = 0;
			await deliverMessage(plan({ retry: { ...noRetries, maxRetries: 2 } }), {
				send: client.send,
				sleep,
				signAttempt: (request, context) => {
					seen.push(context);
					counter++;
					return { ...request, headers: { ...request.headers, 'x-signature': `sig-${counter}` } };
				},
			});
			expect(seen).toEqual([
				{ messageId: 'msg_test', attemptNumber: 1 },
				{ messageId: 'msg_test', attemptNumber: 2 },
				{ messageId: 'msg_test', attemptNumber: 3 },
			]);
			expect(target?.calls.map((call) => call.headers['x-signature'])).toEqual(['sig-1', 'sig-2', 'sig-3']);
		});

		it('sends a secret the signer adds verbatim, keeps it out of the record, and judges the body as received', async () => {
			const signKey = 'hesi-key-5e1c';
			// The target echoes the key in a body that fails the rule: the message quotes the body.
			await targetAnswering([200, { code: '0', echo: signKey }]);
			const { record } = await deliverMessage(
				plan({ success: { acceptedStatuses: statusRangesFromCodes([200]), keyword: compileKeywordRule({ kind: 'contains', text: signKey }) } }),
				{
					send: client.send,
					sleep,
					signAttempt: (request) => ({ ...request, body: JSON.stringify({ signKey, ...JSON.parse(request.body ?? '{}') }) }),
					redactSecrets: createSecretRedactor([signKey]),
				},
			);
			expect(target?.calls[0].body.toString()).toBe(`{"signKey":"${signKey}","n":1}`);
			// The keyword rule saw the real body (it contains the key), so the delivery succeeded.
			expect(record.status).toBe('succeeded');
			expect(record.attempts[0].request.body).toBe('{"signKey":"***","n":1}');
			expect(record.attempts[0].response?.body).toBe('{"code":"0","echo":"***"}');
		});

		it('redacts a known secret from the failure message that quotes the response body', async () => {
			const signKey = 'hesi-key-5e1c';
			await targetAnswering([200, { code: '0', echo: signKey }]);
			const { record } = await deliverMessage(
				plan({ success: { acceptedStatuses: statusRangesFromCodes([200]), keyword: compileKeywordRule({ kind: 'jsonPathEquals', path: 'code', value: '1' }) } }),
				{ send: client.send, sleep, redactSecrets: createSecretRedactor([signKey]) },
			);
			expect(record.reason).toBe('keyword_mismatch');
			expect(record.message).toContain('"echo":"***"');
			expect(JSON.stringify(record)).not.toContain(signKey);
		});

		it('fails the message as invalid_request when it cannot be signed, sending nothing', async () => {
			await targetAnswering(200);
			const outcome = await deliverMessage(plan(), {
				send: client.send,
				sleep,
				signAttempt: () => {
					throw new Error('No signing secret is configured');
				},
			});
			expect(outcome).toMatchObject({ route: 'failure', record: { reason: 'invalid_request', message: 'The request could not be signed: No signing secret is configured' } });
			expect(target?.calls).toHaveLength(0);
		});
	});

	describe('hand-off of long retries', () => {
		const schedule = [60_000, 300_000];

		it('hands off an item whose retries are used up, with nextAttemptAt from the schedule', async () => {
			await targetAnswering(503);
			const { route, record } = await deliver({ retry: { ...noRetries, maxRetries: 1 }, handOffSchedule: schedule });
			expect(route).toBe('retry');
			expect(record).toMatchObject({ status: 'retrying', reason: 'status_not_accepted', nextAttemptAt: '2026-05-01T10:01:00.000Z' });
			expect(record.attempts).toHaveLength(2);
		});

		it('does not hand off a failure that is not retryable', async () => {
			await targetAnswering(400);
			const { route } = await deliver({ handOffSchedule: schedule });
			expect(route).toBe('failure');
		});

		it('makes one attempt per return and follows the schedule, then fails at its end', async () => {
			await targetAnswering(503);
			const retry = { ...noRetries, maxRetries: 1 };
			const first = await deliver({ retry, handOffSchedule: schedule });
			const previous = (record: DeliveryRecord) => ({ messageId: record.messageId, attempts: record.attempts, firstAttemptAt: record.firstAttemptAt });

			clock.now += 60_000;
			const second = await deliver({ retry, handOffSchedule: schedule, previous: previous(first.record) });
			expect(second.route).toBe('retry');
			expect(second.record.attempts).toHaveLength(3);
			expect(second.record.nextAttemptAt).toBe(new Date(clock.now + 300_000).toISOString());
			expect(second.record.firstAttemptAt).toBe(first.record.firstAttemptAt);

			clock.now += 300_000;
			const third = await deliver({ retry, handOffSchedule: schedule, previous: previous(second.record) });
			expect(third.route).toBe('failure');
			expect(third.record).toMatchObject({ status: 'failed', nextAttemptAt: null });
			expect(third.record.attempts).toHaveLength(4);
			expect(delays).toEqual([0]);
		});

		it('ends in success when the target recovers after a hand-off', async () => {
			await targetAnswering(503, 200);
			const first = await deliver({ handOffSchedule: schedule });
			const second = await deliver({
				handOffSchedule: schedule,
				previous: { messageId: first.record.messageId, attempts: first.record.attempts, firstAttemptAt: first.record.firstAttemptAt },
			});
			expect(second.route).toBe('success');
			expect(second.record.attempts.map((a) => a.response?.status)).toEqual([503, 200]);
		});

		it('holds an item that comes back before its nextAttemptAt, and attempts it no sooner', async () => {
			await targetAnswering(503, 200);
			const first = await deliver({ handOffSchedule: schedule });
			const due = first.record.nextAttemptAt as string;
			// Back 2 s early (the Wait node released the batch at another item's time).
			clock.now = Date.parse(due) - 2000;
			const second = await deliverMessage(
				plan({ handOffSchedule: schedule, previous: { messageId: first.record.messageId, attempts: first.record.attempts, firstAttemptAt: first.record.firstAttemptAt, nextAttemptAt: due } }),
				{
					send: client.send,
					sleep: async (ms) => {
						delays.push(ms);
						clock.now += ms;
					},
					now: () => clock.now,
				},
			);
			expect(delays).toEqual([2000]);
			expect(second.route).toBe('success');
			expect(Date.parse(second.record.attempts[1].at)).toBeGreaterThanOrEqual(Date.parse(due));
		});

		it('sends an item back by Retry, unchanged and without an attempt, when it comes back more than a minute early', async () => {
			await targetAnswering(503);
			const first = await deliver({ handOffSchedule: [300_000] });
			const due = first.record.nextAttemptAt as string;
			clock.now = Date.parse(due) - 61_000;
			const second = await deliver({
				handOffSchedule: [300_000],
				previous: { messageId: first.record.messageId, attempts: first.record.attempts, firstAttemptAt: first.record.firstAttemptAt, nextAttemptAt: due },
			});
			expect(target?.calls).toHaveLength(1);
			expect(delays).toEqual([]);
			expect(second).toEqual({ route: 'retry', record: first.record });
		});

		it('waits at least what Retry-After asks when handing off', async () => {
			await targetAnswering([429, '', { 'retry-after': '120' }]);
			const { record } = await deliver({ handOffSchedule: schedule });
			expect(record.nextAttemptAt).toBe(new Date(clock.now + 120_000).toISOString());
		});
	});
});
