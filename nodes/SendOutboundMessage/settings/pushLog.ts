import type { INodeProperties } from 'n8n-workflow';

import { oneOf } from '../../shared/n8nChoices';
import type { ParameterReader } from '../parameterReader';

/**
 * The push log (seed 002's 推送日志): one row per item in the state store, by message id, written
 * in batches as items finish (pushLogWriter.ts); the node returns once all are written. Rows of items not delivered keep the item, so the Outbox node can
 * send them again.
 */

export const pushLogModes = ['whenCredential', 'always', 'never'] as const;
export type PushLogMode = (typeof pushLogModes)[number];

const shownWhenLogging = { hide: { pushLog: ['never'] } };

export const pushLogProperties: INodeProperties[] = [
	{
		displayName: 'Push Log',
		name: 'pushLog',
		...oneOf(
			['When a State Store Credential Is Set', 'whenCredential', 'Log to the store of the Outbound State Store credential chosen on this node; without one, log nothing'],
			['Always (Embedded File Without a Credential)', 'always', "Log to the credential's store, or without one to the embedded file in the n8n folder"],
			['Never', 'never', "Only n8n's execution history keeps the delivery records"],
		),
		noDataExpression: true,
		default: 'whenCredential',
		description:
			'Whether to write one row per item (message ID, status, reason, target, event, flow ID, receiver, attempts) to the state store, where the Outbox node searches and re-pushes them',
		// executionData.ts
		hint: 'Every run also sets custom execution data to filter executions by: messageId, messageCount, source, event, flowId and outcome',
	},
	{
		displayName: 'Flow / Document ID',
		name: 'pushLogFlowId',
		type: 'string',
		default: '',
		placeholder: '={{ $json.flowId }}',
		description:
			"The row's flow or document ID (流程ID / 单据编号), to search the log by. Empty: the item's flowId, flowid, billNo or code field, whichever it has first.",
		displayOptions: shownWhenLogging,
	},
	{
		displayName: 'Receiver',
		name: 'pushLogReceiver',
		type: 'string',
		default: '',
		placeholder: '={{ $json.staffId }}',
		description: "The row's receiver (接收人). Empty: the item's receiver, receiverId, userid or userId field, whichever it has first.",
		displayOptions: shownWhenLogging,
	},
	{
		displayName: 'Keep Payloads of Successes',
		name: 'pushLogKeepSuccessPayloads',
		type: 'boolean',
		default: false,
		description:
			'Whether rows of delivered items keep the item too, so Outbox Repush can send a delivered message again (seed 000: any log entry can be re-sent). Rows of items not delivered (failed, held, retrying, no response) always keep it.',
		hint: 'Off, a delivered message is logged without its content (smaller, faster rows); Repush then counts it as failed and says so, and you re-run it from the Executions list instead',
		displayOptions: shownWhenLogging,
	},
];

export interface PushLogSettings {
	mode: PushLogMode;
	keepSuccessPayloads: boolean;
	/** The row's flow ID and receiver for an item; per item only when set by an expression. */
	flowIdOf: (json: Record<string, unknown>, index: number) => string | null;
	receiverOf: (json: Record<string, unknown>, index: number) => string | null;
}

const flowIdFields = ['flowId', 'flowid', 'billNo', 'code'];
const receiverFields = ['receiver', 'receiverId', 'userid', 'userId'];

function firstField(json: Record<string, unknown>, fields: readonly string[]): string | null {
	for (const field of fields) {
		const value = json[field];
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
		if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	}
	return null;
}

function textOrNull(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	const text = String(value).trim();
	return text === '' ? null : text;
}

function fieldReader(params: ParameterReader, parameter: string, fields: readonly string[]): PushLogSettings['flowIdOf'] {
	// Fixed and empty (the default): read the item's own fields, no expression per item.
	if (params.isFixed(parameter)) {
		const fixed = textOrNull(params.get<unknown>(parameter, 0, ''));
		return fixed === null ? (json) => firstField(json, fields) : () => fixed;
	}
	return (_json, index) => {
		try {
			return textOrNull(params.get<unknown>(parameter, index, ''));
		} catch {
			// An expression that fails for one item leaves its row without the field, not the item undelivered.
			return null;
		}
	};
}

/** Once per run. */
export function readPushLog(params: ParameterReader): PushLogSettings {
	const mode = params.get<string>('pushLog', 0, 'whenCredential');
	return {
		mode: (pushLogModes as readonly string[]).includes(mode) ? (mode as PushLogMode) : 'whenCredential',
		keepSuccessPayloads: params.get<boolean>('pushLogKeepSuccessPayloads', 0, false) === true,
		flowIdOf: fieldReader(params, 'pushLogFlowId', flowIdFields),
		receiverOf: fieldReader(params, 'pushLogReceiver', receiverFields),
	};
}
