import { FieldLayoutError } from '../fieldLayoutError';
import { actionNameFor, normaliseAction, normaliseActionName, normaliseInternalMessageNameType, normaliseUserInfo } from '../notification';
import { type EnvelopeResult, ProblemList, envelopeErrors, isGiven } from './envelopeResult';

/**
 * The Hesi outbound message body (seed 000): the chosen fields, and for a notification-type message
 * (审批事件 notifications) the fixed `action`, `actionName` and `userInfo`; for an internal message
 * (站内信) the fixed `internalMessageNameType`. "通知类出站消息才会有的固定字段，流程中没有": these
 * members are added by the message kind, never by a field of the same name.
 */

export const hesiMessageKinds = ['notification', 'internalMessage', 'other'] as const;
export type HesiMessageKind = (typeof hesiMessageKinds)[number];

export interface HesiBodyInput {
	readonly kind: HesiMessageKind;
	/** The formatted fields (formatFields' body). */
	readonly fields: Readonly<Record<string, unknown>>;
	readonly action?: unknown;
	/** Left empty, it is the catalog's Chinese name of `action`. */
	readonly actionName?: unknown;
	readonly userInfo?: unknown;
	readonly internalMessageNameType?: unknown;
}

export const hesiBodyLabels = {
	action: '通知类出站消息类别',
	actionName: '通知类出站消息类别名称',
	userInfo: '通知类出站消息消息接收人',
	internalMessageNameType: '站内信消息类型',
} as const;

/** Format Fields' settings that fill the fixed members, by their labels in its panel. */
export const hesiBodyMemberSettings: Readonly<Record<string, readonly string[]>> = {
	action: ['Action'],
	actionName: ['Action Name'],
	userInfo: ['Recipient ID', 'Recipient Name', 'Recipient Cellphone', 'Recipient Email'],
	internalMessageNameType: ['Internal Message Type'],
};

function settingsNamed(member: string): string {
	const labels = (hesiBodyMemberSettings[member] ?? [member]).map((label) => `"${label}"`);
	return labels.length === 1 ? `the ${labels[0]} setting` : `the ${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]} settings`;
}

const fixedMembers: Readonly<Record<HesiMessageKind, readonly string[]>> = {
	notification: ['action', 'actionName', 'userInfo'],
	internalMessage: ['internalMessageNameType'],
	other: [],
};

export function buildHesiBody(input: HesiBodyInput): EnvelopeResult<Record<string, unknown>> {
	const clash = fixedMembers[input.kind].find((member) => member in input.fields);
	if (clash !== undefined) {
		throw new FieldLayoutError(
			`A field is named '${clash}', which this ${input.kind === 'notification' ? 'notification' : 'internal message'} body sets itself`,
			-1,
			`Remove or rename the field '${clash}'; set ${clash} with ${settingsNamed(clash)} of the node`,
		);
	}
	const body: Record<string, unknown> = { ...input.fields };
	const problems = new ProblemList();
	if (input.kind === 'notification') {
		const action = normaliseAction(input.action);
		if (action.ok) body.action = action.value;
		else problems.addAll('action', action.problems);
		if (isGiven(input.actionName)) {
			const actionName = normaliseActionName(input.actionName);
			if (actionName.ok) body.actionName = actionName.value;
			else problems.addAll('actionName', actionName.problems);
		} else if (action.ok) {
			body.actionName = actionNameFor(action.value);
		}
		const userInfo = normaliseUserInfo(input.userInfo);
		if (userInfo.ok) body.userInfo = userInfo.value;
		else problems.addAll('userInfo', userInfo.problems);
	} else if (input.kind === 'internalMessage') {
		const type = normaliseInternalMessageNameType(input.internalMessageNameType);
		if (type.ok) body.internalMessageNameType = type.value;
		else problems.addAll('internalMessageNameType', type.problems);
	}
	return problems.isEmpty ? { ok: true, body } : { ok: false, errors: envelopeErrors(problems.problems, hesiBodyLabels) };
}
