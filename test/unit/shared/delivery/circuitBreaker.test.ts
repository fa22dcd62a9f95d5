import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	type AttemptTally,
	type CircuitBreakerSettings,
	CircuitBreaker,
	circuitNamespace,
	circuitTargetOf,
	defaultCircuitBreakerSettings,
	isTargetFailure,
	tallyAttempts,
} from '../../../../nodes/shared/delivery';
import type { DeliveryAttempt } from '../../../../nodes/shared/delivery';
import { openSqliteStateStore } from '../../../../nodes/shared/store/sqliteStore';
import type { StateStore } from '../../../../nodes/shared/store/types';

/**
 * The breaker against the real embedded store: SQLite files in a temporary folder; "two processes"
 * are two store handles on one file, each with its own breaker (as two n8n workers would have).
 */

const target = 'http://127.0.0.1:8080';
const failed: AttemptTally = { attempts: 1, failures: 1, trailingFailures: 1 };
const succeeded: AttemptTally = { attempts: 1, failures: 0, trailingFailures: 0 };

let folder: string;
let stores: StateStore[];
let clock: number;
const now = () => clock;

function openStore(file = 'state.db'): StateStore {
	const store = openSqliteStateStore({ kind: 'embedded', path: path.join(folder, file) });
	stores.push(store);
	return store;
}

function breakerOn(store: StateStore, settings: Partial<CircuitBreakerSettings> = {}, owner = 'run-a'): CircuitBreaker {
	return new CircuitBreaker(store, { ...defaultCircuitBreakerSettings, ...settings }, { owner, probeLeaseMs: 15_000, now, cacheTtlMs: 0 });
}

async function recordMany(breaker: CircuitBreaker, tallies: AttemptTally[]) {
	let last;
	for (const tally of tallies) last = await breaker.record(target, tally, false);
	return last;
}

beforeEach(() => {
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'circuit-breaker-'));
	stores = [];
	clock = Date.parse('2026-12-03T08:00:00.000Z');
});

afterEach(async () => {
	for (const store of stores) await store.close();
	fs.rmSync(folder, { recursive: true, force: true });
});

describe('what counts as a target failure', () => {
	const attempt = (error: DeliveryAttempt['error'], status?: number) => ({ error, response: status === undefined ? null : ({ status } as DeliveryAttempt['response']) });

	it('counts timeouts, connection errors, 5xx and 429 as failures of the target', () => {
		expect(isTargetFailure(attempt({ reason: 'timeout', message: '' }))).toBe(true);
		expect(isTargetFailure(attempt({ reason: 'connection_error', message: '' }))).toBe(true);
		expect(isTargetFailure(attempt({ reason: 'status_not_accepted', message: '' }, 503))).toBe(true);
		expect(isTargetFailure(attempt({ reason: 'status_not_accepted', message: '' }, 429))).toBe(true);
	});

	it('does not count a 4xx, a keyword mismatch, 410 Gone, an invalid request or a success', () => {
		expect(isTargetFailure(attempt({ reason: 'status_not_accepted', message: '' }, 400))).toBe(false);
		expect(isTargetFailure(attempt({ reason: 'keyword_mismatch', message: '' }, 200))).toBe(false);
		expect(isTargetFailure(attempt({ reason: 'gone', message: '' }, 410))).toBe(false);
		expect(isTargetFailure(attempt({ reason: 'invalid_request', message: '' }))).toBe(false);
		expect(isTargetFailure(attempt(null, 200))).toBe(false);
	});

	it('tallies the failures at the end of a delivery apart from those a later answer ended', () => {
		const timeout = attempt({ reason: 'timeout', message: '' });
		const ok = attempt(null, 200);
		expect(tallyAttempts([timeout, ok, timeout, timeout])).toEqual({ attempts: 4, failures: 3, trailingFailures: 2 });
		expect(tallyAttempts([timeout, ok])).toEqual({ attempts: 2, failures: 1, trailingFailures: 0 });
	});

	it('names the circuit by scheme, host and port', () => {
		expect(circuitTargetOf('http://127.0.0.1:8080/hooks/a?x=1')).toBe('http://127.0.0.1:8080');
		expect(circuitTargetOf('https://example.com/a')).toBe('https://example.com');
		expect(circuitTargetOf('ftp://example.com/a')).toBeNull();
	});
});

