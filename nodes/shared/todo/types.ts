/**
 * The to-do push engine's shapes (seed 002, DESIGN.md §4). Free of n8n types: the Unified Todo
 * Push node reads its parameters into these, and the engine (rules, adapters, address templates)
 * works on them alone.
 *
 * Flow of one batch (one run of the node):
 *   items → TodoEvent (normalised) → rules (interception → duplicate filter → compensation, with
 *   records of what was pushed in the state store) → person mapping → address templates →
 *   adapter.buildRequest → delivery engine (retries, breaker, record) with adapter.judge →
 *   outputs Success / Ignored / Failure / Held, and the push log.
 */
import type { DeliveryRequest } from '../delivery/types';
import type { SuccessVerdict } from '../delivery/evaluateSuccess';

/**
 * What happened in the OA: a to-do arrived (`todo`), was handled (`done`), its flow ended
 * (`finished`), a copy to read (`cc`, 抄送/待阅), one receiver's to-do was withdrawn
 * (`delete_user`), or the whole flow was deleted (`delete_flow`).
 */
export const todoOperations = ['todo', 'done', 'finished', 'cc', 'delete_user', 'delete_flow'] as const;
export type TodoOperation = (typeof todoOperations)[number];

/** One to-do event, normalised from whatever the OA sent (OFS, E10, Hesi, Jiandaoyun, a form). */
export interface TodoEvent {
	operation: TodoOperation;
	/** The flow / request id in the OA (OFS `flowid`, E10 `flowId`). */
	flowId: string;
	/** The to-do's title (OFS `requestname`). */
	title: string;
	workflowName: string;
	nodeName: string;
	/** OA user id of the flow's creator. */
	creator: string;
	/** When the flow was created, epoch ms. */
	createdAt: number;
	/** OA user id of the person the to-do is for (after person mapping: the target's id, see `TargetEvent`). */
	receiver: string;
	/** When the receiver got it, epoch ms. */
	receivedAt: number;
	/** Links to the flow in the OA, as received (address templates may replace them). */
	pcUrl: string;
	appUrl: string;
	/** Whether the receiver has opened it (OFS `viewtype` 1). */
	viewed: boolean;
	/** The OA's version of this to-do, epoch ms (OFS `receivets`): an older push never overwrites a newer one. */
	ts: number;
	/** Optional, for interception rules: workflow id and type (group) in the OA, the business status the OA gave (e.g. 转发, 抄送). */
	workflowId?: string;
	workflowType?: string;
	businessStatus?: string;
	/** Optional, for people interception: the receiver's department, roles, groups in the OA. */
	department?: string;
	roles?: string[];
	groups?: string[];
	/** E10 only: tenant key and the OA's task id. */
	tenantKey?: string;
	taskId?: string;
}

/** A to-do as it goes to one target: the receiver (and creator) mapped to the target's ids, links rendered. */
export interface TargetEvent extends TodoEvent {
	/** The OA receiver id before mapping (kept for the log and the records). */
	oaReceiver: string;
	/** The adaptive (PC or mobile) link, when a push-address template made one. */
	adaptiveUrl?: string;
	/** Set by the compensation rule on a to-do it synthesised before a done / finished. */
	compensated?: boolean;
}

/** Why a to-do was not pushed (the Ignored output's `reason`); defined with the delivery record's reasons. */
export type { IgnoredReason } from '../delivery/types';

/** What an adapter needs to know about the record of earlier pushes of the same flow and receiver (DingTalk task ids, say). */
export interface TodoRecord {
	/** Whether a to-do (todo or cc) was pushed for this flow and receiver. */
	todoPushed: boolean;
	/** Whether a done / finished was pushed. */
	donePushed: boolean;
	/** The newest `ts` pushed. */
	ts: number;
	/** What the target gave back and the adapter keeps (e.g. DingTalk's task id), by name. */
	targetIds?: Record<string, string>;
}

/** The target's settings an adapter reads (from the node and its credential). */
export interface TargetSettings {
	/** The system identifier (`syscode`) the target knows this OA by. */
	sysCode: string;
	/** Server address of the target, no trailing slash (e.g. `http://oa.example.com`). */
	baseUrl: string;
	/** Adapter-specific settings and secrets (from the credential), by name. */
	options: Record<string, unknown>;
}

/** One HTTP exchange an adapter plans for an event (most plan one; a token fetch is separate). */
export interface AdapterRequest {
	request: DeliveryRequest;
	/** Secrets placed into the request as they are (tokens, passwords), masked in the record. */
	secrets?: string[];
	/** Judges the target's answer: success, or failure with the target's own message. */
	judge: (response: { status: number; headers: Record<string, string | string[]>; body: string }) => SuccessVerdict;
	/** After a success: ids to keep in the to-do record for later operations (e.g. `{ dingtalkTaskId }`). */
	keep?: (response: { status: number; body: string }) => Record<string, string> | undefined;
	/**
	 * Beyond the first shape: whether the answer says the access token was refused or has expired
	 * (DingTalk HTTP 401, WeCom errcode 42001): the caller then fetches a new token and sends once more
	 * (accessToken.ts `withAccessToken`).
	 */
	tokenRejected?: (response: { status: number; body: string }) => boolean;
}

/** An access token an adapter needs before its requests, fetched and cached by the caller. */
export interface TokenSpec {
	/** Cache key: the same key, the same token (e.g. `dingtalk:<appKey>`). */
	cacheKey: string;
	request: DeliveryRequest;
	secrets?: string[];
	/** Reads the token and how long it lives, or throws an Error with the target's message. */
	read: (response: { status: number; body: string }) => { token: string; expiresInSeconds: number };
	/**
	 * Beyond the first shape: a token got in two exchanges (E10's OAuth2: an authorization code for
	 * the corpId first, then the token for that code). `request` then fetches the code, `readCode`
	 * reads it, and `tokenRequest(code)` is the exchange whose answer `read` reads.
	 */
	authorizationCode?: {
		readCode: (response: { status: number; body: string }) => string;
		tokenRequest: (code: string) => DeliveryRequest;
	};
}

export interface TodoAdapter {
	/** The adapter parameter's value, e.g. `ofsRest`, `e10`, `esb`, `landraySoap`, `dingtalk`, `wecom`, `custom`. */
	readonly kind: string;
	/** The operations this target takes; an event with another is Ignored `unsupported_operation` (e.g. WeCom has nothing to complete). */
	readonly operations: readonly TodoOperation[];
	/**
	 * Beyond the first shape: whether this target's settings take the operation, for adapters whose
	 * operations are configured (custom: an operation without a request template is not sent). Absent:
	 * `operations` decides alone.
	 */
	supports?(operation: TodoOperation, target: TargetSettings): boolean;
	/** The token to fetch first, if the target needs one. */
	token?(target: TargetSettings): TokenSpec | undefined;
	/**
	 * The request(s) for one event; `record` is what was pushed before for this flow and receiver.
	 * Throws an Error (the item fails as `invalid_request`) when the event cannot be sent, saying why.
	 */
	plan(event: TargetEvent, target: TargetSettings, context: { token?: string; record?: TodoRecord; now: number }): AdapterRequest[];
}
