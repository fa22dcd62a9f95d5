import { type INode, NodeOperationError } from 'n8n-workflow';

import {
	type Backoff,
	type BodilessResponseRule,
	type BodySource,
	type ContentType,
	type KeywordRuleSpec,
	type NameValue,
	type RequestSettings,
	type RetryPolicy,
	type RetryableClass,
	type SuccessRule,
	anyTwoHundred,
	bodilessResponseRules,
	compileKeywordRule,
	defaultRetryOn,
	parseSchedule,
	parseStatusRanges,
	retryableClasses,
	statusRangesFromCodes,
	svixSchedule,
} from '../shared/delivery';
import { sendOutboundMessageProperties } from './description';
import type { ParameterReader } from './parameterReader';
import { checkNumber, numberLimits, parameterLabel } from './parameterLabels';

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
	'successStatusCodes',
	'customSuccessStatuses',
	'keywordPath',
	'keywordText',
	'keywordPattern',
	'bodilessResponses',
	'retries',
	'retryInterval',
	'backoffBase',
	'backoffFactor',
	'backoffCap',
	'customHandOffSchedule',
	'options.concurrency',
	'options.maxRetryAfterWait',
	'options.timeout',
] as const;

type CheckedParameter = (typeof checkedParameters)[number];

/** Reads one parameter's part of the settings; an unusable value becomes an error naming the parameter by its label. */
type SettingsStep = <T>(parameter: CheckedParameter, read: () => T) => T;

/**
 * The rule for every limited number (docs, "Limits"): refused when outside the range the editor
 * allows (the description's minValue/maxValue), with that range in the message; never clamped.
 * `advice` says where to go for more.
 */
