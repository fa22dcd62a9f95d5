import { isoOrNull } from '../store/epochTime';
import type { StateStore } from '../store/types';
import type { AttemptTally } from './attemptTally';
import { circuitNamespace, circuitWindowNamespace, closedCircuit, type CircuitBreakerSettings, type StoredCircuit } from './circuitState';
import type { CircuitRecord } from './types';

export * from './circuitState';

/**
 * A circuit breaker per target origin (scheme, host and port), shared through the state store so
 * every n8n process sending to one target sees one circuit (Convoy's breaker, DESIGN.md §7):
 *
 * - closed: items are sent. It opens when, within the window, at least `minimumAttempts` attempts
 *   were made and at least `failureRatePercent` of them failed, or when `consecutiveFailures`
 *   attempts in a row failed (counted across processes in the compare-and-set state).
 * - open: items are held (not sent) until `coolDownMs` after the opening.
 * - half-open: exactly one item, the probe, is sent (claimed by compare-and-set, so two processes
 *   never both probe; a probe whose process died is given up after its lease). Its success closes
 *   the circuit; its failure opens it again for another cool-down.
 *
 * Openings and recoveries are written to the fuse table (seed 002's iut_send_fuse_recovery). Store
 * cost: a closed circuit is read at most once per `cacheTtlMs` per run; a failed item adds its
 * attempts to the window (with the successes before it) and counts its failures in the state;
 * successes are written in one window add per `flushIntervalMs` and at the end of the run. A write
 * per item would cost more than the delivery itself (about 200 µs on the embedded file).
 */

/** Buckets per window: counts age out in tenths of the window. */
const bucketsPerWindow = 10;

export type Admission =
	| { kind: 'send'; probe: boolean; circuit: CircuitRecord }
	| { kind: 'hold'; circuit: CircuitRecord };

export interface CircuitBreakerOptions {
	/** Identifies this run (execution id and a random part), for the probe claim. */
	owner: string;
	/** How long a claimed probe may take before another process may probe instead. */
	probeLeaseMs: number;
	/** How long a state read serves this run's later items (default 1 s). */
	cacheTtlMs?: number;
	/** How long successes may wait in memory before they are written to the window (default 1 s). */
	flushIntervalMs?: number;
	now?: () => number;
}

interface CachedCircuit {
	value: StoredCircuit;
	version: number | null;
	readAt: number;
}


function describeMinutes(ms: number): string {
	const minutes = ms / 60_000;
	return Number.isInteger(minutes) ? `${minutes} min` : `${Math.round(ms / 1000)} s`;
}

/** One node run's view of the breakers of its targets. Create one per run; it caches reads for `cacheTtlMs`. */
export class CircuitBreaker {
	private readonly cache = new Map<string, CachedCircuit>();

	/** Targets whose circuit this run closed, and when. */
	private readonly recovered = new Map<string, number>();

	private readonly now: () => number;

	private readonly cacheTtlMs: number;

	private readonly flushIntervalMs: number;

	/** Attempts of successful deliveries not yet in the store, per target. */
	private readonly pending = new Map<string, { attempts: number; since: number }>();

	constructor(
		private readonly store: StateStore,
		private readonly settings: CircuitBreakerSettings,
		private readonly options: CircuitBreakerOptions,
	) {
		this.now = options.now ?? Date.now;
		this.cacheTtlMs = options.cacheTtlMs ?? 1000;
		this.flushIntervalMs = options.flushIntervalMs ?? 1000;
	}

	/** Whether an item to `target` may be sent now, and as the probe or not. */
	async admit(target: string): Promise<Admission> {
		const current = await this.read(target);
		if (current.value.state === 'closed') return { kind: 'send', probe: false, circuit: this.view(target, current.value) };
		const now = this.now();
		if (this.probeDue(current.value, now)) {
			const owner = this.options.owner;
			const claim = await this.update(target, (circuit) =>
				this.probeDue(circuit, now) ? { ...circuit, state: 'half-open', probeOwner: owner, probeUntil: now + this.options.probeLeaseMs } : undefined,
			);
			if (claim.written) return { kind: 'send', probe: true, circuit: this.view(target, claim.value) };
			if (claim.value.state === 'closed') return { kind: 'send', probe: false, circuit: this.view(target, claim.value) };
			return await this.hold(target, claim.value);
		}
		return await this.hold(target, current.value);
	}

