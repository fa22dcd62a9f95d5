import { type INode, NodeOperationError } from 'n8n-workflow';

import { type CircuitBreakerSettings, type RequestSettings, type RetryPolicy, type SuccessRule, defaultResponseExcerptBytes } from '../../shared/delivery';
import { sendOutboundMessageProperties } from '../description';
import type { ParameterReader } from '../parameterReader';
import { checkNumber, numberLimits, parameterLabel } from '../parameterLabels';
import { circuitBreakerCheckedParameters, circuitBreakerParameters, readCircuitBreaker } from './circuitBreaker';
import { handOffCheckedParameters, handOffParameters, readHandOffSchedule } from './handOff';
import { itemOptionParameters, optionsCheckedParameters } from './options';
import { readRequestSettings, requestParameters } from './request';
import { readRetryPolicy, retryCheckedParameters, retryParameters } from './retry';
import type { GroupReader, SettingsReading, SettingsStep } from './settingsStep';
import { readSuccessRule, successRuleCheckedParameters, successRuleParameters } from './successRule';

/**
 * The settings of Send Outbound Message, composed from one module per setting group (request,
 * success rule, retry, hand-off, circuit breaker, push log, options): each owns its properties and
 * its reader. This module turns a group's unusable value into an error naming the parameter by its
 * panel label, and reads each group once per run when none of its parameters is an expression.
 */

/** The parameter a settings error is about (kept in the error's context). */
export function parameterOf(error: unknown): string | undefined {
	const parameter = error instanceof NodeOperationError ? error.context.parameter : undefined;
	return typeof parameter === 'string' ? parameter : undefined;
}

/** The panel's label of a parameter of this node: `Retries`, `Options → Timeout (Ms)`. */
export const labelOf = (parameter: string): string => parameterLabel(sendOutboundMessageProperties, parameter);

/**
 * Every parameter whose value the node checks, each checked by one settings step: an invalid value
 * stops the node (or, from an expression, fails the item) with an error naming its label.
 */
export const checkedParameters = [
	...successRuleCheckedParameters,
	...retryCheckedParameters,
	...handOffCheckedParameters,
	...circuitBreakerCheckedParameters,
	...optionsCheckedParameters,
] as const;

/**
 * The rule for every limited number (docs, "Limits"): refused when outside the range the editor
 * allows (the description's minValue/maxValue), with that range in the message; never clamped.
 * `advice` says where to go for more.
 */
function limitedNumber(parameter: string, value: unknown, advice = ''): number {
	return checkNumber(value, numberLimits(sendOutboundMessageProperties, parameter), advice);
}

function settingsStepFor(node: INode, itemIndex: number): SettingsStep {
	return (parameter, read) => {
		try {
			return read();
		} catch (error) {
			const label = labelOf(parameter);
			const problem = new NodeOperationError(node, `Invalid "${label}" in node "${node.name}": ${(error as Error).message}`, {
				itemIndex,
				description: `Correct "${label}" in the panel of node "${node.name}" (or the expression that sets it) and run it again`,
			});
			problem.context.parameter = parameter;
			throw problem;
		}
	};
}

/**
 * Items in flight at once, for the whole run (read from the first item). Checked with every item's
 * settings, so an invalid value stops the node or fails the items like any other setting.
 */
export function readConcurrency(params: ParameterReader): number {
	return limitedNumber('options.concurrency', params.get<unknown>('options.concurrency', 0, 16));
}

export interface ItemSettings {
	request: RequestSettings;
	success: SuccessRule;
	retry: RetryPolicy;
	handOffSchedule: readonly number[] | undefined;
	/** Undefined when the circuit breaker is off. */
	circuitBreaker: CircuitBreakerSettings | undefined;
	timeoutMs: number;
	/** Bytes of a response body the record keeps off the Failure output (Options → Response Excerpt Size). */
	responseExcerptBytes: number;
	/** The node's Message ID option for this item; empty when not set. */
	messageId: string;
	event: string | null;
}

/**
 * Settings per item, each group built once per run when none of its parameters is an expression
 * (the usual case), else per item.
 */
export class ItemSettingsReader {
	private readonly cache = new Map<string, unknown>();

	/** Set once read when no parameter has an expression: then every item has the same settings. */
	private sameForAll: ItemSettings | undefined;

	private readonly allParametersFixed: boolean;

	constructor(
		private readonly params: ParameterReader,
		private readonly node: INode,
	) {
		this.allParametersFixed = params.allFixed([
			...requestParameters,
			...successRuleParameters,
			...retryParameters,
			...handOffParameters,
			...circuitBreakerParameters,
			'event',
			...itemOptionParameters,
		]);
	}

	private reading(index: number): SettingsReading {
		return { params: this.params, index, step: settingsStepFor(this.node, index), limitedNumber };
	}

	private group<T>(key: string, names: readonly string[], index: number, read: GroupReader<T>): T {
		if (!this.params.allFixed(names)) return read(this.reading(index));
		if (!this.cache.has(key)) this.cache.set(key, read(this.reading(index)));
		return this.cache.get(key) as T;
	}

	/**
	 * Throws a NodeOperationError naming the parameter (see `parameterOf`), or n8n's own error for
	 * an expression that fails.
	 */
	read(index: number): ItemSettings {
		if (this.sameForAll) return this.sameForAll;
		const settings = this.readFor(index);
		if (this.allParametersFixed) this.sameForAll = settings;
		return settings;
	}

	private readFor(index: number): ItemSettings {
		const step = settingsStepFor(this.node, index);
		const timeoutMs = step('options.timeout', () =>
			limitedNumber('options.timeout', this.params.get<unknown>('options.timeout', index, 10000), ' milliseconds'),
		);
		step('options.concurrency', () => readConcurrency(this.params));
		const responseExcerptBytes = step('options.responseExcerptSize', () =>
			limitedNumber('options.responseExcerptSize', this.params.get<unknown>('options.responseExcerptSize', index, defaultResponseExcerptBytes), ' bytes'),
		);
		const event = String(this.params.get<unknown>('event', index, '') ?? '').trim();
		return {
			request: this.group('request', requestParameters, index, readRequestSettings),
			success: this.group('success', successRuleParameters, index, readSuccessRule),
			retry: this.group('retry', retryParameters, index, readRetryPolicy),
			handOffSchedule: this.group('handOff', handOffParameters, index, readHandOffSchedule),
			// The circuit is the target's: one reading per run (its parameters take no expression).
			circuitBreaker: this.group('circuitBreaker', circuitBreakerParameters, 0, readCircuitBreaker),
			timeoutMs,
			responseExcerptBytes,
			messageId: String(this.params.get<unknown>('options.messageId', index, '') ?? ''),
			event: event === '' ? null : event,
		};
	}
}
