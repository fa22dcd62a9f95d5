import { z } from 'zod';

import { eventDisplayName, findJiandaoyunFlowAction, jiandaoyunFlowActions, findJiandaoyunMessageEvent, findJiandaoyunOp, jiandaoyunOps, jiandaoyunSample } from '../../events';
import { describeSchemaProblem } from '../schemaProblem';
import type { EventSource, JsonObject, VendorCheck } from '../types';

/**
 * Jiandaoyun (简道云) pushes: `{ op, data, send_time }` (seed 001 §3). The seven message ops carry
 * `data.to` (recipients, each with `username`), `entry_name`, `notify_text`, optional `content`,
 * `url`, and for `flow_message` the `flow_action`; data-push ops carry the record in `data`.
 * Jiandaoyun counts a push as delivered on a 2xx within 2 s and expects the body `success`.
 */

const recipient = z.object({ username: z.string(), name: z.string().optional() }).passthrough();

const messageData = z
	.object({
		to: z.array(recipient),
		entry_name: z.string().optional(),
		notify_text: z.string().optional(),
		content: z.string().optional(),
		url: z.string().optional(),
		flow_action: z.string().optional(),
	})
	.passthrough();

const envelope = z
	.object({
		op: z.string().min(1),
		data: z.record(z.unknown()),
		send_time: z.string().optional(),
	})
	.passthrough()
	.superRefine((push, context) => {
		if (findJiandaoyunMessageEvent(push.op) === undefined) return;
		const data = messageData.safeParse(push.data);
		if (data.success) return;
		for (const issue of data.error.issues) context.addIssue({ ...issue, path: ['data', ...issue.path] });
	});

function flowActionOf(payload: JsonObject): string | undefined {
	const data = payload.data as JsonObject | undefined;
	const action = data?.flow_action;
	return typeof action === 'string' && action !== '' ? action : undefined;
}

/** Jiandaoyun signs every push (X-JDY-Signature), so its trigger checks that signature by default. */
export const jiandaoyunSignatureCheck: VendorCheck = {
	value: 'jiandaoyun',
	label: 'Jiandaoyun Signature',
	description: "Check X-JDY-Signature with the credential's secret (the Secret generated in Jiandaoyun's push settings)",
	scheme: () => ({ scheme: 'jiandaoyun' }),
};

export const jiandaoyunSource: EventSource = {
	source: 'jiandaoyun',
	senderName: 'Jiandaoyun',
	catalog: jiandaoyunOps,
	defaultResponse: { status: 200, body: 'success' },
	configurableBody: true,
	validate(body) {
		const result = envelope.safeParse(body);
		// The body itself, not zod's copy (which reorders keys): items keep the order received.
		return result.success
			? { ok: true, payload: body as JsonObject }
			: { ok: false, problem: describeSchemaProblem(result.error) };
	},
	eventType: (payload) => payload.op as string,
	typeName(type, payload) {
		if (type === undefined) return null;
		const op = findJiandaoyunOp(type);
		const name = op ? eventDisplayName(op) : type;
		const flowAction = type === 'flow_message' ? flowActionOf(payload) : undefined;
		if (flowAction === undefined) return name;
		const action = findJiandaoyunFlowAction(flowAction);
		return `${name}: ${action ? eventDisplayName(action) : flowAction}`;
	},
	vendorCheck: jiandaoyunSignatureCheck,
	responseBodyNote: 'Jiandaoyun expects success.',
	catalogFilters: [
		{
			name: 'flowActions',
			displayName: 'Flow Actions',
			description: 'For flow_message pushes: the flow actions that start the workflow; none selected means every action',
			catalog: jiandaoyunFlowActions,
			path: 'data.flow_action',
			onlyForType: 'flow_message',
		},
	],
	// Seed 001 §4.5.3: the old flow-message format sends every recipient in one push, the new one a push each.
	recipientSplit: {
		description:
			'Whether to output one item per data.to recipient, so the old flow-message format (all recipients in one push) gives the same items as the new one (one push per recipient)',
	},
	unsignedNotice: 'Jiandaoyun signs every push: choose Jiandaoyun Signature to check it.',
	// Jiandaoyun's own id, X-JDY-DeliverId, is read from the header by the core.
	defaultDuplicateKey: () => undefined,
	sample: (code, detail) => ({ payload: jiandaoyunSample(code, detail), endpoint: 'default' }),
};
