import type { INodeProperties } from 'n8n-workflow';

import { type CircuitBreakerSettings, defaultCircuitBreakerSettings } from '../../shared/delivery';
import { type SettingsReading, secondsToMs } from './settingsStep';

/**
 * The circuit breaker per target origin (shared/delivery/circuitBreaker.ts). Off by default; when
 * on, the node has a fourth output, Held (see outputs.ts). Read once per run: the circuit is the
 * target's, not the item's.
 */

// The panel's defaults are written out (n8n's linter wants literals); a test holds them to these.
const defaults = defaultCircuitBreakerSettings;
const shownWhenOn = { show: { circuitBreaker: [true] } };

export const circuitBreakerProperties: INodeProperties[] = [
	{
		displayName: 'Circuit Breaker',
		name: 'circuitBreaker',
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description:
			'Whether to stop sending to a target that keeps failing: its items leave by a fourth output, Held, unsent, until one probe after a cool-down succeeds. Shared by every workflow and n8n process on the same state store.',
	},
	{
		displayName:
			'Held items carry delivery.status "held" and delivery.circuit; the first one of each outage has delivery.circuit.justOpened = true, for one alert per outage. Park them in the Outbox to send them again later.',
		name: 'circuitBreakerNotice',
		type: 'notice',
		default: '',
		displayOptions: shownWhenOn,
	},
	{
		displayName: 'Failure Rate (%)',
		name: 'breakerFailureRate',
		type: 'number',
		noDataExpression: true,
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 70,
		description: 'Open the circuit when at least this share of the attempts within the window failed (timeouts, connection errors, 5xx, 429)',
		displayOptions: shownWhenOn,
	},
	{
		displayName: 'Minimum Attempts',
		name: 'breakerMinimumAttempts',
		type: 'number',
		noDataExpression: true,
		typeOptions: { minValue: 1, maxValue: 100000 },
		default: 10,
		description: 'The failure rate counts only once the window holds at least this many attempts',
		displayOptions: shownWhenOn,
	},
	{
		displayName: 'Window (Minutes)',
		name: 'breakerWindowMinutes',
		type: 'number',
		noDataExpression: true,
		typeOptions: { minValue: 1, maxValue: 1440 },
		default: 5,
		description: 'How far back the failure rate looks',
		displayOptions: shownWhenOn,
	},
	{
		displayName: 'Consecutive Failures',
		name: 'breakerConsecutiveFailures',
		type: 'number',
		noDataExpression: true,
		typeOptions: { minValue: 1, maxValue: 100000 },
		default: 5,
		description: 'Open the circuit after this many failed attempts in a row, whatever the rate',
		displayOptions: shownWhenOn,
	},
	{
		displayName: 'Cool-Down (Seconds)',
		name: 'breakerCoolDownSeconds',
		type: 'number',
		noDataExpression: true,
		typeOptions: { minValue: 1, maxValue: 86400 },
		default: 30,
		description: 'How long the circuit stays open before one item is sent as a probe: its success closes the circuit, its failure opens it again',
		displayOptions: shownWhenOn,
	},
];

export const circuitBreakerParameters = [
	'circuitBreaker',
	'breakerFailureRate',
	'breakerMinimumAttempts',
	'breakerWindowMinutes',
	'breakerConsecutiveFailures',
	'breakerCoolDownSeconds',
];

export const circuitBreakerCheckedParameters = [
	'breakerFailureRate',
	'breakerMinimumAttempts',
	'breakerWindowMinutes',
	'breakerConsecutiveFailures',
	'breakerCoolDownSeconds',
] as const;

/** The breaker's settings; undefined when it is off (its numbers are then not checked). */
export function readCircuitBreaker({ params, index, step, limitedNumber }: SettingsReading): CircuitBreakerSettings | undefined {
	if (params.get<boolean>('circuitBreaker', index, false) !== true) return undefined;
	const number = (parameter: (typeof circuitBreakerCheckedParameters)[number], fallback: number, advice = '') =>
		step(parameter, () => limitedNumber(parameter, params.get<unknown>(parameter, index, fallback), advice));
	return {
		failureRatePercent: number('breakerFailureRate', defaults.failureRatePercent, ' percent'),
		minimumAttempts: number('breakerMinimumAttempts', defaults.minimumAttempts),
		windowMs: number('breakerWindowMinutes', defaults.windowMs / 60_000, ' minutes') * 60_000,
		consecutiveFailures: number('breakerConsecutiveFailures', defaults.consecutiveFailures),
		coolDownMs: secondsToMs(number('breakerCoolDownSeconds', defaults.coolDownMs / 1000, ' seconds')),
	};
}
