import { randomUUID } from 'node:crypto';

import { type IDataObject, type IExecuteFunctions, type INodeExecutionData, NodeOperationError, sleep } from 'n8n-workflow';

import { setCustomData } from '../../SendOutboundMessage/executionData';
import { ParameterReader } from '../../SendOutboundMessage/parameterReader';
import { PushLogWriter, pushLogWanted, sourceOf } from '../../SendOutboundMessage/pushLogWriter';
import { CircuitBreaker, createAttemptTimestamps, createHttpClient, messageIdGenerator } from '../../shared/delivery';
import { stateStoreFor } from '../../shared/store/n8nStateStore';
import type { StateStore } from '../../shared/store/types';
import { sharedAccessTokens } from '../../shared/todo/accessToken';
import { normaliseTodoItem } from '../../shared/todo/normalise';
import type { ItemOutcome } from '../../shared/todo/pushTodos';
import { mapEventPeople, renderAddresses, unmappedTargetEvent } from '../../shared/todo/rules';
import { runTodoBatch } from '../../shared/todo/runBatch';
import type { TargetEvent, TodoEvent } from '../../shared/todo/types';
import { outputIndex } from '../settings/outputs';
import { readDeliverySettings, settingsError } from '../settings/read';
import { readAddressSettings, readPersonMapping, readRuleSettings } from '../settings/readRules';
import { readTargetSettings } from '../settings/readTarget';

/**
 * Push: each input item is one to-do event; it leaves by Success (the target took it), Ignored (a
 * rule kept it back, `delivery.reason` says which), Failure (unreadable, or the target refused it
 * after the retries) or Held (the target's circuit is open). Every item carries its delivery record,
 * and `todo`: what was sent (receiver mapped, links rendered) and the compensating to-do's record.
 */

/** Flows pushed at once (items of one flow go one after another). */
const flowConcurrency = 8;

function outputItem(item: INodeExecutionData, index: number, outcome: ItemOutcome): INodeExecutionData {
	const todo: IDataObject = {};
	if (outcome.event) {
		const event: TargetEvent = outcome.event;
		Object.assign(todo, {
			operation: event.operation,
			flowId: event.flowId,
			receiver: event.receiver,
			oaReceiver: event.oaReceiver,
			pcUrl: event.pcUrl,
			appUrl: event.appUrl,
		});
	}
	if (outcome.compensation) todo.compensation = outcome.compensation as unknown as IDataObject;
	const json: IDataObject = { ...item.json, delivery: outcome.record as unknown as IDataObject, todo };
	const output: INodeExecutionData = { json, pairedItem: { item: index } };
	if (item.binary) output.binary = item.binary;
	return output;
}

