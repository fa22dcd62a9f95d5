import type { ReceivedRequest, SchemeConfig, VerifyResult } from '../signing/types';
import type { EventDefinition } from '../events/types';

/**
 * The shared trigger core's shapes. No n8n types: the core decides from a received request (plus
 * the clock and the node's delivery memory, which it adds an accepted delivery to) a response and
 * the items to emit.
 */

export type JsonObject = Record<string, unknown>;

/** A request as the webhook received it, plus which of the node's endpoints it came in on. */
export interface TriggerRequest extends ReceivedRequest {
	/** n8n webhook name: `default`, or an OFS endpoint name (`ReceiveRequestInfoByJson`, …). */
	endpoint: string;
}

/** What goes back to the sender. `body` is sent as is; absent for 204. */
export interface TriggerResponse {
	status: number;
	body?: string;
	contentType?: string;
}

export type SuccessStatus = 200 | 201 | 204;

/** `json.event` of every emitted item. */
export interface EventStamp {
	source: string;
	type: string | null;
	typeName: string | null;
	/** The id used to recognise a repeated delivery (header id or the configured fields), or null. */
	deliveryId: string | null;
	/**
	 * The document or flow the event is about (Hesi `flowId`, OFS `flowid`), or null: with source,
	 * type and deliveryId, what an Execution Data node after the trigger saves for searching executions.
	 */
	flowId: string | null;
	receivedAt: string;
	/** True when a signature was checked and matched. */
	verified: boolean;
	/** Present (true) only on the sample event emitted in test mode. */
	sample?: true;
}

export type ValidationResult = { ok: true; payload: JsonObject } | { ok: false; problem: string };

/**
 * One source system's event family: its catalog, schema, how to read the event type, and the
 * success answer its sender expects. One per trigger node (sources/*.ts).
 */
export interface EventSource {
	/** `json.event.source`: `hesi`, `jiandaoyun`, `ofs` or `e10`. */
	readonly source: string;
	/** The sender as users know it, for descriptions and hints: `Hesi`, `Jiandaoyun`, `the OA system`. */
	readonly senderName: string;
	/** The events the node's picker offers. */
	readonly catalog: readonly EventDefinition[];
	/** The answer the sender counts as success, unless the node configures another. */
	readonly defaultResponse: { status: SuccessStatus; body: string };
	/** Whether the node's response body is configurable (false: the source has a fixed answer shape). */
	readonly configurableBody: boolean;
	/** Checks a parsed JSON body against the family's zod schema. */
	validate(body: unknown, endpoint: string): ValidationResult;
	/** The event code of a valid payload; undefined when the payload names none. */
	eventType(payload: JsonObject, endpoint: string): string | undefined;
	/** Human name of the event type, for `json.event.typeName`. */
	typeName(type: string | undefined, payload: JsonObject): string | null;
	/** Dotted path of the document / flow id in a payload (`json.event.flowId`); absent when the family has none. */
	readonly flowIdPath?: string;
	/** The duplicate key when the node configures none and no delivery-id header came. */
	defaultDuplicateKey(payload: JsonObject, type: string | undefined): string | undefined;
	/**
	 * The body of the answer when the source has a fixed answer shape (OFS: operResult 1/0).
	 * Absent: success answers use the configured body, failures a small JSON error.
	 */
	answerBody?(answer: SourceAnswer): JsonObject;
	/**
	 * The sender's own proof, if it has one: the node then offers that check (Jiandaoyun's signature,
	 * Hesi's signKey, each with the credential's secrets) and makes it the default.
	 */
	readonly vendorCheck?: VendorCheck;
	/** What the node's notice adds while its Signature Check is None: how to check this sender instead. */
	readonly unsignedNotice: string;
	/**
	 * When the sender's own automatic retries of a delivery can arrive, in seconds after it, for a
	 * sender whose deliberate re-sends carry nothing else that tells them from those retries (Hesi's
	 * 重试 in its message log): the node then offers Let Manual Re-Sends Through.
	 */
	readonly automaticRetrySpanSeconds?: number;
	/** A realistic event for the given code (from the seeds' examples), for test mode. */
	sample(code: string | undefined, detail: string | undefined): { payload: JsonObject; endpoint: string };
	/** Endpoints served beside the one URL, each under `<path>/<pathPrefix>/<name>` (the five OFS endpoints). */
	readonly endpoints?: SourceEndpoints;
	/** Filters on a payload value whose values come from a catalog, each a multi-select of the node (Jiandaoyun's Flow Actions). */
	readonly catalogFilters?: readonly CatalogFilter[];
	/** The node offers Split Recipients Into Items (on by default): one item per recipient of `data.to`. */
	readonly recipientSplit?: { description: string };
	/**
	 * For a source that reads several shapes on one URL: the source that reads this parsed body (its
	 * validation, event type, ids and answers). Requests refused before their body is parsed are
	 * answered by this source itself.
	 */
	resolve?(body: unknown): EventSource;
	/** Shapes the same events come in, one chosen by a node parameter (OFS or E10 to-dos). */
	readonly shapes?: SourceShapes;
	/** What the sender needs in the success body, added to the Response Body option's description. */
	readonly responseBodyNote?: string;
	/** Example paths for the Duplicate Key Fields option (its placeholder); absent: `data.id`. */
	readonly duplicateKeyExample?: string;
}