	/**
	 * Counts a delivery's attempts of this run (see `tallyAttempts`) and moves the circuit: opens it,
	 * or, for the probe, closes or re-opens it. Returns the circuit as it is now.
	 */
	async record(target: string, tally: AttemptTally, probe: boolean): Promise<CircuitRecord> {
		const before = await this.read(target);
		if (tally.attempts === 0) return this.view(target, before.value);
		const now = this.now();
		if (tally.failures === 0 && !probe) return await this.recordSuccess(target, tally, before.value, now);
		const counts = await this.addToWindow(target, before.value.generation, tally, now);
		const failedNow = tally.trailingFailures > 0;
		let opened = false;
		let closed = false;
		const result = await this.update(target, (circuit) => {
			opened = false;
			closed = false;
			if (probe && circuit.state === 'half-open' && circuit.probeOwner === this.options.owner) {
				if (failedNow) return { ...circuit, state: 'open', probeAt: now + this.settings.coolDownMs, probeOwner: null, probeUntil: null };
				closed = true;
				return { ...closedCircuit, generation: circuit.generation + 1, openedAt: circuit.openedAt, recoveredAt: now };
			}
			if (circuit.state !== 'closed') return undefined;
			const consecutiveFailures = failedNow ? circuit.consecutiveFailures + tally.trailingFailures : 0;
			const cause = tally.failures > 0 ? this.openingCause(consecutiveFailures, counts, circuit.generation === before.value.generation) : null;
			if (cause !== null) {
				opened = true;
				return { ...circuit, state: 'open', consecutiveFailures, openedAt: now, probeAt: now + this.settings.coolDownMs, probeOwner: null, probeUntil: null, cause, heldAnnounced: false };
			}
			return consecutiveFailures === circuit.consecutiveFailures ? undefined : { ...circuit, consecutiveFailures };
		});
		if (result.written && opened) await this.store.openFuse(target, now, result.value.cause);
		if (result.written && closed) {
			this.recovered.set(target, now);
			await this.store.closeFuse(target, now);
		}
		return this.view(target, result.value);
	}

	/**
	 * A delivery without a target failure: its attempts wait in this run's memory and reach the
	 * store's window with the next failure (whose rate decision needs them), once per
	 * `flushIntervalMs`, or at `flush()`; only the run of failures in a row, if any, is reset at once.
	 */
	private async recordSuccess(target: string, tally: AttemptTally, circuit: StoredCircuit, now: number): Promise<CircuitRecord> {
		const pending = this.pending.get(target);
		if (pending) pending.attempts += tally.attempts;
		else this.pending.set(target, { attempts: tally.attempts, since: now });
		if (now - (pending?.since ?? now) >= this.flushIntervalMs) await this.flushTarget(target, circuit.generation, now);
		if (circuit.state !== 'closed' || circuit.consecutiveFailures === 0) return this.view(target, circuit);
		const reset = await this.update(target, (current) => (current.state === 'closed' && current.consecutiveFailures > 0 ? { ...current, consecutiveFailures: 0 } : undefined));
		return this.view(target, reset.value);
	}

	/** Writes the successes still in memory to the store's windows; the node calls it when its run ends. */
	async flush(): Promise<void> {
		for (const target of [...this.pending.keys()]) {
			const cached = this.cache.get(target);
			await this.flushTarget(target, cached?.value.generation ?? 0, this.now());
		}
	}

	private async flushTarget(target: string, generation: number, now: number): Promise<void> {
		const pending = this.pending.get(target);
		if (!pending) return;
		this.pending.delete(target);
		await this.addToWindow(target, generation, { attempts: 0, failures: 0, trailingFailures: 0 }, now, pending.attempts);
	}

	/** Adds a delivery's attempts, and the successes waiting in memory, to the window; the window's sums. */
	private async addToWindow(target: string, generation: number, tally: AttemptTally, now: number, waiting?: number): Promise<Record<string, number>> {
		let attempts = tally.attempts + (waiting ?? 0);
		if (waiting === undefined) {
			attempts += this.pending.get(target)?.attempts ?? 0;
			this.pending.delete(target);
		}
		const { windowMs } = this.settings;
		const bucketMs = Math.max(1, Math.floor(windowMs / bucketsPerWindow));
		return await this.store.addToWindow(circuitWindowNamespace, `${target}#${generation}`, { attempts, failures: tally.failures }, now, bucketMs, windowMs);
	}

