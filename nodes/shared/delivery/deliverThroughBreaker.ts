import { tallyAttempts } from './attemptTally';
import type { CircuitBreaker } from './circuitBreaker';
import { type DeliveryDependencies, type DeliveryOutcome, type DeliveryPlan, deliverMessage } from './deliverMessage';
import { heldAfterProbe, heldRecord } from './deliveryRecord';
import type { DeliveryRecord } from './types';

/**
 * One message through the target's circuit breaker: held while the circuit is open; sent, and
 * counted, while it is closed; the probe is one attempt (no retries, no hand-off) whose failure holds
 * the item like the others. A store that fails mid-run lets the message through (the breaker fails
 * open): a broken store must not stop deliveries.
 */
export async function deliverThroughBreaker(
	breaker: CircuitBreaker,
	origin: string,
	plan: DeliveryPlan,
	dependencies: DeliveryDependencies,
	identity: Pick<DeliveryRecord, 'messageId' | 'target' | 'event' | 'bodyFrom'>,
): Promise<DeliveryOutcome> {
	let admission: Awaited<ReturnType<CircuitBreaker['admit']>>;
	try {
		admission = await breaker.admit(origin);
	} catch {
		return await deliverMessage(plan, dependencies);
	}
	if (admission.kind === 'hold') return { route: 'held', record: heldRecord(identity, admission.circuit, plan.previous) };
	const probe = admission.probe;
	const outcome = await deliverMessage(probe ? { ...plan, retry: { ...plan.retry, maxRetries: 0 }, handOffSchedule: undefined } : plan, dependencies);
	const tally = tallyAttempts(outcome.record.attempts.slice(plan.previous?.attempts.length ?? 0));
	try {
		const circuit = await breaker.record(origin, tally, probe);
		if (probe && circuit.state !== 'closed') return { route: 'held', record: heldAfterProbe(outcome.record, circuit) };
		outcome.record.circuit = circuit;
	} catch {
		outcome.record.circuit = admission.circuit;
	}
	return outcome;
}