/** Every item to Failure with one message (a settings or store problem under "On Error: Continue"). */
function failAll(items: INodeExecutionData[], error: Error, breakerOn: boolean): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = breakerOn ? [[], [], [], []] : [[], [], []];
	items.forEach((item, index) => outputs[outputIndex.failure].push({ json: { ...item.json, error: error.message }, pairedItem: { item: index } }));
	return outputs;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const params = new ParameterReader(this);
	const breakerOn = params.get<boolean>('circuitBreaker', 0, false) === true;
	if (items.length === 0) return breakerOn ? [[], [], [], []] : [[], [], []];

	let store: StateStore;
	let settings;
	try {
		settings = {
			target: await readTargetSettings(this, params),
			delivery: readDeliverySettings(this, params),
			rules: readRuleSettings(params),
			mapping: (() => {
				try {
					return readPersonMapping(params);
				} catch (error) {
					throw settingsError(this, 'personMapping', (error as Error).message + ((error as { description?: string }).description ? ` ${(error as { description?: string }).description}` : ''));
				}
			})(),
			addresses: (() => {
				try {
					return readAddressSettings(params);
				} catch (error) {
					throw settingsError(this, 'addresses', (error as Error).message);
				}
			})(),
		};
		// Records of what was pushed live in the store, so the rules hold across runs and processes.
		store = (await stateStoreFor(this)).store;
	} catch (error) {
		const problem = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw problem;
		return failAll(items, problem, breakerOn);
	}
	const { target, delivery, rules, mapping, addresses } = settings;
	const now = Date.now();

	const events: Array<TodoEvent | undefined> = [];
	const problems: Array<string | undefined> = [];
	for (const [index, item] of items.entries()) {
		const read = normaliseTodoItem(item.json, { now });
		events.push(read.ok ? read.event : undefined);
		problems.push(read.ok ? undefined : `Item ${index + 1} cannot be pushed by node "${this.getNode().name}": ${read.problem}`);
	}

	const outputs: INodeExecutionData[][] = breakerOn ? [[], [], [], []] : [[], [], []];
	const newMessageId = messageIdGenerator();
	let outcomes: ItemOutcome[];
	if (!target.enabled) {
		outcomes = events.map((event, index) => ({
			route: 'ignored',
			event: event ? unmappedTargetEvent(event) : undefined,
			record: {
				messageId: newMessageId(),
				target: null,
				event: event ? `todo.${event.operation}` : null,
				status: 'ignored',
				reason: 'disabled',
				message: `Not pushed: "Enabled" is off in node "${this.getNode().name}" (item ${index + 1})`,
				attempts: [],
				firstAttemptAt: null,
				lastAttemptAt: null,
				nextAttemptAt: null,
			},
		}));
	} else {
		const cancelSignal = this.getExecutionCancelSignal();
		const client = createHttpClient({ connectionsPerOrigin: flowConcurrency, ignoreTlsErrors: delivery.allowUnauthorizedCerts });
		const breaker = delivery.circuitBreaker
			? new CircuitBreaker(store, delivery.circuitBreaker, { owner: randomUUID(), probeLeaseMs: delivery.timeoutMs + 5_000 })
			: undefined;
		try {
			outcomes = await runTodoBatch({
				events,
				problems,
				rules,
				store,
				now,
				concurrency: flowConcurrency,
				newMessageId,
				prepare: (event, index) => {
					const mapped = mapping ? mapEventPeople(event, mapping.tableOf(items[index].json, index), mapping.settings) : unmappedTargetEvent(event);
					const links = renderAddresses(mapped, addresses.templates, { now, timeZone: delivery.timeZone, tenantKey: addresses.tenantKey, oaBaseUrl: addresses.oaBaseUrl });
					return { ...mapped, pcUrl: links.pcUrl, appUrl: links.appUrl, adaptiveUrl: links.adaptiveUrl };
				},
				context: {
					adapter: target.adapter,
					target: target.settings,
					timeoutMs: delivery.timeoutMs,
					retry: delivery.retry,
					delivery: { send: client.send, sleep: async (ms) => await sleep(ms, cancelSignal), isoTime: createAttemptTimestamps() },
					tokens: sharedAccessTokens,
					breaker,
				},
			});
		} finally {
			await client.close();
			await breaker?.flush().catch(() => undefined);
		}
	}

	const source = sourceOf(this);
	const pushLog = {
		...delivery.pushLog,
		flowIdOf: (_json: Record<string, unknown>, index: number) => events[index]?.flowId ?? null,
		receiverOf: (_json: Record<string, unknown>, index: number) => events[index]?.receiver ?? null,
	};
	if (pushLogWanted(this, pushLog)) {
		const writer = new PushLogWriter(pushLog, source, async () => store);
		outcomes.forEach((outcome, index) => {
			if (outcome.compensation) writer.add({ record: outcome.compensation, json: items[index].json, index, attemptsThisRun: outcome.compensation.attempts.length });
			writer.add({ record: outcome.record, json: items[index].json, index, attemptsThisRun: outcome.record.attempts.length });
		});
		await writer.finish();
	}
	setCustomData(this, { records: outcomes.map((outcome) => outcome.record), source, flowId: events[0]?.flowId ?? null });

	// Held exists only while the breaker is on; without it nothing is held.
	outcomes.forEach((outcome, index) => {
		const route = outcome.route === 'held' && !breakerOn ? 'failure' : outcome.route;
		outputs[outputIndex[route]].push(outputItem(items[index], index, outcome));
	});
	return outputs;
}