function limitedNumber(parameter: CheckedParameter, value: unknown, advice = ''): number {
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

const successParameters = [
	'successStatus',
	'successStatusCodes',
	'customSuccessStatuses',
	'keywordMatch',
	'keywordPath',
	'keywordValue',
	'keywordText',
	'keywordPattern',
	'bodilessResponses',
];

const retryParameters = [
	'retries',
	'retryWait',
	'retryInterval',
	'backoffBase',
	'backoffFactor',
	'backoffCap',
	'retryOn',
	'options.maxRetryAfterWait',
];

const handOffParameters = ['handOffLongRetries', 'handOffSchedule', 'customHandOffSchedule'];

const itemParameters = ['options.timeout', 'event', 'options.messageId', 'options.concurrency'];

const requestParameters = ['url', 'method', 'headers', 'queryParameters', 'bodySource', 'customBody', 'contentType', 'rawContentType'];

const seconds = (value: number) => Math.round(value * 1000);

const keywordParameter: Record<KeywordRuleSpec['kind'], CheckedParameter> = {
	jsonPathEquals: 'keywordPath',
	contains: 'keywordText',
	regex: 'keywordPattern',
};

function readSuccessRule(params: ParameterReader, index: number, settingsStep: SettingsStep): SuccessRule {
	const mode = params.get<string>('successStatus', index, 'codes');
	const acceptedStatuses = settingsStep(mode === 'custom' ? 'customSuccessStatuses' : 'successStatusCodes', () => {
		if (mode === 'any2xx') return anyTwoHundred;
		if (mode === 'custom') return parseStatusRanges(params.get<string>('customSuccessStatuses', index, ''));
		const codes = params.get<Array<number | string>>('successStatusCodes', index, [200, 201, 204]).map(Number);
		if (codes.length === 0) throw new Error('no code is chosen: choose at least one of HTTP 200, 201 and 204, or set "Success Status" to Any 2xx');
		return statusRangesFromCodes(codes);
	});
	const kind = params.get<string>('keywordMatch', index, 'none');
	let spec: KeywordRuleSpec | undefined;
	if (kind === 'jsonPathEquals') {
		spec = { kind, path: params.get<string>('keywordPath', index, ''), value: String(params.get<unknown>('keywordValue', index, '')) };
	} else if (kind === 'contains') {
		spec = { kind, text: params.get<string>('keywordText', index, '') };
	} else if (kind === 'regex') {
		spec = { kind, pattern: params.get<string>('keywordPattern', index, '') };
	}
	if (!spec) return { acceptedStatuses };
	const keyword = settingsStep(keywordParameter[spec.kind], () => compileKeywordRule(spec));
	const bodilessResponses = settingsStep('bodilessResponses', () => {
		const rule = params.get<string>('bodilessResponses', index, 'noContentStatuses');
		if (!(bodilessResponseRules as readonly string[]).includes(rule)) {
			throw new Error(`"${rule}" is not one of its choices: pick one in the list`);
		}
		return rule as BodilessResponseRule;
	});
	return { acceptedStatuses, keyword, bodilessResponses };
}

function readRetryPolicy(params: ParameterReader, index: number, settingsStep: SettingsStep): RetryPolicy {
	const maxRetries = settingsStep('retries', () =>
		limitedNumber(
			'retries',
			params.get<unknown>('retries', index, 0),
			' (Hesi offers 0 to 3). For longer retries turn on "Hand Off Long Retries".',
		),
	);
	let backoff: Backoff = { kind: 'fixed', intervalMs: 0 };
	// The wait settings are hidden while Retries is 0, and then not checked.
	if (maxRetries > 0 && params.get<string>('retryWait', index, 'fixed') === 'exponential') {
		backoff = {
			kind: 'exponential',
			baseMs: seconds(settingsStep('backoffBase', () => limitedNumber('backoffBase', params.get<unknown>('backoffBase', index, 1)))),
			factor: settingsStep('backoffFactor', () => limitedNumber('backoffFactor', params.get<unknown>('backoffFactor', index, 2))),
			capMs: seconds(settingsStep('backoffCap', () => limitedNumber('backoffCap', params.get<unknown>('backoffCap', index, 60)))),
		};
	} else if (maxRetries > 0) {
		const interval = settingsStep('retryInterval', () =>
			limitedNumber(
				'retryInterval',
				params.get<unknown>('retryInterval', index, 0),
				' seconds, as Hesi allows. For longer waits choose "Exponential Backoff" under "Wait Between Retries", or turn on "Hand Off Long Retries".',
			),
		);
		backoff = { kind: 'fixed', intervalMs: seconds(interval) };
	}
	const retryOn = params
		.get<string[]>('retryOn', index, [...defaultRetryOn])
		.filter((name): name is RetryableClass => (retryableClasses as readonly string[]).includes(name));
	const retryAfterCap = settingsStep('options.maxRetryAfterWait', () =>
		limitedNumber('options.maxRetryAfterWait', params.get<unknown>('options.maxRetryAfterWait', index, 60), ' seconds'),
	);
	return { maxRetries, backoff, retryOn, retryAfterCapMs: seconds(retryAfterCap) };
}

function readHandOffSchedule(params: ParameterReader, index: number, settingsStep: SettingsStep): readonly number[] | undefined {
	if (!params.get<boolean>('handOffLongRetries', index, false)) return undefined;
	if (params.get<string>('handOffSchedule', index, 'svix') === 'svix') return svixSchedule;
	return settingsStep('customHandOffSchedule', () => parseSchedule(params.get<string>('customHandOffSchedule', index, '')));
}

function nameValues(value: unknown, key: string): NameValue[] {
	const list = (value as Record<string, unknown> | undefined)?.[key];
	return Array.isArray(list) ? (list as NameValue[]) : [];
}

function readRequestSettings(params: ParameterReader, index: number): RequestSettings {
	const bodySource = params.get<BodySource>('bodySource', index, 'request');
	const contentType = params.get<ContentType>('contentType', index, 'json');
	return {
		url: String(params.get<unknown>('url', index, '') ?? ''),
		method: params.get<string>('method', index, 'POST'),
		headers: nameValues(params.get<unknown>('headers', index, {}), 'header'),
		queryParameters: nameValues(params.get<unknown>('queryParameters', index, {}), 'parameter'),
		bodySource,
		customBody: bodySource === 'custom' ? params.get<unknown>('customBody', index, '') : undefined,
		contentType,
		rawContentType: contentType === 'raw' ? params.get<string>('rawContentType', index, 'text/plain') : undefined,
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
	timeoutMs: number;
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
			...successParameters,
			...retryParameters,
			...handOffParameters,
			...itemParameters,
		]);
	}

	private group<T>(
		key: string,
		names: readonly string[],
		index: number,
		read: (params: ParameterReader, index: number, settingsStep: SettingsStep) => T,
	): T {
		if (!this.params.allFixed(names)) return read(this.params, index, settingsStepFor(this.node, index));
		if (!this.cache.has(key)) this.cache.set(key, read(this.params, index, settingsStepFor(this.node, index)));
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
		const settingsStep = settingsStepFor(this.node, index);
		const timeoutMs = settingsStep('options.timeout', () =>
			limitedNumber('options.timeout', this.params.get<unknown>('options.timeout', index, 10000), ' milliseconds'),
		);
		settingsStep('options.concurrency', () => readConcurrency(this.params));
		const event = String(this.params.get<unknown>('event', index, '') ?? '').trim();
		return {
			request: this.group('request', requestParameters, index, readRequestSettings),
			success: this.group('success', successParameters, index, readSuccessRule),
			retry: this.group('retry', retryParameters, index, readRetryPolicy),
			handOffSchedule: this.group('handOff', handOffParameters, index, readHandOffSchedule),
			timeoutMs,
			messageId: String(this.params.get<unknown>('options.messageId', index, '') ?? ''),
			event: event === '' ? null : event,
		};
	}
}
