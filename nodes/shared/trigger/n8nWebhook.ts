/**
 * n8n adapter, part 2: webhook() of every trigger node. Reads the node's parameters, the raw
 * request and the remembered deliveries, asks the core (pipeline.ts) for a decision, writes the
 * answer itself and hands n8n the items.
 *
 * How n8n 2.41 treats what we do here (read in n8n/dist/webhooks/*.js, measured in n8n 2.41.1):
 * - Requests that start no execution (refused, unselected, duplicate): webhook() writes status and
 *   body itself and returns `noWebhookResponse: true` without `workflowData`, so n8n creates no
 *   execution and the sender gets our answer at once.
 * - Accepted events: webhook() returns the items and the body (`webhookResponse`, Content-Type set on
 *   the response already); n8n stores the execution, then answers in `onReceived` mode with the
 *   description's responseCode (the node's Response Code), without waiting for the workflow to run.
 *   Answering only once the execution exists gives senders backpressure: answering earlier let 16
 *   clients queue executions faster than SQLite could store them (lock timeouts, lost executions).
 * - Under the default `vm` engine n8n holds an expression isolate through the webhook phase of any
 *   node but its own Webhook node (live-webhooks.js `webhookPhaseNeedsIsolate`), so requests wait for
 *   one another there; with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true typeVersion 2 (its description
 *   resolves without the engine, n8nDescription.ts; it reads no expression) takes none at all.
 * - Static data: live-webhooks.js loads it when a request arrives and saves it after answering any
 *   production request that does not fail, when it changed (`__dataChanged`). Requests in flight at
 *   the same time each load their own copy, so the check runs against this process's memory
 *   (recentDeliveries, below), which merges the static data only when another process saved it, and
 *   the static data is written from it at most once a second (storedDeliveries.ts: the format).
 *   Except: a change made while accepting an event is lost, because WorkflowRunner.run() resets the
 *   `__dataChanged` flag before live-webhooks.js looks at it (deliveryJournal.ts has the details).
 *   Accepted deliveries therefore also go to a journal file in n8n's user folder, written as n8n
 *   answers with the success (before the answer's bytes go out) and read back after a restart.
 * - With an Outbound State Store credential on the node, none of the above: the duplicate check is
 *   one atomic remember-if-absent in the store every process shares (storeDuplicateCheck.ts: a slow
 *   store is waited for, one that is down falls back to the static data and journal for 30 s).
 * - Test mode (the panel's "Execute step", the canvas's "Execute workflow") works on an unsaved
 *   copy of the static data, and keeps listening until a request starts an execution: a refused request leaves it listening.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { hasStateStoreCredential } from '../store/n8nStateStore';
import { DeliveryJournal } from './deliveryJournal';
import { deliveryDigest } from './deliveryMemory';
import type { TriggerNodeSpec } from './n8nDescription';
import { readSettings, sampleDetail } from './n8nSettings';
import { decideWithMemory, sampleItems, screenTriggerRequest, type PendingDecision } from './pipeline';
import { RecentDeliveries } from './recentDeliveries';
import { notConfiguredResponse, payloadTooLargeResponse, unreadableBodyResponse } from './responses';
import { settleWhenAnswered } from './settleWhenAnswered';
import { checkInStore, sharedDeliveriesOf, warnAtMostOnceAMinute, type CheckedDecision } from './storeDuplicateCheck';
import type { JsonObject, TriggerDecision, TriggerResponse, TriggerSettings } from './types';

/** The request as n8n's server hands it over: Node's message plus what n8n's raw-body reader adds. */
type N8nRequest = IncomingMessage & {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	originalUrl?: string;
};

/** Where the remembered deliveries live in the node's static data. */
const memoryKey = 'deliveries';

/**
 * Where the delivery journals live: `<n8n folder>/outbound-messages/deliveries`, the n8n folder
 * resolved as n8n 2.41 does (@n8n/config getN8nFolder: `N8N_USER_FOLDER`, else the home directory,
 * else the working directory, plus `.n8n`). Resolved at each use: cheap, and tests can point it away.
 */