	/** Why the circuit opens with these counts, or null when it stays closed. */
	private openingCause(consecutiveFailures: number, counts: Record<string, number>, sameGeneration: boolean): string | null {
		const { consecutiveFailures: limit, minimumAttempts, failureRatePercent, windowMs } = this.settings;
		if (consecutiveFailures >= limit) return `${consecutiveFailures} attempts in a row failed`;
		// Counts of a generation that has since recovered say nothing about the target now.
		if (!sameGeneration) return null;
		const attempts = counts.attempts ?? 0;
		const failures = counts.failures ?? 0;
		if (attempts >= minimumAttempts && failures * 100 >= failureRatePercent * attempts) {
			return `${failures} of ${attempts} attempts (${Math.round((failures * 100) / attempts)} %) failed within ${describeMinutes(windowMs)}`;
		}
		return null;
	}

	private probeDue(circuit: StoredCircuit, now: number): boolean {
		if (circuit.state === 'open') return circuit.probeAt !== null && now >= circuit.probeAt;
		// A probe whose run never reported back (its process stopped): another may probe.
		return circuit.state === 'half-open' && (circuit.probeUntil === null || now >= circuit.probeUntil);
	}

	/** An item held: the first of the outage (across processes) is the one marked `justOpened`. */
	private async hold(target: string, circuit: StoredCircuit): Promise<Admission> {
		if (circuit.heldAnnounced) return { kind: 'hold', circuit: this.view(target, circuit) };
		const announced = await this.update(target, (current) => (current.state !== 'closed' && !current.heldAnnounced ? { ...current, heldAnnounced: true } : undefined));
		if (announced.value.state === 'closed') return { kind: 'send', probe: false, circuit: this.view(target, announced.value) };
		return { kind: 'hold', circuit: this.view(target, announced.value, announced.written) };
	}

	private view(target: string, circuit: StoredCircuit, justOpened = false): CircuitRecord {
		const recoveredAt = this.recovered.get(target) ?? null;
		const closed = circuit.state === 'closed';
		return {
			state: circuit.state,
			target,
			openedAt: !closed || recoveredAt !== null ? isoOrNull(circuit.openedAt) : null,
			recoveredAt: closed ? isoOrNull(recoveredAt) : null,
			justOpened,
			cause: !closed || recoveredAt !== null ? circuit.cause : null,
			probeAt: closed ? null : isoOrNull(circuit.state === 'half-open' ? circuit.probeUntil : circuit.probeAt),
		};
	}

	private async read(target: string, fresh = false): Promise<CachedCircuit> {
		const cached = this.cache.get(target);
		const now = this.now();
		if (cached && !fresh && now - cached.readAt < this.cacheTtlMs) return cached;
		const stored = await this.store.readValue<StoredCircuit>(circuitNamespace, target);
		const entry: CachedCircuit = stored ? { value: { ...closedCircuit, ...stored.value }, version: stored.version, readAt: now } : { value: closedCircuit, version: null, readAt: now };
		this.cache.set(target, entry);
		return entry;
	}

	/**
	 * Compare-and-set against the version last read: `change` gives the new state, or undefined to
	 * write nothing. Another process writing first makes it read again and decide again.
	 */
	private async update(target: string, change: (circuit: StoredCircuit) => StoredCircuit | undefined): Promise<{ value: StoredCircuit; written: boolean }> {
		let current = await this.read(target);
		for (let attempt = 0; ; attempt++) {
			const next = change(current.value);
			if (next === undefined) return { value: current.value, written: false };
			const version = await this.store.compareAndSet(circuitNamespace, target, next, current.version);
			if (version !== undefined) {
				this.cache.set(target, { value: next, version, readAt: this.now() });
				return { value: next, written: true };
			}
			if (attempt >= 20) throw new Error(`The circuit of ${target} changed ${attempt + 1} times while this run tried to update it`);
			current = await this.read(target, true);
		}
	}
}
