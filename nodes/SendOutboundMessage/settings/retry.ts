import type { INodeProperties } from 'n8n-workflow';

import { type Backoff, type RetryPolicy, type RetryableClass, defaultRetryOn, maxRetriesLimit, retryableClasses, seedIntervalLimitSeconds, seedRetryLimit } from '../../shared/delivery';
import { anyOf, oneOf } from '../../shared/n8nChoices';
import { type SettingsReading, secondsToMs } from './settingsStep';

/** Retries in this run (seed 000: 重试次数 0-3, 网络间隔时长 0-10 s; here up to 10, or exponential backoff). */
export const retryProperties: INodeProperties[] = [
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: maxRetriesLimit },
		default: 0,
		description: `How many times to try again in this run after a retryable failure: 0 to ${maxRetriesLimit} (Hesi offers 0 to ${seedRetryLimit}). A value outside the range is refused, not changed.`,
	},
	{
		displayName: 'Wait Between Retries',
		name: 'retryWait',
		...oneOf(
			['Fixed Interval', 'fixed', 'The same wait every time, as Hesi does'],
			['Exponential Backoff', 'exponential', 'Waits that grow by a factor up to a cap, each a random part of it (full jitter)'],
		),
		noDataExpression: true,
		default: 'fixed',
		displayOptions: { hide: { retries: [0] } },
	},
	{
		displayName: 'Interval (Seconds)',
		name: 'retryInterval',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: seedIntervalLimitSeconds, numberPrecision: 1 },
		default: 0,
		description: `Wait before each retry: 0 to ${seedIntervalLimitSeconds} seconds, as in Hesi. A value outside the range is refused, not changed.`,
		displayOptions: { show: { retryWait: ['fixed'] }, hide: { retries: [0] } },
	},
	{
		displayName: 'Base Wait (Seconds)',
		name: 'backoffBase',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 1,
		description: 'Longest wait before the first retry',
		displayOptions: { show: { retryWait: ['exponential'] }, hide: { retries: [0] } },
	},
	{
		displayName: 'Factor',
		name: 'backoffFactor',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 1 },
		default: 2,
		description: 'How much the longest wait grows with each retry',
		displayOptions: { show: { retryWait: ['exponential'] }, hide: { retries: [0] } },
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'backoffCap',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 1 },
		default: 60,
		description: 'No wait is longer than this, not even one a Retry-After header asks for',
		displayOptions: { show: { retryWait: ['exponential'] }, hide: { retries: [0] } },
	},
	{
		displayName: 'Retry On',
		name: 'retryOn',
		...anyOf(
			['Any 4xx Status', 'clientErrors', 'Other client errors; 410 Gone is never retried'],
			['Connection Errors', 'connectionErrors', 'Refused, reset or unresolvable targets'],
			['Keyword Mismatch', 'keywordMismatch', 'An accepted status whose body fails the keyword match'],
			['Server Errors (5xx)', 'serverErrors'],
			['Timeouts', 'timeouts'],
			['Too Many Requests (429)', 'tooManyRequests'],
		),
		default: [...defaultRetryOn],
		description: 'Which failures are worth another attempt. Others go straight to the Failure output.',
	},
];

/** Lives in the Options collection (options.ts) but belongs to this group's reader. */
export const maxRetryAfterWaitOption: INodeProperties = {
	displayName: 'Max Retry-After Wait (Seconds)',
	name: 'maxRetryAfterWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 60,
	description:
		'With a fixed interval, the longest wait a Retry-After header from the target can ask for. With exponential backoff, Max Wait applies.',
};

export const retryParameters = [
	'retries',
	'retryWait',
	'retryInterval',
	'backoffBase',
	'backoffFactor',
	'backoffCap',
	'retryOn',
	'options.maxRetryAfterWait',
];

export const retryCheckedParameters = ['retries', 'retryInterval', 'backoffBase', 'backoffFactor', 'backoffCap', 'options.maxRetryAfterWait'] as const;

export function readRetryPolicy({ params, index, step, limitedNumber }: SettingsReading): RetryPolicy {
	const maxRetries = step('retries', () =>
		limitedNumber(
			'retries',
			params.get<unknown>('retries', index, 0),
			` (Hesi offers 0 to ${seedRetryLimit}). For longer retries turn on "Hand Off Long Retries".`,
		),
	);
	let backoff: Backoff = { kind: 'fixed', intervalMs: 0 };
	// The wait settings are hidden while Retries is 0, and then not checked.
	if (maxRetries > 0 && params.get<string>('retryWait', index, 'fixed') === 'exponential') {
		backoff = {
			kind: 'exponential',
			baseMs: secondsToMs(step('backoffBase', () => limitedNumber('backoffBase', params.get<unknown>('backoffBase', index, 1)))),
			factor: step('backoffFactor', () => limitedNumber('backoffFactor', params.get<unknown>('backoffFactor', index, 2))),
			capMs: secondsToMs(step('backoffCap', () => limitedNumber('backoffCap', params.get<unknown>('backoffCap', index, 60)))),
		};
	} else if (maxRetries > 0) {
		const interval = step('retryInterval', () =>
			limitedNumber(
				'retryInterval',
				params.get<unknown>('retryInterval', index, 0),
				' seconds, as Hesi allows. For longer waits choose "Exponential Backoff" under "Wait Between Retries", or turn on "Hand Off Long Retries".',
			),
		);
		backoff = { kind: 'fixed', intervalMs: secondsToMs(interval) };
	}
	const retryOn = params
		.get<string[]>('retryOn', index, [...defaultRetryOn])
		.filter((name): name is RetryableClass => (retryableClasses as readonly string[]).includes(name));
	const retryAfterCap = step('options.maxRetryAfterWait', () =>
		limitedNumber('options.maxRetryAfterWait', params.get<unknown>('options.maxRetryAfterWait', index, 60), ' seconds'),
	);
	return { maxRetries, backoff, retryOn, retryAfterCapMs: secondsToMs(retryAfterCap) };
}
