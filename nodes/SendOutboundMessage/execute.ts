import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeOperationError,
	sleep,
} from 'n8n-workflow';

import {
	type AttemptContext,
	type DeliveryDependencies,
	type DeliveryOutcome,
	type DeliveryRequest,
	type RequestSettings,
	InvalidUrlError,
	createRequestBuilder,
	createAttemptTimestamps,
	createSecretRedactor,
	createHttpClient,
	deliverMessage,
	invalidRequestRecord,
	mapWithConcurrency,
	messageIdGenerator,
	addMessageIdHeader,
	alignHandOffTimes,
	bodyFromOf,
	readPreviousDelivery,
	resolveMessageId,
	sampleMessage,
	targetOf,
	testResult,
} from '../shared/delivery';
import { type CredentialSigning, signRequest, signingFromCredential } from '../shared/signing';
import { ParameterReader } from './parameterReader';
import { type ItemSettings, ItemSettingsReader, parameterOf, readConcurrency } from './settings';

/** Output indexes, in the order of `outputNames`. */
const outputIndex = { success: 0, retry: 1, failure: 2 } as const;

export const signingCredentialName = 'outboundSigningSecret';

/**
 * The seed's "test and save": run by hand with nothing coming in (n8n then passes one empty item),
 * the node sends a sample message for the chosen event instead.
 */
function isTestRun(context: IExecuteFunctions, items: INodeExecutionData[]): boolean {
	if (context.getMode() !== 'manual') return false;
	if (items.length === 0) return true;
	return items.length === 1 && Object.keys(items[0].json).length === 0 && items[0].binary === undefined;
}

async function readSigning(context: IExecuteFunctions, params: ParameterReader): Promise<CredentialSigning | undefined> {
	if (!params.get<boolean>('signEachAttempt', 0, false)) return undefined;
	const data = await context.getCredentials(signingCredentialName);
	try {
		return signingFromCredential(data);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Open the Outbound Signing Secret credential chosen under "Sign Each Attempt" and complete it',
		});
	}
}

function signAttemptWith(signing: CredentialSigning): (request: DeliveryRequest, context: AttemptContext) => DeliveryRequest {
	return (request, context) => {
		const signed = signRequest(
			{ method: request.method, url: request.url, headers: request.headers, body: request.body ?? '' },
			{ config: signing.config, secrets: signing.secrets, signWithAll: signing.signWithAll, messageId: context.messageId },
		);
		return { ...signed, body: request.body === undefined && signed.body === '' ? undefined : signed.body };
	};
}

/** An invalid Concurrency is a settings problem that fails every item (or has stopped the node): deliver them at the default. */
function concurrencyOrDefault(params: ParameterReader): number {
	try {
		return readConcurrency(params);
	} catch {
		return 16;
	}
}

/** The problem with item 0's settings, if any; a settings problem is never thrown from here. */
function settingsProblem(reader: ItemSettingsReader, index: number): unknown {
	try {
		reader.read(index);
		return undefined;
	} catch (error) {
		return error;
	}
}

/**
 * The target of an item whose settings could not be read (another setting is invalid): the item's
 * request.url or the node's URL, as the request would have used; null when neither can be called.
 */
function targetWithoutSettings(params: ParameterReader, json: IDataObject, index: number): string | null {
	try {
		const request = json.request as { url?: unknown } | undefined;
		const itemUrl =
			params.get<unknown>('bodySource', index, 'request') === 'request' && request && typeof request === 'object' && typeof request.url === 'string' && request.url.trim() !== ''
				? request.url
				: undefined;
		return targetOf(itemUrl ?? String(params.get<unknown>('url', index, '') ?? ''));
	} catch {
		return null;
	}
}

/** The event of an item whose settings could not be read: the Event parameter, or an earlier record's. */
function eventWithoutSettings(params: ParameterReader, json: IDataObject, index: number): string | null {
	try {
		const event = String(params.get<unknown>('event', index, '') ?? '').trim();
		if (event !== '') return event;
	} catch {
		// An Event expression that fails: fall back to the earlier record.
	}
	const earlier = (json.delivery as { event?: unknown } | undefined)?.event;
	return typeof earlier === 'string' ? earlier : null;
}

