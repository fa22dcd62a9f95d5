import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import type { CircuitBreakerSettings, RetryPolicy } from '../../shared/delivery';
import { checkNumber, numberLimits, parameterLabel } from '../../SendOutboundMessage/parameterLabels';
import type { ParameterReader } from '../../SendOutboundMessage/parameterReader';
import { readCircuitBreaker } from '../../SendOutboundMessage/settings/circuitBreaker';
import { type PushLogSettings, readPushLog } from '../../SendOutboundMessage/settings/pushLog';
import { readRetryPolicy } from '../../SendOutboundMessage/settings/retry';
import type { SettingsReading } from '../../SendOutboundMessage/settings/settingsStep';
import { properties } from '../actions/properties';

/**
 * Reads Unified Todo Push's settings once per run (the target, its rules and its delivery are the
 * node's, not the item's) with the same group readers as Send Outbound Message. An unusable value
 * stops the node with an error naming the parameter by its panel label.
 */

/** The panel's label of a parameter of this node: `Retries`, `Options → Timeout (Ms)`. */
export const labelOf = (parameter: string): string => parameterLabel(properties, parameter);

/** A settings problem: the node's name, the label, what was wrong and where to fix it. */
export function settingsError(context: IExecuteFunctions, parameter: string, problem: string): NodeOperationError {
	const node = context.getNode();
	const label = labelOf(parameter);
	const error = new NodeOperationError(node, `Invalid "${label}" in node "${node.name}": ${problem}`, {
		description: `Correct "${label}" in the panel of node "${node.name}" (or the expression that sets it) and run it again`,
	});
	error.context.parameter = parameter;
	return error;
}

function readingFor(context: IExecuteFunctions, params: ParameterReader): SettingsReading {
	return {
		params,
		index: 0,
		step: (parameter, read) => {
			try {
				return read();
			} catch (error) {
				throw settingsError(context, parameter, (error as Error).message);
			}
		},
		limitedNumber: (parameter, value, advice) => checkNumber(value, numberLimits(properties, parameter), advice),
	};
}

export interface DeliverySettings {
	timeoutMs: number;
	retry: RetryPolicy;
	circuitBreaker: CircuitBreakerSettings | undefined;
	pushLog: PushLogSettings;
	allowUnauthorizedCerts: boolean;
	timeZone: string;
}

export function readDeliverySettings(context: IExecuteFunctions, params: ParameterReader): DeliverySettings {
	const reading = readingFor(context, params);
	const timeoutMs = reading.step('options.timeout', () =>
		reading.limitedNumber('options.timeout', params.get<unknown>('options.timeout', 0, 10000), ' milliseconds'),
	);
	const timeZone = String(params.get<unknown>('targetTimeZone', 0, 'Asia/Shanghai') ?? '').trim() || 'Asia/Shanghai';
	try {
		new Intl.DateTimeFormat('en', { timeZone });
	} catch {
		throw settingsError(context, 'targetTimeZone', `"${timeZone}" is not a time zone: use an IANA name such as Asia/Shanghai`);
	}
	return {
		timeoutMs,
		retry: readRetryPolicy(reading),
		circuitBreaker: readCircuitBreaker(reading),
		pushLog: readPushLog(params),
		allowUnauthorizedCerts: params.get<boolean>('options.allowUnauthorizedCerts', 0, false) === true,
		timeZone,
	};
}
