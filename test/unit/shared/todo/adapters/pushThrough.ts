import { type DeliveryOutcome, deliverMessage } from '../../../../../nodes/shared/delivery/deliverMessage';
import type { HttpClient } from '../../../../../nodes/shared/delivery/httpClient';
import { type RetryPolicy, defaultRetryOn } from '../../../../../nodes/shared/delivery/retryPolicy';
import { createSecretRedactor } from '../../../../../nodes/shared/delivery/secretMasking';
import { anyTwoHundred } from '../../../../../nodes/shared/delivery/statusRanges';
import { type AccessTokenCache, tokenWasRejected, withAccessToken } from '../../../../../nodes/shared/todo/accessToken';
import type { AdapterRequest, TargetEvent, TargetSettings, TodoAdapter, TodoOperation, TodoRecord } from '../../../../../nodes/shared/todo/types';

/**
 * Sends an adapter's planned requests through the real delivery engine (deliverMessage with the real
 * HTTP client), the way the Unified Todo Push node does, so the fakes see exactly what a target would.
 */

export const noRetries: RetryPolicy = { maxRetries: 0, backoff: { kind: 'fixed', intervalMs: 0 }, retryOn: defaultRetryOn, retryAfterCapMs: 60_000 };

/** 2026-05-01 10:00:00 UTC = 18:00:00 in Asia/Shanghai. */
export const createdAt = Date.parse('2026-05-01T10:00:00Z');
export const receivedAt = Date.parse('2026-05-01T10:05:30Z');

export function sampleEvent(operation: TodoOperation, overrides: Partial<TargetEvent> = {}): TargetEvent {
	return {
		operation,
		flowId: 'REQ-1001',
		title: '差旅报销 张三 2026-05-01',
		workflowName: '差旅报销',
		nodeName: '部门经理审批',
		creator: 'zhangsan',
		createdAt,
		receiver: 'lisi',
		oaReceiver: 'lisi',
		receivedAt,
		pcUrl: 'https://oa.example.com/flow/REQ-1001',
		appUrl: 'https://m.oa.example.com/flow/REQ-1001',
		viewed: false,
		ts: 1777629930000,
		...overrides,
	};
}

export interface Pushed {
	outcomes: DeliveryOutcome[];
	planned: AdapterRequest[];
	/** What `keep` gave after a success. */
	kept: Record<string, string> | undefined;
}

export async function push(
	client: HttpClient,
	adapter: TodoAdapter,
	event: TargetEvent,
	target: TargetSettings,
	context: { token?: string; record?: TodoRecord } = {},
): Promise<Pushed> {
	const planned = adapter.plan(event, target, { ...context, now: Date.now() });
	const outcomes: DeliveryOutcome[] = [];
	let kept: Record<string, string> | undefined;
	for (const [index, step] of planned.entries()) {
		const outcome = await deliverMessage(
			{
				request: step.request,
				messageId: `msg_${event.flowId}_${index}`,
				event: event.operation,
				timeoutMs: 3000,
				success: { acceptedStatuses: anyTwoHundred },
				judge: step.judge,
				retry: noRetries,
			},
			{ send: client.send, sleep: async () => {}, redactSecrets: createSecretRedactor(step.secrets ?? []) },
		);
		outcomes.push(outcome);
		if (outcome.route !== 'success') break;
		kept = step.keep?.({ status: outcome.record.attempts[0].response?.status ?? 0, body: outcome.record.attempts[0].response?.body ?? '' }) ?? kept;
	}
	return { outcomes, planned, kept };
}

/** `push` behind the token cache: fetch (or reuse) the token, and once more with a fresh one if the target refused it. */
export async function pushWithToken(
	client: HttpClient,
	cache: AccessTokenCache,
	adapter: TodoAdapter,
	event: TargetEvent,
	target: TargetSettings,
	record?: TodoRecord,
): Promise<Pushed> {
	return await withAccessToken({ cache, spec: adapter.token?.(target), send: client.send, timeoutMs: 3000 }, async (token) => {
		const pushed = await push(client, adapter, event, target, { token, record });
		const last = pushed.outcomes[pushed.outcomes.length - 1];
		return { value: pushed, tokenRejected: tokenWasRejected(pushed.planned[pushed.outcomes.length - 1], last) };
	});
}

/** The one outcome of a single-request push. */
export function only(pushed: Pushed): DeliveryOutcome {
	expect(pushed.outcomes).toHaveLength(1);
	return pushed.outcomes[0];
}
