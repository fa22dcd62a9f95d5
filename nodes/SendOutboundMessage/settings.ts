import { type INode, NodeOperationError } from 'n8n-workflow';

import {
	type Backoff,
	type BodySource,
	type ContentType,
	type KeywordRuleSpec,
	type NameValue,
	type RequestSettings,
	type RetryPolicy,
	type RetryableClass,
	type SuccessRule,
	anyTwoHundred,
	compileKeywordRule,
	defaultRetryOn,
	maxRetriesLimit,
	parseSchedule,
	parseStatusRanges,
	retryableClasses,
	statusRangesFromCodes,
	svixSchedule,
} from '../shared/delivery';
import type { ParameterReader } from './parameterReader';

/** Reads one parameter's part of the settings; an unusable value becomes an error naming the parameter. */
type SettingsStep = <T>(parameter: string, read: () => T) => T;

/** The parameter a settings error is about (kept in the error's context). */
export function parameterOf(error: unknown): string | undefined {
	const parameter = error instanceof NodeOperationError ? error.context.parameter : undefined;
	return typeof parameter === 'string' ? parameter : undefined;
}

function settingsStepFor(node: INode, itemIndex: number): SettingsStep {
	return (parameter, read) => {
		try {
			return read();
		} catch (error) {
			const problem = new NodeOperationError(node, `Invalid "${parameter}": ${(error as Error).message}`, {
				itemIndex,
				description: `Correct the "${parameter}" parameter of this node and run it again`,
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

const itemParameters = ['options.timeout', 'event', 'options.messageId'];

const requestParameters = ['url', 'method', 'headers', 'queryParameters', 'bodySource', 'customBody', 'contentType', 'rawContentType'];

const seconds = (value: number) => Math.round(value * 1000);

function readSuccessRule(params: ParameterReader, index: number, settingsStep: SettingsStep): SuccessRule {
	const mode = params.get<string>('successStatus', index, 'codes');
	const acceptedStatuses = settingsStep(mode === 'custom' ? 'customSuccessStatuses' : 'successStatusCodes', () => {
		if (mode === 'any2xx') return anyTwoHundred;
		if (mode === 'custom') return parseStatusRanges(params.get<string>('customSuccessStatuses', index, ''));
		const codes = params.get<Array<number | string>>('successStatusCodes', index, [200, 201, 204]).map(Number);
		if (codes.length === 0) throw new Error('Choose at least one success status code');
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
	const parameter = kind === 'jsonPathEquals' ? 'keywordPath' : kind === 'contains' ? 'keywordText' : 'keywordPattern';
	return { acceptedStatuses, keyword: spec && settingsStep(parameter, () => compileKeywordRule(spec)) };
}

function readRetryPolicy(params: ParameterReader, index: number, settingsStep: SettingsStep): RetryPolicy {
	const maxRetries = settingsStep('retries', () => {
		const retries = Number(params.get<number>('retries', index, 0));
		if (!Number.isInteger(retries) || retries < 0 || retries > maxRetriesLimit) {
			throw new Error(`Retries must be a whole number from 0 to ${maxRetriesLimit}, not ${retries}`);
		}
		return retries;
	});
	let backoff: Backoff;
	if (params.get<string>('retryWait', index, 'fixed') === 'exponential') {
		backoff = {
			kind: 'exponential',
			baseMs: seconds(params.get<number>('backoffBase', index, 1)),
			factor: Math.max(1, params.get<number>('backoffFactor', index, 2)),
			capMs: seconds(params.get<number>('backoffCap', index, 60)),
		};
	} else {
		backoff = { kind: 'fixed', intervalMs: seconds(Math.min(10, Math.max(0, params.get<number>('retryInterval', index, 0)))) };
	}
	const retryOn = params
		.get<string[]>('retryOn', index, [...defaultRetryOn])
		.filter((name): name is RetryableClass => (retryableClasses as readonly string[]).includes(name));
	return { maxRetries, backoff, retryOn, retryAfterCapMs: seconds(params.get<number>('options.maxRetryAfterWait', index, 60)) };
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
		const timeoutMs = settingsStep('options.timeout', () => {
			const timeout = Number(this.params.get<number>('options.timeout', index, 10000));
			if (!Number.isFinite(timeout) || timeout <= 0) throw new Error(`Timeout must be a positive number of milliseconds, not ${timeout}`);
			return timeout;
		});
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
