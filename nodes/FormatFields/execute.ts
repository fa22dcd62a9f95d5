import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';

import {
	type FieldError,
	type FieldLayout,
	type FieldNote,
	type FormatContext,
	type FormatResult,
	type HesiMessageKind,
	FieldLayoutError,
	buildHesiBody,
	buildJiandaoyunMessage,
	buildOfsTodoBody,
	buildOutboundRequest,
	buildStandardWebhooksEvent,
	compileFields,
	createZonedClock,
	formatFields,
	nestFieldErrors,
	readRecipients,
} from '../shared/fields';
import { findJiandaoyunDataPushEvent } from '../shared/events/jiandaoyun';
import { formatFieldsProperties } from './description';

/** Output indexes, in the order of `outputNames`. */
const outputIndex = { success: 0, failure: 1 } as const;

/** One entry of the Fields list as n8n hands it over (expressions resolved). */
interface FieldEntry {
	name?: string;
	type?: string;
	value?: unknown;
	required?: boolean;
	currency?: string;
	foreignCurrency?: unknown;
	foreignAmount?: unknown;
	exchangeRate?: unknown;
}

type ItemOutcome =
	| { ok: true; body: unknown; notes: readonly FieldNote[] }
	| { ok: false; errors: readonly FieldError[] };

/**
 * An envelope's outcome with its typed fields: a bad member and a bad field are reported together,
 * the envelope's own members first.
 */
function envelopeOutcome(
	result: { ok: true; body: unknown } | { ok: false; errors: readonly FieldError[] },
	notes: readonly FieldNote[],
	fieldErrors: readonly FieldError[],
): ItemOutcome {
	if (result.ok && fieldErrors.length === 0) return { ok: true, body: result.body, notes };
	return { ok: false, errors: [...(result.ok ? [] : result.errors), ...fieldErrors] };
}

/** Envelope member (dotted path, no list positions) → the node's parameters that fill it. */
type MemberSettings = Readonly<Record<string, readonly string[]>>;

const hesiSettings: MemberSettings = {
	action: ['action'],
	actionName: ['actionName'],
	userInfo: ['userInfoId', 'userInfoName', 'userInfoCellphone', 'userInfoEmail'],
	'userInfo.id': ['userInfoId'],
	'userInfo.name': ['userInfoName'],
	'userInfo.cellphone': ['userInfoCellphone'],
	'userInfo.email': ['userInfoEmail'],
	internalMessageNameType: ['internalMessageNameType'],
};
const jiandaoyunSettings: MemberSettings = {
	op: ['jdyOp'],
	'data.to': ['jdyTo'],
	'data.entry_name': ['jdyEntryName'],
	'data.notify_text': ['jdyNotifyText'],
	'data.content': ['jdyContent'],
	'data.url': ['jdyUrl'],
	'data.flow_action': ['jdyFlowAction'],
	send_time: ['jdySendTime'],
};
const ofsTodoSettings: MemberSettings = Object.fromEntries([
	['event', ['ofsEvent']],
	['isremark', ['ofsEvent']],
	...['syscode', 'flowid', 'requestname', 'workflowname', 'nodename', 'pcurl', 'appurl', 'viewtype', 'creator', 'createdatetime', 'receiver', 'receivedatetime', 'receivets', 'userid'].map((name) => [name, [name]]),
]) as MemberSettings;
const standardWebhooksSettings: MemberSettings = { type: ['eventType'], timestamp: ['eventTimestamp'] };

/** Every envelope's member settings, for the test that keeps them in step with the description. */
export const envelopeMemberSettings = { hesi: hesiSettings, jiandaoyun: jiandaoyunSettings, ofsTodo: ofsTodoSettings, standardWebhooks: standardWebhooksSettings };

const settingLabel = (name: string): string => formatFieldsProperties.find((property) => property.name === name)?.displayName ?? name;

/** The settings of the most specific member a path is in (`data.to[0].username` → `data.to`). */
function settingsOf(path: string, settings: MemberSettings): readonly string[] | undefined {
	let member = path.replace(/\[\d+\]/g, '');
	for (;;) {
		if (Object.hasOwn(settings, member)) return settings[member];
		const dot = member.lastIndexOf('.');
		if (dot === -1) return undefined;
		member = member.slice(0, dot);
	}
}