describe('CircuitBreaker on the embedded store', () => {
	it('sends while closed', async () => {
		const admission = await breakerOn(openStore()).admit(target);
		expect(admission).toMatchObject({ kind: 'send', probe: false, circuit: { state: 'closed', target, justOpened: false, probeAt: null } });
	});

	it('opens when at least 70 % of at least 10 attempts within the window failed', async () => {
		const breaker = breakerOn(openStore(), { consecutiveFailures: 1000 });
		// 7 failures and 3 successes, never 5 in a row: the rate opens it at the tenth attempt.
		const circuit = await recordMany(breaker, [failed, failed, succeeded, failed, failed, succeeded, failed, failed, succeeded, failed]);
		expect(circuit).toMatchObject({ state: 'open', cause: '7 of 10 attempts (70 %) failed within 5 min' });
		expect((await breaker.admit(target)).kind).toBe('hold');
	});

	it('stays closed below the minimum attempts, even when all of them failed', async () => {
		const breaker = breakerOn(openStore(), { consecutiveFailures: 1000 });
		const circuit = await recordMany(breaker, Array(9).fill(failed));
		expect(circuit?.state).toBe('closed');
	});

	it('forgets attempts older than the window', async () => {
		const breaker = breakerOn(openStore(), { consecutiveFailures: 1000 });
		await recordMany(breaker, Array(6).fill(failed));
		clock += 6 * 60_000;
		const circuit = await recordMany(breaker, [succeeded, failed, failed, failed, failed]);
		expect(circuit?.state).toBe('closed');
	});

	it('opens after 5 failed attempts in a row, whatever the rate', async () => {
		const breaker = breakerOn(openStore(), { minimumAttempts: 1000 });
		await recordMany(breaker, [failed, failed, failed, failed]);
		expect((await breaker.admit(target)).kind).toBe('send');
		const circuit = await breaker.record(target, failed, false);
		expect(circuit).toMatchObject({ state: 'open', cause: '5 attempts in a row failed' });
	});

	it('counts failures in a row across processes sharing the store', async () => {
		const first = breakerOn(openStore(), { minimumAttempts: 1000 }, 'run-a');
		const second = breakerOn(openStore(), { minimumAttempts: 1000 }, 'run-b');
		await recordMany(first, [failed, failed]);
		await recordMany(second, [failed, failed]);
		expect((await first.record(target, failed, false)).state).toBe('open');
		expect((await second.admit(target)).kind).toBe('hold');
	});

	it('starts counting in a row again after an answer from the target', async () => {
		const breaker = breakerOn(openStore(), { minimumAttempts: 1000 });
		const circuit = await recordMany(breaker, [failed, failed, failed, failed, succeeded, failed, failed, failed, failed]);
		expect(circuit?.state).toBe('closed');
	});

	it('writes the opening to the fuse table with its cause', async () => {
		const store = openStore();
		await recordMany(breakerOn(store, { minimumAttempts: 1000 }), Array(5).fill(failed));
		const fuses = await store.listFuses({ target }, { limit: 10 });
		expect(fuses.items).toEqual([expect.objectContaining({ target, openedAt: clock, recoveredAt: null, cause: '5 attempts in a row failed' })]);
	});

	it('holds until the cool-down is over, saying when the probe is due', async () => {
		const breaker = breakerOn(openStore(), { minimumAttempts: 1000 });
		await recordMany(breaker, Array(5).fill(failed));
		const openedAt = new Date(clock).toISOString();
		clock += 29_999;
		const held = await breaker.admit(target);
		expect(held).toMatchObject({ kind: 'hold', circuit: { state: 'open', openedAt, probeAt: new Date(Date.parse(openedAt) + 30_000).toISOString() } });
	});

	it('lets exactly one probe through after the cool-down, across two processes', async () => {
		const first = breakerOn(openStore(), { minimumAttempts: 1000 }, 'run-a');
		const second = breakerOn(openStore(), { minimumAttempts: 1000 }, 'run-b');
		await recordMany(first, Array(5).fill(failed));
		clock += 30_000;
		const admissions = await Promise.all([first.admit(target), second.admit(target), first.admit(target), second.admit(target)]);
		const probes = admissions.filter((admission) => admission.kind === 'send');
		expect(probes).toEqual([expect.objectContaining({ probe: true, circuit: expect.objectContaining({ state: 'half-open' }) })]);
		expect(admissions.filter((admission) => admission.kind === 'hold')).toHaveLength(3);
	});

	it('closes on a successful probe, records the recovery, and sends again', async () => {
		const store = openStore();
		const breaker = breakerOn(store, { minimumAttempts: 1000 });
		await recordMany(breaker, Array(5).fill(failed));
		const openedAt = clock;
		clock += 30_000;
		expect(await breaker.admit(target)).toMatchObject({ kind: 'send', probe: true });
		const circuit = await breaker.record(target, succeeded, true);
		expect(circuit).toMatchObject({ state: 'closed', openedAt: new Date(openedAt).toISOString(), recoveredAt: new Date(clock).toISOString(), probeAt: null });
		expect(await breaker.admit(target)).toMatchObject({ kind: 'send', probe: false });
		const fuses = await store.listFuses({ target }, { limit: 10 });
		expect(fuses.items).toEqual([expect.objectContaining({ openedAt, recoveredAt: clock })]);
	});

	it('re-opens on a failed probe for a new cool-down, the outage (and its fuse) still the same', async () => {
		const store = openStore();
		const breaker = breakerOn(store, { minimumAttempts: 1000 });
		await recordMany(breaker, Array(5).fill(failed));
		const openedAt = new Date(clock).toISOString();
		clock += 30_000;
		await breaker.admit(target);
		const circuit = await breaker.record(target, failed, true);
		expect(circuit).toMatchObject({ state: 'open', openedAt, probeAt: new Date(clock + 30_000).toISOString() });
		clock += 29_000;
		expect((await breaker.admit(target)).kind).toBe('hold');
		clock += 1_000;
		expect(await breaker.admit(target)).toMatchObject({ kind: 'send', probe: true });
		const fuses = await store.listFuses({ target }, { limit: 10 });
		expect(fuses.items).toHaveLength(1);
		expect(fuses.items[0].recoveredAt).toBeNull();
	});

	it('gives up a probe whose run never reported back once its lease is over', async () => {
		const first = breakerOn(openStore(), { minimumAttempts: 1000 }, 'run-a');
		const second = breakerOn(openStore(), { minimumAttempts: 1000 }, 'run-b');
		await recordMany(first, Array(5).fill(failed));
		clock += 30_000;
		expect(await first.admit(target)).toMatchObject({ kind: 'send', probe: true });
		clock += 14_999;
		expect((await second.admit(target)).kind).toBe('hold');
		clock += 1;
		expect(await second.admit(target)).toMatchObject({ kind: 'send', probe: true });
	});

	it('counts the failure rate afresh after a recovery', async () => {
		const breaker = breakerOn(openStore(), { consecutiveFailures: 1000 });
		await recordMany(breaker, Array(10).fill(failed));
		clock += 30_000;
		await breaker.admit(target);
		await breaker.record(target, succeeded, true);
		// The window still holds the outage's ten failures; they are the closed generation's.
		const circuit = await recordMany(breaker, [failed, failed]);
		expect(circuit?.state).toBe('closed');
	});

	it('marks exactly one held item justOpened per outage, across two concurrent runs', async () => {
		const first = breakerOn(openStore(), { minimumAttempts: 1000 }, 'run-a');
		const second = breakerOn(openStore(), { minimumAttempts: 1000 }, 'run-b');
		await recordMany(first, Array(5).fill(failed));
		const held = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? first : second).admit(target)));
		expect(held.every((admission) => admission.kind === 'hold')).toBe(true);
		expect(held.filter((admission) => admission.circuit.justOpened)).toHaveLength(1);
		// A failed probe does not start a new outage: no second alert.
		clock += 30_000;
		await first.admit(target);
		await first.record(target, failed, true);
		const later = await Promise.all([first.admit(target), second.admit(target)]);
		expect(later.filter((admission) => admission.circuit.justOpened)).toHaveLength(0);
	});

	it('announces the next outage again after a recovery', async () => {
		const breaker = breakerOn(openStore(), { minimumAttempts: 1000 });
		await recordMany(breaker, Array(5).fill(failed));
		expect((await breaker.admit(target)).circuit.justOpened).toBe(true);
		clock += 30_000;
		await breaker.admit(target);
		await breaker.record(target, succeeded, true);
		await recordMany(breaker, Array(5).fill(failed));
		expect((await breaker.admit(target)).circuit.justOpened).toBe(true);
	});

	it('keeps one circuit per origin', async () => {
		const breaker = breakerOn(openStore(), { minimumAttempts: 1000 });
		await recordMany(breaker, Array(5).fill(failed));
		expect((await breaker.admit('http://127.0.0.1:8081')).kind).toBe('send');
	});

	it('costs one state read per cache period while closed, and one window add for the successes of a flush period', async () => {
		const store = openStore();
		const calls: Record<string, number> = {};
		// Counts the calls the breaker makes; every call goes on to the real store.
		const counted = new Proxy(store, {
			get(real, name: string) {
				const value = Reflect.get(real, name) as unknown;
				if (typeof value !== 'function') return value;
				return (...args: unknown[]) => {
					calls[name] = (calls[name] ?? 0) + 1;
					return (value as (...a: unknown[]) => unknown).apply(real, args);
				};
			},
		});
		const breaker = new CircuitBreaker(counted, defaultCircuitBreakerSettings, { owner: 'run-a', probeLeaseMs: 15_000, now, cacheTtlMs: 1000 });
		for (let item = 0; item < 100; item++) {
			await breaker.admit(target);
			await breaker.record(target, succeeded, false);
		}
		expect(calls).toEqual({ readValue: 1 });
		await breaker.flush();
		expect(calls).toEqual({ readValue: 1, addToWindow: 1 });
		expect(await store.readWindow('circuit_window', `${target}#0`, 0)).toEqual({ attempts: 100, failures: 0 });
		expect(await store.readValue(circuitNamespace, target)).toBeUndefined();
	});

	it('writes successes waiting in memory once their flush period is over', async () => {
		const store = openStore();
		const breaker = breakerOn(store);
		await recordMany(breaker, [succeeded, succeeded]);
		expect(await store.readWindow('circuit_window', `${target}#0`, 0)).toEqual({});
		clock += 1000;
		await breaker.record(target, succeeded, false);
		expect(await store.readWindow('circuit_window', `${target}#0`, 0)).toEqual({ attempts: 3, failures: 0 });
	});

	it('counts the successes waiting in memory in the rate a failure is judged by', async () => {
		const breaker = breakerOn(openStore(), { consecutiveFailures: 1000 });
		// 2 successes wait in memory; with them the 8 failures are 80 % of 10 attempts (without, only 8 attempts).
		const circuit = await recordMany(breaker, [succeeded, succeeded, ...Array<AttemptTally>(8).fill(failed)]);
		expect(circuit).toMatchObject({ state: 'open', cause: '8 of 10 attempts (80 %) failed within 5 min' });
	});
});
