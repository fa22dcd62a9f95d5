/**
 * Step 4 of a trigger node with an Outbound State Store credential: the duplicate check as one atomic
 * remember-if-absent in the store every n8n process shares (sharedDeliveries.ts), and what happens
 * when the store does not answer. Used by n8nWebhook.ts.
 *
 * Slow is not down (issue 14). A store that fails (connection refused, bad login, a file that cannot
 * be opened) is down: the request is checked against this process's memory, the static data and the
 * journal instead, and so are the node's requests for the next 30 s, with a warning at most once a
 * minute; an event is never refused or held because its duplicate check could not run. But a store
 * that is merely slow (a busy PostgreSQL, n8n's main under a burst of webhooks in queue mode) is
 * waited for: giving up on it after 1.5 s made the node check against its process memory for 30 s,
 * where a repeat of a delivery remembered only in the store started a second execution (2,004
 * executions for 2,000 events in the queue-mode e2e), and the late answer "already there" came too late.
 * How the two are told apart:
 * - an error from the store is "down", at once: nothing accepts connections at Host and Port, the
 *   login is refused, the file cannot be opened, or (PostgreSQL) no connection could be opened or
 *   taken from the pool within the driver's 10 s (postgresStore.ts connectionTimeoutMs);
 * - otherwise the request waits for the answer, however slow, up to 30 s (the first requests after
 *   n8n starts too: the pool opens and the tables are checked then, which took over 1.5 s under the
 *   queue-mode e2e's burst); no answer within 30 s is "down" as well (a server that stopped answering);
 * - a store whose last check failed or went unanswered gets 1.5 s once the node tries it again (30 s
 *   later), so a server that accepts connections and never answers holds requests that long only.
 * A timer that fires while the event loop was busy (n8n's main building expression isolates under
 * load) is not taken as the store's silence: the answer may be waiting in the socket already, so
 * the node first lets one round of I/O run and then looks again.
 *
 * Weighed and not taken: answering 503 with Retry-After when the store is slow and forgetting the key
 * when its late answer says it was new. The sender's retry could reach the store (or another webhook
 * process) before the forget, be answered "already received", and the event would be lost.
 *
 * A delivery accepted (or recognised) through the store is also remembered in this process's memory
 * (not in the static data or journal until a fallback writes them): a fallback while the store is
 * down still recognises the repeats of deliveries this process saw.
 */
import type { INode, IWebhookFunctions } from 'n8n-workflow';

import { stateStoreConfigFromCredential, stateStoreCredentialName } from '../store/n8nStateStore';
import { cachedStateStore } from '../store/storeCache';
import type { StateStore } from '../store/types';
import { cachedCredential } from './credentialCache';
import type { PendingDecision } from './pipeline';
import { deliveryNamespace, SharedDeliveries } from './sharedDeliveries';
import type { TriggerDecision, TriggerSettings } from './types';

/** A decision, and how to take its accepted delivery back if n8n answers the sender with a failure after all. */
export interface CheckedDecision {
	decision: TriggerDecision;
	/** Makes an accepted delivery durable as n8n answers the sender with the success (before the answer is written). */
	confirm?: () => void;
	takeBack?: () => void;
}

/** This process's memory of a node's deliveries (n8nWebhook.ts): remembers a key, and returns how to forget it again. */
export type RememberInProcess = (key: string) => () => void;

/** How long a store may keep a request waiting (it is slow, not down) unless its last check failed. */
export const slowStoreLimitMs = 30_000;

/** How long a store whose last check failed or went unanswered may keep a request waiting. */
export const storeCheckLimitMs = 1500;

/** After a failure the node leaves its store alone this long: a store that is down would cost every request the limit. */
export const storeRetryAfterMs = 30_000;

/** Per node: until when its store is left alone. Process state about a connection, like the store cache. */
const storeDownUntil = new Map<string, number>();

/** Per store handle: true when its last check answered, false when it failed or went unanswered; unknown before its first. */
const storeAnswering = new WeakMap<StateStore, boolean>();

/** When each node last logged each kind of warning (n8n's log gets one line a minute per node and kind). */
const warnedAt = new Map<string, number>();

export function warnAtMostOnceAMinute(context: IWebhookFunctions, key: string, message: string, nowMs: number): void {
	const last = warnedAt.get(key);
	if (last !== undefined && nowMs - last < 60_000) return;
	warnedAt.delete(key);
	warnedAt.set(key, nowMs);
	if (warnedAt.size > 1000) warnedAt.delete(warnedAt.keys().next().value as string);
	context.logger.warn(message);
}