function journalDirectory(): string {
	const home = process.platform === 'win32' ? process.env.USERPROFILE : process.env.HOME;
	return path.join(process.env.N8N_USER_FOLDER ?? home ?? process.cwd(), '.n8n', 'outbound-messages', 'deliveries');
}

/**
 * The one piece of process state of the triggers (see recentDeliveries.ts): without it, requests
 * handled at the same moment cannot see each other's deliveries, and duplicates slip through.
 */
const recentDeliveries = new RecentDeliveries(undefined, undefined, new DeliveryJournal(journalDirectory));

/**
 * The exact bytes received. n8n's raw-body reader (middlewares/body-parser.js) buffers them into
 * `req.rawBody` when asked (`readRawBody`, as n8n's Webhook node does); older servers that did not
 * install it leave the stream unread, so we read it.
 */
export async function readRawBody(request: N8nRequest): Promise<Buffer> {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	if (typeof request.readRawBody === 'function') {
		await request.readRawBody();
		if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	}
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
	return Buffer.concat(chunks);
}

function isPayloadTooLarge(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const { type, status } = error as { type?: unknown; status?: unknown };
	return type === 'entity.too.large' || status === 413;
}

/**
 * Why a body could not be read, in words for the sender: n8n's reader decodes `Content-Encoding`
 * gzip and deflate with zlib, whose errors (junk bytes, a stream cut short) carry a `Z_…` code; any
 * other failure (raw-body's "request aborted", n8n's BadRequestError wrapping it) keeps its message.
 */
function unreadableReason(request: N8nRequest, error: unknown): string {
	const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
	const text = typeof message === 'string' && message !== '' ? message : String(error);
	const encoding = request.headers['content-encoding'];
	return typeof code === 'string' && code.startsWith('Z_') && typeof encoding === 'string' ? `${encoding}: ${text}` : text;
}

/**
 * Whether an answer can still reach the sender: the connection is open and nothing was sent yet.
 * (The request stream itself may be destroyed by a failed decoder while the connection is fine.)
 */
function canAnswer(request: N8nRequest, response: ServerResponse): boolean {
	const socket = response.socket ?? request.socket;
	return !response.destroyed && !response.headersSent && !!socket && !socket.destroyed && socket.writable;
}

function writeResponse(response: ServerResponse, answer: TriggerResponse): void {
	response.statusCode = answer.status;
	if (answer.contentType) response.setHeader('content-type', answer.contentType);
	response.end(answer.status === 204 ? undefined : (answer.body ?? ''));
}

function warnNotConfigured(context: IWebhookFunctions, nodeKey: string, problem: string, detail: string | undefined, nowMs: number): void {
	warnAtMostOnceAMinute(
		context,
		nodeKey,
		`${context.getNode().name}: answered 503 and started nothing (at most one such line a minute): ${problem}${detail ? ` (${detail})` : ''}`,
		nowMs,
	);
}

function toItems(items: JsonObject[]): IWebhookResponseData['workflowData'] {
	return [items.map((json) => ({ json: json as IDataObject }))];
}

/** GET: in test mode, the sample event; in production, a short note and no execution. */
function answerGet(context: IWebhookFunctions, spec: TriggerNodeSpec, settings: TriggerSettings): IWebhookResponseData {
	const response = context.getResponseObject() as unknown as ServerResponse;
	if (context.getMode() !== 'manual') {
		writeResponse(response, {
			status: 200,
			body: `This URL receives ${spec.source.senderName} events by POST.`,
			contentType: 'text/plain; charset=utf-8',
		});
		return { noWebhookResponse: true };
	}
	const items = sampleItems(settings, Date.now(), sampleDetail(spec, settings));
	writeResponse(response, {
		status: 200,
		body: 'Sample event sent to the workflow editor.',
		contentType: 'text/plain; charset=utf-8',
	});
	return { noWebhookResponse: true, workflowData: toItems(items) };
}

