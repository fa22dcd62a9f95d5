/**
 * Runs the Outbox node (and Send Outbound Message) the way a workflow does: parameters completed
 * with the description's defaults by n8n's NodeHelpers, the shared fake execute context plus what
 * the Outbox uses of n8n's context (custom execution data, messages to the editor, the execution
 * id), against a real SQLite file in a fresh temporary folder for each test, and a clock the test
 * moves (only Date is faked: timers, sockets and the store run for real).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType, WorkflowExecuteMode } from 'n8n-workflow';

import { Outbox } from '../../../nodes/Outbox/Outbox.node';
import { SendOutboundMessage } from '../../../nodes/SendOutboundMessage/SendOutboundMessage.node';
import { closeCachedStateStores, defaultStatePath, openStateStore } from '../../../nodes/shared/store';
import type { StateStore } from '../../../nodes/shared/store/types';
import { type ExpressionFunction, fakeExecuteContext, parametersWithDefaults } from '../fakeExecuteContext';

export interface NodeRun {
	outputs: INodeExecutionData[][];
	customData: Record<string, string>;
	uiMessages: unknown[];
}

export interface RunOptions {
	mode?: WorkflowExecuteMode;
	expressions?: Record<string, ExpressionFunction>;
	executionId?: string;
	continueOnFail?: boolean;
	credentials?: Record<string, Record<string, unknown>>;
	/** Called with each message the node sends to the editor (manual runs). */
	onUiMessage?: (message: unknown) => void | Promise<void>;
}

let executions = 0;

export async function runNode(nodeType: INodeType, stored: INodeParameters, items: INodeExecutionData[], options: RunOptions = {}): Promise<NodeRun> {
	const { description } = nodeType;
	const { context } = fakeExecuteContext({
		node: { name: description.defaults.name as string, type: `n8n-nodes-outbound-messages.${description.name}` },
		typeVersion: 1,
		parameters: parametersWithDefaults(description, stored, 1),
		items,
		mode: options.mode,
		expressions: options.expressions,
		continueOnFail: options.continueOnFail,
		credentials: options.credentials,
	});
	const customData: Record<string, string> = {};
	const uiMessages: unknown[] = [];
	const executionId = options.executionId ?? String(++executions);
	Object.assign(context, {
		customData: {
			set: (key: string, value: string) => (customData[key] = value),
			setAll: (values: Record<string, string>) => Object.assign(customData, values),
			get: (key: string) => customData[key],
			getAll: () => ({ ...customData }),
		},
		sendMessageToUI: (message: unknown) => {
			uiMessages.push(message);
			void options.onUiMessage?.(message);
		},
		getExecutionId: () => executionId,
		getWorkflow: () => ({ id: 'wf1', name: 'Compensation', active: true }),
	});
	const outputs = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
	return { outputs, customData, uiMessages };
}

export async function runOutbox(stored: INodeParameters, items: INodeExecutionData[] = [{ json: {} }], options: RunOptions = {}): Promise<NodeRun> {
	return await runNode(new Outbox(), stored, items, options);
}

export async function runSend(url: string, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	return (await runNode(new SendOutboundMessage(), { url }, items)).outputs;
}

/** A fresh store file for each test (OUTBOUND_MESSAGES_STATE_PATH), and a second handle on it for the test's own reads. */
export function useTempStore(): { store: () => StateStore; folder: () => string } {
	let folder = '';
	let store: StateStore | undefined;
	beforeEach(() => {
		folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
		process.env.OUTBOUND_MESSAGES_STATE_PATH = path.join(folder, 'state.db');
		store = openStateStore({ kind: 'embedded', path: defaultStatePath() });
	});
	afterEach(async () => {
		await store?.close();
		await closeCachedStateStores();
		delete process.env.OUTBOUND_MESSAGES_STATE_PATH;
		fs.rmSync(folder, { recursive: true, force: true });
	});
	return { store: () => store!, folder: () => folder };
}

/** Fakes Date only, starting at `start`; returns a function that moves the clock forward. */
export function useClock(start = Date.parse('2026-12-01T08:00:00Z')): { advance: (ms: number) => void; now: () => number } {
	beforeEach(() => {
		jest.useFakeTimers({
			doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
			now: start,
		});
	});
	afterEach(() => jest.useRealTimers());
	return { advance: (ms) => jest.setSystemTime(Date.now() + ms), now: () => Date.now() };
}

export const minute = 60_000;

/** An item as it leaves Send Outbound Message's Failure output. */
export function failedDelivery(messageId: string, json: IDataObject, overrides: IDataObject = {}): INodeExecutionData {
	return {
		json: {
			...json,
			delivery: {
				messageId,
				target: 'http://127.0.0.1/hook',
				event: 'flow.approved',
				status: 'failed',
				reason: 'status_not_accepted',
				message: 'The target answered 503',
				attempts: [{ at: '2026-12-01T07:59:59.000Z', durationMs: 3, request: {}, response: { status: 503, headers: {}, body: '', truncated: false }, error: null }],
				firstAttemptAt: '2026-12-01T07:59:59.000Z',
				lastAttemptAt: '2026-12-01T07:59:59.000Z',
				nextAttemptAt: null,
				...overrides,
			},
		},
	};
}