/** An envelope member is filled by a setting of the panel: its error says which, by its label. */
function withSettingLabels<T extends { ok: boolean }>(result: T, settings: MemberSettings): T {
	if (result.ok) return result;
	const errors = (result as unknown as { errors: readonly FieldError[] }).errors.map((error) => {
		const names = settingsOf(error.field, settings);
		if (names === undefined) return error;
		const labels = names.map((name) => `"${settingLabel(name)}"`);
		const named = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
		return { ...error, message: `${error.message}. Set it with ${named}.` };
	});
	return { ...result, errors };
}

function readFields(context: IExecuteFunctions, itemIndex: number, formatContext: FormatContext): FormatResult {
	const entries = context.getNodeParameter('fields.field', itemIndex, []) as FieldEntry[];
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const layout: FieldLayout[] = entries.map((entry) => ({
		name: entry.name ?? '',
		type: entry.type ?? 'text',
		required: entry.required !== false,
		settings: {
			currency: entry.currency,
			foreignCurrency: typeof entry.foreignCurrency === 'string' ? entry.foreignCurrency : undefined,
			foreignAmount: entry.foreignAmount,
			exchangeRate: entry.exchangeRate,
		},
	}));
	const compiled = compileFields(layout, { dotNotation: options.dotNotation !== false });
	return formatFields(
		compiled,
		entries.map((entry) => entry.value),
		formatContext,
	);
}

function parameter(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return context.getNodeParameter(name, itemIndex, '') as unknown;
}

function formatItem(context: IExecuteFunctions, itemIndex: number, formatContext: FormatContext): ItemOutcome {
	const mode = context.getNodeParameter('mode', itemIndex) as string;
	if (mode === 'fields') return readFields(context, itemIndex, formatContext);

	const envelope = context.getNodeParameter('envelope', itemIndex) as string;
	const now = Date.now();
	const p = (name: string) => parameter(context, name, itemIndex);

	if (envelope === 'ofsTodo') {
		const result = buildOfsTodoBody(
			{
				event: p('ofsEvent'),
				syscode: p('syscode'),
				flowid: p('flowid'),
				requestname: p('requestname'),
				workflowname: p('workflowname'),
				nodename: p('nodename'),
				pcurl: p('pcurl'),
				appurl: p('appurl'),
				viewtype: p('viewtype'),
				creator: p('creator'),
				createdatetime: p('createdatetime'),
				receiver: p('receiver'),
				receivedatetime: p('receivedatetime'),
				receivets: p('receivets'),
				userid: p('userid'),
			},
			{ clock: formatContext.clock, now },
		);
		return result.ok ? { ok: true, body: result.body, notes: [] } : withSettingLabels(result, ofsTodoSettings);
	}

	const op = envelope === 'jiandaoyun' ? p('jdyOp') : undefined;
	const dataPush = typeof op === 'string' && findJiandaoyunDataPushEvent(op.trim()) !== undefined;
	const needsFields = envelope === 'hesi' || envelope === 'standardWebhooks' || dataPush;
	let fields: Record<string, unknown> = {};
	let notes: readonly FieldNote[] = [];
	let fieldErrors: readonly FieldError[] = [];
	if (needsFields) {
		const formatted = readFields(context, itemIndex, formatContext);
		if (formatted.ok) {
			fields = formatted.body;
			notes = formatted.notes;
		} else {
			// The Hesi body holds the fields at its top level; the other envelopes in `data`.
			fieldErrors = envelope === 'hesi' ? formatted.errors : nestFieldErrors('data', formatted.errors);
		}
	}

	if (envelope === 'hesi') {
		const kind = p('hesiKind') as HesiMessageKind;
		const userInfo = { id: p('userInfoId'), name: p('userInfoName'), cellphone: p('userInfoCellphone'), email: p('userInfoEmail') };
		const hasUserInfo = Object.values(userInfo).some((value) => value !== '' && value !== undefined && value !== null);
		const result = buildHesiBody({
			kind,
			fields,
			action: p('action'),
			actionName: p('actionName'),
			userInfo: hasUserInfo ? userInfo : undefined,
			internalMessageNameType: p('internalMessageNameType'),
		});
		return envelopeOutcome(withSettingLabels(result, hesiSettings), notes, fieldErrors);
	}
	if (envelope === 'jiandaoyun') {
		const result = buildJiandaoyunMessage(
			{
				op,
				to: readRecipients(p('jdyTo')),
				entryName: p('jdyEntryName'),
				notifyText: p('jdyNotifyText'),
				content: p('jdyContent') === '' ? undefined : p('jdyContent'),
				url: p('jdyUrl'),
				flowAction: p('jdyFlowAction'),
				sendTime: p('jdySendTime'),
				data: fields,
			},
			{ clock: formatContext.clock, now },
		);
		return envelopeOutcome(withSettingLabels(result, jiandaoyunSettings), notes, fieldErrors);
	}
	if (envelope === 'standardWebhooks') {
		const result = buildStandardWebhooksEvent(
			{ type: p('eventType'), timestamp: p('eventTimestamp'), data: fields },
			{ clock: formatContext.clock, now },
		);
		return envelopeOutcome(withSettingLabels(result, standardWebhooksSettings), notes, fieldErrors);
	}
	throw new NodeOperationError(context.getNode(), `Unknown envelope '${envelope}'`, {
		itemIndex,
		description: 'Choose Hesi Outbound Body, Jiandaoyun Push, OFS Unified To-Do or Standard Webhooks Event',
	});
}

