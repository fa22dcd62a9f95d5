import { z } from 'zod';

import { approvalEvents, businessObjectEvents, ebotEvents, eventDisplayName, hesiApprovalSample, hesiBusinessObjectSample, hesiEbotSample, hesiInternalMessageSample, hesiLoanSample, hesiMessageCenterSample, internalMessageEvents, loanEvents, messageCenterEvents, type EventDefinition } from '../../events';
import { describeSchemaProblem } from '../schemaProblem';
import type { EventSource, JsonObject, ValidationResult, VendorCheck } from '../types';

/**
 * The six Hesi (合思) outbound-message families of seed 000. Hesi lets the subscriber pick the
 * fields a message carries, so the schemas check the fixed fields of each family and the types of
 * the well-known ones, and let every other field through unchanged.
 *
 * Success answer: seed 000 counts HTTP 200, 201 or 204 as success (the subscriber ticks which) and
 * can additionally require a keyword, its example being `{"code":"1"}` with HTTP 200. The default
 * answer, 200 with `{"code":"1"}`, passes both the plain "HTTP200" rule and that keyword rule.
 */

const text = z.string();

/** Seed 000, 通知类出站消息消息接收人. */
const userInfo = z
	.object({ id: text, name: text.optional(), cellphone: text.optional(), email: text.optional() })
	.passthrough();

/** Well-known fields, typed when present (seed 000 field table; EBot needs flowId/nodeId). */
const commonFields = {
	flowId: text.optional(),
	nodeId: text.optional(),
	userInfo: userInfo.optional(),
	actionName: text.optional(),
};

const approvalSchema = z.object({ ...commonFields, action: text.min(1) }).passthrough();
const internalMessageSchema = z.object({ ...commonFields, internalMessageNameType: text.min(1) }).passthrough();
const loanSchema = z
	.object({ ...commonFields, action: text.min(1).optional(), internalMessageNameType: text.min(1).optional() })
	.passthrough();
const businessObjectSchema = z.object({ ...commonFields, action: text.min(1).optional() }).passthrough();
const messageCenterSchema = z.object(commonFields).passthrough();
const ebotSchema = z.object({ ...commonFields, flowId: text.min(1), nodeId: text.min(1) }).passthrough();

function validateWith(schema: z.ZodType<JsonObject>): (body: unknown) => ValidationResult {
	return (body) => {
		const result = schema.safeParse(body);
		// The body itself, not zod's copy: that lists the schema's keys first, and items keep the order received.
		return result.success
			? { ok: true, payload: body as JsonObject }
			: { ok: false, problem: describeSchemaProblem(result.error) };
	};
}

