import { isoOrNull } from '../store/epochTime';
import type { CircuitRecord } from './types';

/**
 * What the circuit breaker (circuitBreaker.ts) keeps in the state store per target origin, its
 * settings and defaults, and how Outbox Stats shows a stored circuit.
 */

export interface CircuitBreakerSettings {
	/** Open when at least this share of the window's attempts failed (1-100). */
	failureRatePercent: number;
	/** … and the window holds at least this many attempts. */
	minimumAttempts: number;
	windowMs: number;
	/** Open after this many failed attempts in a row, whatever the rate. */
	consecutiveFailures: number;
	/** How long the circuit stays open before one probe is let through. */
	coolDownMs: number;
}

/** Convoy's defaults: 70 % of at least 10 requests within 5 minutes, half-open after 30 s. */
export const defaultCircuitBreakerSettings: CircuitBreakerSettings = {
	failureRatePercent: 70,
	minimumAttempts: 10,
	windowMs: 5 * 60_000,
	consecutiveFailures: 5,
	coolDownMs: 30_000,
};

/** The state store namespaces: the circuit per origin (compare-and-set), and its attempt counts (windowed). */
export const circuitNamespace = 'circuit';
export const circuitWindowNamespace = 'circuit_window';

export type CircuitState = CircuitRecord['state'];

/** What the store keeps per origin. Times are epoch ms. */
export interface StoredCircuit {
	state: CircuitState;
	/** Grows with every recovery; the window counts of an earlier generation no longer apply. */
	generation: number;
	consecutiveFailures: number;
	openedAt: number | null;
	recoveredAt: number | null;
	probeAt: number | null;
	/** The run that claimed the probe, and until when the claim holds. */
	probeOwner: string | null;
	probeUntil: number | null;
	cause: string | null;
	/** Set by the first held item of an outage (its `justOpened`), so an alert fires once. */
	heldAnnounced: boolean;
}

export const closedCircuit: StoredCircuit = {
	state: 'closed',
	generation: 0,
	consecutiveFailures: 0,
	openedAt: null,
	recoveredAt: null,
	probeAt: null,
	probeOwner: null,
	probeUntil: null,
	cause: null,
	heldAnnounced: false,
};

/**
 * A stored circuit as Outbox Stats shows it: its state, since when, why, the failures in a row and
 * when the next probe may go (ISO times).
 */
export function storedCircuitView(target: string, stored: Partial<StoredCircuit>): Record<string, unknown> {
	const circuit = { ...closedCircuit, ...stored };
	const closed = circuit.state === 'closed';
	return {
		target,
		state: circuit.state,
		openedAt: closed ? null : isoOrNull(circuit.openedAt),
		lastRecoveredAt: isoOrNull(circuit.recoveredAt),
		cause: closed ? null : circuit.cause,
		consecutiveFailures: circuit.consecutiveFailures,
		probeAt: closed ? null : isoOrNull(circuit.state === 'half-open' ? circuit.probeUntil : circuit.probeAt),
	};
}