/** Failure items carry the first error's details at the top and every error in `errors`. */
function failureJson(input: IDataObject, errors: readonly FieldError[]): IDataObject {
	// n8n drops undefined values from item JSON; a missing value is shown as null.
	const shown = errors.map((error) => ({ ...error, received: error.received ?? null }) as unknown as IDataObject);
	return { ...input, error: { ...shown[0], errors: shown } };
}

function readFormatContext(context: IExecuteFunctions): FormatContext {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const timeZone = typeof options.timeZone === 'string' && options.timeZone.trim() !== '' ? options.timeZone.trim() : context.getTimezone();
	try {
		return { clock: createZonedClock(timeZone), collectNotes: options.includeNotes === true };
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description: 'Set Options → Time Zone to an IANA name such as Asia/Shanghai, or leave it empty for the workflow time zone',
		});
	}
}

export async function formatFieldItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outputs: INodeExecutionData[][] = [[], []];
	const formatContext = readFormatContext(this);

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = items[itemIndex].json;
		try {
			const outcome = formatItem(this, itemIndex, formatContext);
			if (!outcome.ok) {
				outputs[outputIndex.failure].push({ json: failureJson(input, outcome.errors), pairedItem: { item: itemIndex } });
				continue;
			}
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			const outputKey = typeof options.outputKey === 'string' && options.outputKey.trim() !== '' ? options.outputKey.trim() : 'body';
			const json: IDataObject = this.getNodeParameter('includeOtherFields', itemIndex, false) ? { ...input } : {};
			json[outputKey] = outcome.body as IDataObject;
			if (this.getNodeParameter('addRequest', itemIndex, false)) {
				json.request = buildOutboundRequest(outcome.body, {
					url: this.getNodeParameter('requestUrl', itemIndex, '') as string,
					method: this.getNodeParameter('requestMethod', itemIndex, 'POST') as string,
				}) as unknown as IDataObject;
			}
			if (options.includeNotes === true) json.formatNotes = outcome.notes as unknown as IDataObject[];
			outputs[outputIndex.success].push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError =
				error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), (error as Error).message, {
							itemIndex,
							description: error instanceof FieldLayoutError ? error.hint : undefined,
						});
			if (!this.continueOnFail()) throw nodeError;
			outputs[outputIndex.failure].push({
				json: { ...input, error: { message: nodeError.message, description: nodeError.description ?? null } },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return outputs;
}