/**
 * A sender's own proof, offered as a choice of the node's Signature Check with the secrets of the
 * selected credential.
 */
export interface VendorCheck {
	/** The Signature Check value, e.g. `jiandaoyun`. */
	readonly value: string;
	/** The choice as the panel shows it, e.g. `Jiandaoyun Signature`. */
	readonly label: string;
	readonly description: string;
	/** The scheme to verify with, given the scheme the selected credential is set to. */
	scheme(credential: SchemeConfig): SchemeConfig;
}

export interface SourceEndpoints {
	/** Path segment(s) between the node's path and each endpoint name, e.g. `rest/ofs`. */
	readonly pathPrefix: string;
	/** Webhook names; `TriggerRequest.endpoint` says which one a request came in on. */
	readonly names: readonly string[];
	/** The Path parameter's description, naming where the endpoints are. */
	readonly pathDescription: string;
}

export interface CatalogFilter {
	/** Node parameter name and label. */
	readonly name: string;
	readonly displayName: string;
	readonly description: string;
	readonly catalog: readonly EventDefinition[];
	/** Dotted path of the filtered value, e.g. `data.flow_action`. */
	readonly path: string;
	/** Only events of this type are filtered (and the parameter shows only while Events may include it). */
	readonly onlyForType?: string;
}

export interface SourceShape {
	/** The choice as the panel shows it, and its value. */
	readonly name: string;
	readonly value: string;
	readonly description: string;
	/** The source that reads requests of this shape. */
	readonly source: EventSource;
}

export interface SourceShapes {
	/** Node parameter name, label and description. */
	readonly name: string;
	readonly displayName: string;
	readonly description: string;
	/** The value a node without the parameter gets (what existing workflows keep). */
	readonly default: string;
	readonly options: readonly SourceShape[];
}

export interface SourceAnswer {
	success: boolean;
	/** The HTTP status the answer goes out with (some senders repeat it in the body: E10's `code`). */
	status: number;
	message: string;
	payload?: JsonObject;
	endpoint: string;
	type?: string;
}

/** An extra filter on a payload value, e.g. Jiandaoyun `data.flow_action` or a business-object name. */
export interface ValueFilter {
	/** Dotted JSON path, e.g. `data.flow_action`. */
	path: string;
	/** Accepted values; empty = no filtering. */
	values: string[];
	/** Apply only to events of this type (e.g. `flow_message`); others pass. */
	onlyForType?: string;
}

export interface EventSelection {
	/** Selected event codes; empty = every event. */
	events: string[];
	filters: ValueFilter[];
	/**
	 * Extra codes the user typed (events our catalog does not know yet); they count as selected.
	 * Only consulted when `events` is not empty.
	 */
	extraEvents?: string[];
}

export interface DuplicateSettings {
	enabled: boolean;
	/** Dotted JSON paths whose values together identify one delivery; empty = delivery-id header, then the source's default. */
	fields: string[];
	windowSeconds: number;
	/** Most keys remembered; the oldest are dropped beyond it. */
	maxKeys: number;
}

export interface TriggerSettings {
	source: EventSource;
	/** Signature check on the raw request; absent = no check. */
	verify?: (request: ReceivedRequest) => VerifyResult;
	selection: EventSelection;
	duplicates: DuplicateSettings;
	response: { status: SuccessStatus; body: string };
	/** Jiandaoyun: one item per `data.to` recipient. */
	splitRecipients: boolean;
	/** Top-level payload fields left out of the items: a shared key sent in the body (Hesi signKey). */
	secretFields?: string[];
	/**
	 * The signature check reads its proof from the JSON body (Hesi signKey in a body field, Feishu's
	 * timestamp and sign): it cannot run on a body that is not JSON, so such a body is answered as
	 * malformed (400) before the check rather than as a missing signature (401).
	 */
	signatureInBody?: boolean;
}

export type RejectReason = 'signature' | 'malformed' | 'schema';
/** `noRecipients`: a Jiandaoyun message with an empty `data.to` while Split Recipients Into Items is on. */
export type IgnoreReason = 'unselected' | 'noRecipients' | 'duplicate';

export type TriggerDecision =
	| { outcome: 'rejected'; reason: RejectReason; message: string; response: TriggerResponse }
	| {
			outcome: 'ignored';
			reason: IgnoreReason;
			response: TriggerResponse;
			eventType: string | null;
			deliveryId: string | null;
	  }
	| {
			outcome: 'accepted';
			response: TriggerResponse;
			items: JsonObject[];
			eventType: string | null;
			deliveryId: string | null;
	  };
