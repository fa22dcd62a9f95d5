import { deliveryKeyOf } from './deliveryKey';
import type { DeliveryMemory } from './deliveryMemory';
import { isEventSelected } from './eventSelection';
import { textAtPath } from './jsonPath';
import { splitRecipients } from './recipientSplit';
import { parseJsonBody, type ParsedBody } from './requestBody';
import { failureResponse, successResponse } from './responses';
import type { EventSource, EventStamp, JsonObject, TriggerDecision, TriggerRequest, TriggerSettings } from './types';

/**
 * The shared trigger core: one received request in, one decision out. Order matters:
 * 1. signature on the raw bytes (401, no execution): nothing else is read from an unverified body,
 *    except by schemes that carry the signature in the JSON body, which need it parsed (400 if not);
 * 2. JSON (400) and the family's schema (400, naming the path and the problem);
 * 3. event selection: an unselected event is answered as success and starts no execution; so is a
 *    message split into one item per recipient that names none (Jiandaoyun `data.to: []`);
 * 4. duplicate suppression: a delivery seen within the window is answered as success, no execution;
 *    a new one is added to the delivery memory in the same step (so a repeat that arrives while its
 *    original is still being handled is caught: the caller must not await between the two);
 * 5. accepted: success answer, one item per event (per recipient for split Jiandaoyun pushes), each
 *    with `json.event`.
 */
export function decideTriggerRequest(
	request: TriggerRequest,
	settings: TriggerSettings,
	state: {
		nowMs: number;
		/** The node's remembered deliveries; an accepted, tracked delivery is added to it. */
		deliveries: DeliveryMemory;
	},
): TriggerDecision {
	const screened = screenTriggerRequest(request, settings, state.nowMs);
	return screened.outcome === 'pending' ? decideWithMemory(screened, settings, state) : screened;
}

/** Step 4 against the node's in-process memory: a new delivery is remembered in the same step. */
export function decideWithMemory(
	pending: PendingDecision,
	settings: Pick<TriggerSettings, 'duplicates'>,
	state: { nowMs: number; deliveries: DeliveryMemory },
): TriggerDecision {
	const { duplicates } = settings;
	const isNew =
		pending.deliveryKey === undefined ||
		state.deliveries.rememberIfNew(pending.deliveryKey, {
			nowMs: state.nowMs,
			windowSeconds: duplicates.windowSeconds,
			maxKeys: duplicates.maxKeys,
		});
	return isNew ? pending.accepted : pending.duplicate;
}

/**
 * An event that passed steps 1 to 3 and waits for the duplicate check of step 4, for a caller whose
 * memory answers asynchronously (the state store, n8nWebhook.ts): `deliveryKey` is what to check
 * (absent when the delivery cannot be recognised, or duplicate suppression is off: then accept), and
 * the two decisions are what to answer either way.
 */
export interface PendingDecision {
	outcome: 'pending';
	deliveryKey?: string;
	accepted: Extract<TriggerDecision, { outcome: 'accepted' }>;
	duplicate: Extract<TriggerDecision, { outcome: 'ignored' }>;
}