function stringField(payload: JsonObject, field: string): string | undefined {
	const value = payload[field];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The catalog's name, else the name the message carries (`actionName`), else the code itself. */
function nameFrom(catalog: readonly EventDefinition[], nameField?: string) {
	return (type: string | undefined, payload: JsonObject): string | null => {
		if (type === undefined) return null;
		const known = catalog.find((event) => event.code === type);
		if (known) return eventDisplayName(known);
		return (nameField && stringField(payload, nameField)) || type;
	};
}

/**
 * Seed 000 签名秘钥: Hesi issues a signKey for each outbound message and sends it with every message,
 * so its triggers check it by default, placed as the credential's Key Location and Key Name say
 * (shown for its Hesi signKey scheme), else in the header `signKey`.
 *
 * Why the default changed in place rather than in a new typeVersion (as n8n's own nodes do): n8n 2.41
 * reads and parses the body of any webhook node whose typeVersion is not 1 before the node runs
 * (webhook-helpers.js parseRequestBody), and answers junk itself: 422 for JSON that does not parse,
 * 500 with a stack for a corrupt gzip body, in its own shape, not Hesi's. Only at typeVersion 1 does
 * the trigger read the raw bytes and answer them 400 in the sender's shape. A version-1 node saved
 * before this change with None (then the default, so not stored) now checks the signKey: without a
 * credential it answers 503 not_configured, starts nothing and logs what to set, so the sender keeps
 * retrying and no event is lost while the user picks a credential or chooses None.
 */
export const hesiSignKeyCheck: VendorCheck = {
	value: 'hesiSignKey',
	label: 'Hesi signKey',
	description:
		"Check the signKey (签名秘钥) Hesi sends with every message against the credential's Secret, in the header or body field the credential's Key Location and Key Name give (default: header signKey)",
	scheme: (credential) => (credential.scheme === 'hesiSignKey' ? credential : { scheme: 'hesiSignKey', location: 'header', name: 'signKey' }),
};

const hesiBase = {
	source: 'hesi',
	senderName: 'Hesi',
	defaultResponse: { status: 200, body: '{"code":"1"}' },
	configurableBody: true,
	// Seed 000: flowId (单据ID) names the document every Hesi message is about.
	flowIdPath: 'flowId',
	// Hesi sends no delivery id of its own, and the same flow/node/action legitimately repeats
	// (a second reminder, a resubmitted document); duplicates are keyed only on what the node
	// configures or on a signing header.
	defaultDuplicateKey: () => undefined,
	vendorCheck: hesiSignKeyCheck,
	// Seed 000: the subscriber can require a keyword in the answer (its example: code=1).
	responseBodyNote: 'Hesi can require a keyword such as code=1 in it.',
	duplicateKeyExample: 'flowId, nodeId, action, userInfo.id',
	unsignedNotice: 'Hesi sends its signKey (签名秘钥) with every message: choose Hesi signKey to check it.',
	// Seed 000 重试次数 / 网络间隔时长: at most 3 retries, 0-10 s apart, each after a failed or timed-out
	// attempt, so a message's automatic retries arrive within about a minute of it; a re-send from the
	// message log (重试, "whether the first send succeeded or not") is a person's click, later, and
	// carries the same body: nothing in it but the time tells the two apart.
	automaticRetrySpanSeconds: 120,
} as const;

export const hesiApprovalSource: EventSource = {
	...hesiBase,
	catalog: approvalEvents,
	validate: validateWith(approvalSchema),
	eventType: (payload) => stringField(payload, 'action'),
	typeName: nameFrom(approvalEvents, 'actionName'),
	sample: (code) => ({ payload: hesiApprovalSample(code), endpoint: 'default' }),
};

export const hesiInternalMessageSource: EventSource = {
	...hesiBase,
	catalog: internalMessageEvents,
	validate: validateWith(internalMessageSchema),
	eventType: (payload) => stringField(payload, 'internalMessageNameType'),
	typeName: nameFrom(internalMessageEvents, 'internalMessageName'),
	sample: (code) => ({ payload: hesiInternalMessageSample(code), endpoint: 'default' }),
};

/** Loan events name their type in `action`, or (the codes being internal-message codes) `internalMessageNameType`. */
export const hesiLoanSource: EventSource = {
	...hesiBase,
	catalog: loanEvents,
	validate: validateWith(loanSchema),
	eventType: (payload) => stringField(payload, 'action') ?? stringField(payload, 'internalMessageNameType'),
	typeName: nameFrom(loanEvents, 'actionName'),
	sample: (code) => ({ payload: hesiLoanSample(code), endpoint: 'default' }),
};

export const hesiBusinessObjectSource: EventSource = {
	...hesiBase,
	catalog: businessObjectEvents,
	validate: validateWith(businessObjectSchema),
	eventType: (payload) => stringField(payload, 'action'),
	typeName: nameFrom(businessObjectEvents),
	sample: (code) => ({ payload: hesiBusinessObjectSample(code), endpoint: 'default' }),
};

export const hesiMessageCenterSource: EventSource = {
	...hesiBase,
	catalog: messageCenterEvents,
	validate: validateWith(messageCenterSchema),
	eventType: () => messageCenterEvents[0].code,
	typeName: nameFrom(messageCenterEvents),
	sample: () => ({ payload: hesiMessageCenterSample(), endpoint: 'default' }),
};

export const hesiEbotSource: EventSource = {
	...hesiBase,
	catalog: ebotEvents,
	validate: validateWith(ebotSchema),
	eventType: () => ebotEvents[0].code,
	typeName: nameFrom(ebotEvents),
	sample: () => ({ payload: hesiEbotSample(), endpoint: 'default' }),
};