/**
 * The deliveries of a node with an Outbound State Store credential, in that store; undefined while
 * the node's store is left alone after a failure, or when it cannot be opened (unusable credential
 * or file: logged, and the node's requests are checked as without a store for the next 30 s).
 */
export async function sharedDeliveriesOf(context: IWebhookFunctions, node: INode, nodeKey: string, nowMs: number): Promise<SharedDeliveries | undefined> {
	if ((storeDownUntil.get(nodeKey) ?? 0) > nowMs) return undefined;
	try {
		// Not stateStoreFor(): its NodeOperationError would replace a message naming an error code
		// (EEXIST, ECONNREFUSED) with n8n's generic words, and this message is for n8n's log.
		const config = stateStoreConfigFromCredential(await cachedCredential(context, stateStoreCredentialName, { node }));
		return new SharedDeliveries(cachedStateStore(config), deliveryNamespace(context.getWorkflow().id ?? '', node.name));
	} catch (error) {
		storeFailed(context, nodeKey, (error as Error).message, nowMs);
		return undefined;
	}
}

/**
 * Step 4 in the state store. Undefined when the store is down (above): the caller checks this request
 * against the process memory instead (a repeat of a delivery only the store knows may then start a
 * second execution; none is lost).
 */
export async function checkInStore(
	context: IWebhookFunctions,
	shared: SharedDeliveries,
	nodeKey: string,
	settings: TriggerSettings,
	screened: TriggerDecision | PendingDecision,
	nowMs: number,
	rememberInProcess: RememberInProcess,
): Promise<CheckedDecision | undefined> {
	if (screened.outcome !== 'pending') return { decision: screened };
	const key = screened.deliveryKey;
	if (key === undefined) return { decision: screened.accepted };
	let isNew: boolean;
	try {
		isNew = await answerOf(shared.store, shared.rememberIfNew(key, { nowMs, windowSeconds: settings.duplicates.windowSeconds }));
	} catch (error) {
		storeFailed(context, nodeKey, (error as Error).message, nowMs);
		return undefined;
	}
	const forgetInProcess = rememberInProcess(key);
	if (!isNew) return { decision: screened.duplicate };
	return {
		decision: screened.accepted,
		takeBack: () => {
			forgetInProcess();
			shared.forget(key).catch((error: Error) => {
				context.logger.warn(`${context.getNode().name}: n8n answered a failure for an accepted delivery, but it could not be taken back from the state store, so the sender's retry will be answered as a duplicate: ${error.message}`);
			});
		},
	};
}

/** The store's answer, waited for as the header says; rejects when the store is down. */
async function answerOf<T>(store: StateStore, work: Promise<T>): Promise<T> {
	const limitMs = storeAnswering.get(store) === false ? storeCheckLimitMs : slowStoreLimitMs;
	work.then(
		() => storeAnswering.set(store, true),
		() => storeAnswering.set(store, false),
	);
	// A failure, early or late, rejects `work`: the store is down.
	if (await settledWithin(work, limitMs)) return await work;
	storeAnswering.set(store, false);
	throw new Error(`the store did not answer within ${limitMs / 1000} s`);
}

/**
 * Whether `work` settled within `limitMs`. When the timer fires, one round of I/O runs first
 * (setImmediate comes after the poll phase), so an answer that arrived while the event loop was busy
 * elsewhere is still seen in time.
 */
async function settledWithin(work: Promise<unknown>, limitMs: number): Promise<boolean> {
	let settled = false;
	const done = work.then(
		() => (settled = true),
		() => (settled = true),
	);
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<boolean>((resolve) => {
		timer = setTimeout(() => setImmediate(() => resolve(settled)), limitMs);
	});
	try {
		return await Promise.race([done, late]);
	} finally {
		clearTimeout(timer);
	}
}

function storeFailed(context: IWebhookFunctions, nodeKey: string, problem: string, nowMs: number): void {
	storeDownUntil.delete(nodeKey);
	storeDownUntil.set(nodeKey, nowMs + storeRetryAfterMs);
	if (storeDownUntil.size > 1000) storeDownUntil.delete(storeDownUntil.keys().next().value as string);
	warnAtMostOnceAMinute(
		context,
		`store\u0000${nodeKey}`,
		`${context.getNode().name}: the Outbound State Store could not check for duplicates, so they are checked against the workflow's static data and journal instead for ${storeRetryAfterMs / 1000} s (at most one such line a minute): ${problem}`,
		nowMs,
	);
}