/** 503 in the sender's failure shape, no execution, and a warning in n8n's log at most once a minute. */
function answerNotConfigured(
	context: IWebhookFunctions,
	source: TriggerSettings['source'],
	nodeKey: string,
	problem: string,
	detail: string | undefined,
	nowMs: number,
): IWebhookResponseData {
	warnNotConfigured(context, nodeKey, problem, detail, nowMs);
	const response = context.getResponseObject() as unknown as ServerResponse;
	if (canAnswer(context.getRequestObject() as unknown as N8nRequest, response)) {
		writeResponse(response, notConfiguredResponse(source, context.getWebhookName(), problem));
	}
	return { noWebhookResponse: true };
}

/** webhook() of a trigger node: `return await receiveTriggerWebhook.call(this, spec);` */
export async function receiveTriggerWebhook(this: IWebhookFunctions, spec: TriggerNodeSpec): Promise<IWebhookResponseData> {
	const request = this.getRequestObject() as unknown as N8nRequest;
	const node = this.getNode(); // read once: n8n deep-copies the node on every getNode() call
	if (request.method === 'GET') return answerGet(this, spec, await readSettings(this, spec, false, node));

	// A signature check that cannot run is answered after the body is read (an unreadable body still gets its 400).
	const settings = await readSettings(this, spec, true, node);
	let body: Buffer;
	try {
		body = await readRawBody(request);
	} catch (error) {
		// A body that cannot be read is the sender's problem, never the workflow's: a thrown error would
		// make n8n answer 500 "Workflow could not be started!", store an error execution (and run the
		// Error Workflow) and log an ERROR with a stack, for every junk request. So: no execution, a
		// debug line without a stack, and 413 / 400 in the sender's shape while the connection is open.
		const response = this.getResponseObject() as unknown as ServerResponse;
		const name = node.name;
		if (!canAnswer(request, response)) {
			// Client gone (disconnected mid-body, or Node's parser dropped invalid chunked encoding).
			this.logger.debug(`${name}: the sender closed the connection before its request body was read (${unreadableReason(request, error)}); nothing started`);
			return { noWebhookResponse: true };
		}
		if (isPayloadTooLarge(error)) {
			// n8n's reader (raw-body) refuses a body over N8N_PAYLOAD_SIZE_MAX.
			this.logger.debug(`${name}: refused a request whose body is over n8n's size limit`);
			const limit = (error as { limit?: unknown }).limit;
			writeResponse(response, payloadTooLargeResponse(settings.source, this.getWebhookName(), typeof limit === 'number' ? limit : undefined));
			return { noWebhookResponse: true };
		}
		const answer = unreadableBodyResponse(settings.source, this.getWebhookName(), unreadableReason(request, error));
		this.logger.debug(`${name}: refused a request whose body could not be read: ${unreadableReason(request, error)}`);
		writeResponse(response, answer);
		return { noWebhookResponse: true };
	}
	const nodeKey = `${this.getWorkflow().id ?? ''}\u0000${node.name}\u0000${this.getMode()}`;
	const nowMs = Date.now();
	if (settings.notConfigured !== undefined) return answerNotConfigured(this, settings.source, nodeKey, settings.notConfigured, settings.notConfiguredDetail, nowMs);
	// With an Outbound State Store credential, duplicates are checked in the store (sharedDeliveries.ts).
	// (Without the credential nothing is awaited here: the request goes on exactly as before stores.)
	const shared = settings.duplicates.enabled && hasStateStoreCredential(node) ? await sharedDeliveriesOf(this, node, nodeKey, nowMs) : undefined;
	const screened = screenTriggerRequest(
		{
			method: request.method ?? 'POST',
			url: request.originalUrl ?? request.url ?? '/',
			headers: request.headers,
			body,
			endpoint: this.getWebhookName(),
		},
		settings,
		nowMs,
	);
	// The signature is checked before anything is remembered, so nothing was accepted.
	const unusableSecret = settings.unusableSecret?.();
	if (unusableSecret !== undefined) return answerNotConfigured(this, settings.source, nodeKey, unusableSecret, undefined, nowMs);

	let checked: CheckedDecision | undefined;
	if (shared) checked = await checkInStore(this, shared, nodeKey, settings, screened, nowMs, (key) => rememberInProcess(this, nodeKey, settings, key, nowMs));
	// Without a store, or when it failed for this request: the process memory, static data and journal.
	checked ??= checkInProcessMemory(this, nodeKey, settings, screened, nowMs);
	const { decision, confirm, takeBack } = checked;

	const response = this.getResponseObject() as unknown as ServerResponse;
	if (decision.outcome !== 'accepted') {
		if (decision.outcome === 'rejected') {
			this.logger.debug(`${node.name}: refused a request (${decision.reason}): ${decision.message}`);
		}
		writeResponse(response, decision.response);
		return { noWebhookResponse: true };
	}
	// n8n answers with this body and the description's responseCode (= decision.response.status) once
	// the execution is stored; Express keeps a Content-Type that is already set.
	if (decision.response.contentType) response.setHeader('content-type', decision.response.contentType);
	if (takeBack) settleWhenAnswered(response, confirm, takeBack);
	return { workflowData: toItems(decision.items), webhookResponse: decision.response.body ?? '' };
}