export async function sendOutboundMessages(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const input = this.getInputData();
	const params = new ParameterReader(this);
	const settingsReader = new ItemSettingsReader(params, this.getNode());
	const test = isTestRun(this, input);
	const items: INodeExecutionData[] = test
		? [{ json: sampleMessage(String(params.get<unknown>('event', 0, '') ?? '')) as IDataObject, pairedItem: { item: 0 } }]
		: input;

	// A mistake in a parameter without an expression is the same for every item: stop before sending
	// anything. With "On Error: Continue", every item goes to Failure with the message instead (n8n
	// would put an error item on the first output, which here means Success).
	const problem = items.length > 0 ? settingsProblem(settingsReader, 0) : undefined;
	const problemParameter = parameterOf(problem);
	const fixedProblem = problem instanceof NodeOperationError && problemParameter !== undefined && params.isFixed(problemParameter);
	if (fixedProblem && !this.continueOnFail()) throw problem;

	const concurrency = concurrencyOrDefault(params);
	// A Sign Each Attempt credential that cannot sign is the same for every item: stop, or with
	// "On Error: Continue" fail them all (n8n would pass the input on the first output, Success).
	let signing: CredentialSigning | undefined;
	let signingProblem: NodeOperationError | undefined;
	try {
		signing = await readSigning(this, params);
	} catch (error) {
		signingProblem = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw signingProblem;
	}
	const signAttempt = signing ? signAttemptWith(signing) : undefined;
	const cancelSignal = this.getExecutionCancelSignal();
	const client = createHttpClient({
		connectionsPerOrigin: concurrency,
		ignoreTlsErrors: params.get<boolean>('options.allowUnauthorizedCerts', 0, false),
	});

	const dependencies: DeliveryDependencies = {
		send: client.send,
		sleep: async (ms) => await sleep(ms, cancelSignal),
		isoTime: createAttemptTimestamps(),
		signAttempt,
		// Hesi's signKey goes out verbatim (in a body field, or a header of any name): keep it out of the record.
		redactSecrets: signing ? createSecretRedactor(signing.secrets) : undefined,
	};
	const newMessageId = messageIdGenerator();
	// Items of a run usually share one URL: name its target once.
	const targets = new Map<string, string | null>();
	const targetFor = (url: string): string | null => {
		let target = targets.get(url);
		if (target === undefined) {
			target = targetOf(url);
			targets.set(url, target);
		}
		return target;
	};

	// One request builder per distinct request settings (one for the run unless they use expressions).
	const builders = new WeakMap<RequestSettings, ReturnType<typeof createRequestBuilder>>();
	const buildRequest = (json: IDataObject, settings: RequestSettings): DeliveryRequest => {
		let builder = builders.get(settings);
		if (!builder) {
			builder = createRequestBuilder(settings);
			builders.set(settings, builder);
		}
		return builder(json);
	};

	// The success rule each item was judged by, kept only for the test run's report.
	let testRule: ItemSettings['success'] | undefined;

	// Not async: it hands deliverMessage's promise on, one await fewer per item.
	const deliverItem = (index: number): Promise<DeliveryOutcome> => {
		const json = items[index].json;
		const previous = test ? undefined : readPreviousDelivery(json);
		let settings: ItemSettings;
		try {
			settings = settingsReader.read(index);
		} catch (error) {
			// A parameter whose expression gives this item an unusable value fails this item only.
			const message = (error as Error).message;
			const identity = {
				messageId: previous?.messageId ?? resolveMessageId(json, undefined, newMessageId),
				target: targetWithoutSettings(params, json, index),
				event: eventWithoutSettings(params, json, index),
			};
			return Promise.resolve({ route: 'failure', record: invalidRequestRecord(identity, message, previous?.attempts) });
		}
		const messageId = previous?.messageId ?? resolveMessageId(json, settings.messageId, newMessageId);
		const event = settings.event ?? (json.delivery as { event?: string } | undefined)?.event ?? null;
		// What the record says about the body: the choice the request builder makes for this item.
		const bodyFrom = bodyFromOf(json, settings.request);
		if (signingProblem) {
			const identity = { messageId, target: targetWithoutSettings(params, json, index), event, bodyFrom };
			return Promise.resolve({ route: 'failure', record: invalidRequestRecord(identity, signingProblem.message, previous?.attempts) });
		}
		let request: DeliveryRequest;
		try {
			request = buildRequest(json, settings.request);
		} catch (error) {
			// InvalidRequestError: no URL, a bad URL, a body that cannot be serialised, a Custom Body that is not JSON.
			const target = error instanceof InvalidUrlError ? null : targetOf(settings.request.url);
			const identity = { messageId, target, event, bodyFrom };
			return Promise.resolve({ route: 'failure', record: invalidRequestRecord(identity, (error as Error).message, previous?.attempts) });
		}
		addMessageIdHeader(request.headers, messageId, signing?.config.scheme === 'standardWebhooks');
		if (test) testRule = settings.success;
		return deliverMessage(
			{
				request,
				messageId,
				event,
				timeoutMs: settings.timeoutMs,
				success: settings.success,
				// The seed's test sends once and reports the answer.
				retry: test ? { ...settings.retry, maxRetries: 0 } : settings.retry,
				handOffSchedule: test ? undefined : settings.handOffSchedule,
				previous,
				target: targetFor(request.url),
				bodyFrom,
			},
			dependencies,
		);
	};

	let outcomes: DeliveryOutcome[];
	try {
		outcomes = await mapWithConcurrency(items.length, concurrency, deliverItem);
	} finally {
		await client.close();
	}

	// The Wait node releases the batch at the first item's time: make that the latest item's.
	alignHandOffTimes(outcomes.map((outcome) => outcome.record));

	const outputs: INodeExecutionData[][] = [[], [], []];
	outcomes.forEach((outcome, index) => {
		const item = items[index];
		const json: IDataObject = { ...item.json, delivery: outcome.record as unknown as IDataObject };
		if (test) json.testResult = testResult(outcome.record, testRule) as unknown as IDataObject;
		const output: INodeExecutionData = { json, pairedItem: { item: test ? 0 : index } };
		if (item.binary) output.binary = item.binary;
		outputs[outputIndex[outcome.route]].push(output);
	});
	return outputs;
}
