import { randomUUID } from 'node:crypto';

import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, NodeOperationError, sleep } from 'n8n-workflow';

import { type DeliveryDependencies, type DeliveryOutcome, type DeliveryRequest, type RequestSettings, CircuitBreaker, InvalidUrlError, addMessageIdHeader, alignHandOffTimes, bodyFromOf, circuitTargetOf, createAttemptTimestamps, createHttpClient, createRequestBuilder, createSecretRedactor, deliverMessage, deliverThroughBreaker, invalidRequestRecord, mapWithConcurrency, messageIdGenerator, readPreviousDelivery, resolveMessageId, sampleMessage, targetOf, testResult } from '../shared/delivery';
import type { CredentialSigning } from '../shared/signing';
import { type ResolvedStateStore, stateStoreFor } from '../shared/store/n8nStateStore';
import { setCustomData } from './executionData';
import { eventWithoutSettings, isTestRun, targetWithoutSettings } from './itemIdentity';
import { outputIndex } from './outputs';
import { ParameterReader } from './parameterReader';
import { PushLogWriter, pushLogWanted, sourceOf } from './pushLogWriter';
import { type ItemSettings, ItemSettingsReader, parameterOf, readConcurrency } from './settings';
import { readPushLog } from './settings/pushLog';
import { readSigning, signAttemptWith } from './settings/signing';

export { signingCredentialName } from './settings/signing';

/** Output items built between two returns to the event loop (a few milliseconds of work). */
const outputChunkSize = 5000;

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

/** Item 0's settings when they are readable (the breaker and the store are per run). */
function firstSettings(reader: ItemSettingsReader): ItemSettings | undefined {
	try {
		return reader.read(0);
	} catch {
		return undefined;
	}
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

	// The state store, opened once per run and only when the breaker or the push log needs it.
	let resolvedStore: Promise<ResolvedStateStore> | undefined;
	const openStore = async () => (await (resolvedStore ??= stateStoreFor(this))).store;

	// The circuit breaker is the target's: one per run, from item 0's settings. Off in the seed's test run.
	const breakerSettings = test ? undefined : firstSettings(settingsReader)?.circuitBreaker;
	// The workflow shows the Held output whenever the toggle is on (outputs.ts): always return four then.
	const breakerOn = params.get<boolean>('circuitBreaker', 0, false) === true;
	// A store the breaker cannot open is a configuration problem like a signing credential's: stop,
	// or with "On Error: Continue" deliver without the breaker (its items carry no `circuit`).
	let breaker: CircuitBreaker | undefined;
	if (breakerSettings) {
		try {
			const probeLeaseMs = (firstSettings(settingsReader)?.timeoutMs ?? 10_000) + 5_000;
			breaker = new CircuitBreaker(await openStore(), breakerSettings, { owner: randomUUID(), probeLeaseMs });
		} catch (error) {
			const problem = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
			if (!this.continueOnFail()) throw problem;
		}
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
		const target = targetFor(request.url);
		const plan = {
			request,
			messageId,
			event,
			timeoutMs: settings.timeoutMs,
			success: settings.success,
			// The seed's test sends once and reports the answer.
			retry: test ? { ...settings.retry, maxRetries: 0 } : settings.retry,
			handOffSchedule: test ? undefined : settings.handOffSchedule,
			previous,
			target,
			bodyFrom,
			// Off the Failure output the record keeps a response excerpt and not the item's own body
			// (its length and hash instead); the seed's test reports the whole answer.
			recordDetail: test
				? undefined
				: { responseExcerptBytes: settings.responseExcerptBytes, itemBody: bodyFrom === 'request' || bodyFrom === 'wholeItem' ? request.body : undefined },
		};
		const origin = breaker ? circuitTargetOf(request.url) : null;
		if (!breaker || origin === null) return deliverMessage(plan, dependencies);
		return deliverThroughBreaker(breaker, origin, plan, dependencies, { messageId, target, event, bodyFrom });
	};

	const pushLog = readPushLog(params);
	const source = sourceOf(this);
	const pushLogWriter = !test && pushLogWanted(this, pushLog) ? new PushLogWriter(pushLog, source, openStore) : undefined;
	const logItem = (index: number, outcome: DeliveryOutcome): void =>
		pushLogWriter?.add({
			record: outcome.record,
			json: items[index].json,
			index,
			attemptsThisRun: outcome.record.attempts.length - (readPreviousDelivery(items[index].json)?.attempts.length ?? 0),
		});
	// Each item goes to the push log as it finishes, except one handed off: its time is aligned below.
	const deliverAndLog = (index: number): Promise<DeliveryOutcome> =>
		deliverItem(index).then((outcome) => {
			if (outcome.record.status !== 'retrying') logItem(index, outcome);
			return outcome;
		});

	let outcomes: DeliveryOutcome[];
	try {
		outcomes = await mapWithConcurrency(items.length, concurrency, pushLogWriter ? deliverAndLog : deliverItem);
	} finally {
		await client.close();
		// The run's successes still in memory, for other runs' failure rates (a store error loses only counts).
		await breaker?.flush().catch(() => undefined);
	}

	// The Wait node releases the batch at the first item's time: make that the latest item's.
	alignHandOffTimes(outcomes.map((outcome) => outcome.record));

	if (pushLogWriter) {
		outcomes.forEach((outcome, index) => {
			if (outcome.record.status === 'retrying') logItem(index, outcome);
		});
		await pushLogWriter.finish();
	}
	setCustomData(this, {
		records: outcomes.map((outcome) => outcome.record),
		source,
		flowId: items.length > 0 ? pushLog.flowIdOf(items[0].json, 0) : null,
	});

	const outputs: INodeExecutionData[][] = breakerOn ? [[], [], [], []] : [[], [], []];
	for (let index = 0; index < outcomes.length; index++) {
		// A run of 100,000 items makes this loop long: give the event loop back every few thousand
		// items, so n8n's timers and sockets are not held up for the whole of it.
		if (index > 0 && index % outputChunkSize === 0) await new Promise((resolve) => setImmediate(resolve));
		const outcome = outcomes[index];
		const item = items[index];
		const json: IDataObject = { ...item.json, delivery: outcome.record as unknown as IDataObject };
		if (test) json.testResult = testResult(outcome.record, testRule) as unknown as IDataObject;
		const output: INodeExecutionData = { json, pairedItem: { item: test ? 0 : index } };
		if (item.binary) output.binary = item.binary;
		outputs[outputIndex[outcome.route]].push(output);
	}
	return outputs;
}