/**
 * Step 4 against this process's memory of the node, saved to the static data and the journal (the
 * behaviour without a state store). From memoryFor() to takeDueSave() nothing awaits: the check and
 * the update of the memory are one step.
 */
function checkInProcessMemory(
	context: IWebhookFunctions,
	nodeKey: string,
	settings: TriggerSettings,
	screened: TriggerDecision | PendingDecision,
	nowMs: number,
): CheckedDecision {
	const nodeData = context.getWorkflowStaticData('node');
	const deliveries = recentDeliveries.memoryFor(nodeKey, nodeData[memoryKey], { nowMs, maxKeys: settings.duplicates.maxKeys });
	const rememberedBefore = deliveries.rememberedCount;
	const decision = screened.outcome === 'pending' ? decideWithMemory(screened, settings, { nowMs, deliveries }) : screened;
	// An accepted delivery goes into the journal file when n8n answers with its success (a
	// synchronous append, 5–30 µs, before the answer is written; settleWhenAnswered), so an event whose
	// execution was never stored (n8n stopped or was killed first) is not remembered after the restart
	// and the sender's retry runs. The static data written with it may be dropped by n8n, so it is not
	// counted as saved.
	const accepted = decision.outcome === 'accepted';
	const added = accepted ? deliveries.newest(deliveries.rememberedCount - rememberedBefore) : [];
	const dueSave = recentDeliveries.takeDueSave(nodeKey, nowMs, { confirmed: !accepted });
	if (dueSave) nodeData[memoryKey] = dueSave;
	const journalFailure = recentDeliveries.journal?.takeFailure(nowMs);
	if (journalFailure) {
		context.logger.warn(`${context.getNode().name}: accepted deliveries are remembered in memory and the workflow's static data only: ${journalFailure}`);
	}
	if (added.length === 0) return { decision };
	return {
		decision,
		confirm: () => recentDeliveries.journalEntries(nodeKey, added, { nowMs: Date.now(), maxKeys: settings.duplicates.maxKeys }),
		takeBack: () => recentDeliveries.forget(nodeKey, added.map(([digest]) => digest)),
	};
}

/**
 * Remembers a delivery the store accepted or recognised in this process's memory too (not in the
 * static data or journal: the store keeps it), so a fallback while the store is down still knows it.
 * Returns how to forget it again (n8n answered the sender with a failure).
 */
function rememberInProcess(context: IWebhookFunctions, nodeKey: string, settings: TriggerSettings, key: string, nowMs: number): () => void {
	const options = { nowMs, maxKeys: settings.duplicates.maxKeys };
	const memory = () => recentDeliveries.memoryFor(nodeKey, context.getWorkflowStaticData('node')[memoryKey], options);
	memory().rememberIfNew(key, { ...options, windowSeconds: settings.duplicates.windowSeconds });
	return () => memory().forget(deliveryDigest(key));
}