/** Steps 1 to 3 of decideTriggerRequest, and the delivery key of step 4: a decision, or a pending event. */
export function screenTriggerRequest(request: TriggerRequest, settings: TriggerSettings, nowMs: number): TriggerDecision | PendingDecision {
	const endpoint = request.endpoint;

	const malformed = (problem: string): TriggerDecision => ({
		outcome: 'rejected',
		reason: 'malformed',
		message: problem,
		response: failureResponse(settings.source, 400, 'malformed_json', { message: problem, endpoint }),
	});

	let parsed: ParsedBody | undefined;
	if (settings.verify && settings.signatureInBody) {
		parsed = parseJsonBody(request.body);
		if (!parsed.ok) return malformed(parsed.problem);
	}

	let verified = false;
	let verifiedDeliveryId: string | undefined;
	if (settings.verify) {
		const result = settings.verify(request);
		if (!result.valid) {
			return {
				outcome: 'rejected',
				reason: 'signature',
				message: result.message,
				response: failureResponse(settings.source, 401, result.reason, { message: result.message, endpoint }),
			};
		}
		verified = true;
		verifiedDeliveryId = result.deliveryId;
	}

	parsed ??= parseJsonBody(request.body);
	if (!parsed.ok) return malformed(parsed.problem);
	// From here on, the source that reads this body's shape (OFS or E10 on one URL), if the node's reads several.
	const source = settings.source.resolve?.(parsed.value) ?? settings.source;

	const validated = source.validate(parsed.value, endpoint);
	if (!validated.ok) {
		const message = `The event does not match the expected shape: ${validated.problem}`;
		return {
			outcome: 'rejected',
			reason: 'schema',
			message,
			response: failureResponse(source, 400, 'invalid_event', { message, endpoint, payload: parsed.value }),
		};
	}
	const payload = validated.payload;
	const type = source.eventType(payload, endpoint);
	const eventType = type ?? null;
	const success = (message: string) =>
		successResponse(source, settings.response, { message, endpoint, payload, type });

	if (!isEventSelected(settings.selection, type, payload)) {
		return {
			outcome: 'ignored',
			reason: 'unselected',
			eventType,
			deliveryId: null,
			response: success('Received; this event is not selected in the trigger'),
		};
	}

	const kept = withoutFields(payload, settings.secretFields);
	const payloads = settings.splitRecipients ? splitRecipients(kept) : [kept];
	if (payloads.length === 0) {
		return {
			outcome: 'ignored',
			reason: 'noRecipients',
			eventType,
			deliveryId: null,
			response: success('Received; the message names no recipient (data.to is empty)'),
		};
	}

	const key = deliveryKeyOf({
		payload,
		headers: request.headers,
		verifiedDeliveryId,
		fields: settings.duplicates.fields,
		sourceDefault: () => source.defaultDuplicateKey(payload, type),
	});
	const deliveryId = key ?? null;
	const event: EventStamp = {
		source: source.source,
		type: eventType,
		typeName: source.typeName(type, payload),
		deliveryId,
		flowId: flowIdOf(source, payload),
		receivedAt: new Date(nowMs).toISOString(),
		verified,
	};
	return {
		outcome: 'pending',
		...(settings.duplicates.enabled && key !== undefined ? { deliveryKey: key } : {}),
		accepted: {
			outcome: 'accepted',
			response: success('success'),
			items: payloads.map((item) => stampEvent(item, event)),
			eventType,
			deliveryId,
		},
		duplicate: {
			outcome: 'ignored',
			reason: 'duplicate',
			eventType,
			deliveryId,
			response: success('Received; this delivery was already received'),
		},
	};
}

function flowIdOf(source: EventSource, payload: JsonObject): string | null {
	return source.flowIdPath === undefined ? null : (textAtPath(payload, source.flowIdPath) ?? null);
}

/** The payload without the given top-level fields (a secret must not reach the execution data). */
function withoutFields(payload: JsonObject, fields: string[] | undefined): JsonObject {
	if (!fields?.some((field) => field in payload)) return payload;
	const kept = { ...payload };
	for (const field of fields) delete kept[field];
	return kept;
}

/**
 * The payload in the order received with `event` added last (a payload field of that name is
 * replaced: `json.event` is ours).
 */
export function stampEvent(payload: JsonObject, event: EventStamp): JsonObject {
	const { event: _replaced, ...fields } = payload;
	return { ...fields, event: { ...event } };
}

/**
 * The sample event of a source for test mode: the selected event (or the first of the catalog) built
 * from the seeds' examples, through the same item shaping as a real one, marked `event.sample`.
 */
export function sampleItems(
	settings: Pick<TriggerSettings, 'source' | 'selection' | 'splitRecipients'>,
	nowMs: number,
	detail?: string,
): JsonObject[] {
	const { source } = settings;
	const code = settings.selection.events[0];
	const { payload, endpoint } = source.sample(code, detail);
	const type = source.eventType(payload, endpoint);
	const event: EventStamp = {
		source: source.source,
		type: type ?? null,
		typeName: source.typeName(type, payload),
		deliveryId: null,
		flowId: flowIdOf(source, payload),
		receivedAt: new Date(nowMs).toISOString(),
		verified: false,
		sample: true,
	};
	const payloads = settings.splitRecipients ? splitRecipients(payload) : [payload];
	return payloads.map((item) => stampEvent(item, event));
}
