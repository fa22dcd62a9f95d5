/**
 * n8n adapter, part 1b: the parameters every trigger node shares, with what a source adds to them as
 * data (its Signature Check, its catalog filters, recipient splitting, its shapes, notes).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { eventDisplayName, type EventDefinition } from '../events';
import { oneOf } from '../n8nChoices';
import { optionsCollection } from '../n8nOptionsCollection';

import { defaultMaxDeliveryKeys, maxDeliveryKeysLimit } from './deliveryMemory';
import type { TriggerNodeSpec } from './n8nDescription';
import type { CatalogFilter, EventSource } from './types';

/**
 * typeVersion 1 only: hidden parameter that makes n8n hand the request over unparsed. n8n parses a
 * JSON body before the node runs and answers a malformed one itself (422) unless the node's
 * `options.binaryData` is true (webhook-helpers.js `parseRequestBody`, the switch n8n's Webhook v1
 * uses for binary uploads, read for typeVersion 1 only). The trigger reads the raw bytes itself:
 * they are what the signature covers, and a malformed body gets our 400 with the reason. But n8n
 * reads the switch with an expression, which under its default `vm` engine costs every request an
 * isolate; typeVersion 2 drops it (n8nDescription.ts `triggerVersions`). Workflow JSON must
 * therefore not set `options`.
 */
export const rawBodyParameter: INodeProperties = {
	displayName: 'Raw Body',
	name: 'options',
	type: 'hidden',
	default: { binaryData: true },
	displayOptions: { show: { '@version': [1] } },
};

/**
 * The label of the event's "On …" action in n8n's node panel. n8n 2.41 builds a trigger's actions
 * from the options of its Events parameter and, without an `action`, names each "On " + the option
 * name in lower-case words, dropping every character that is not a letter or digit (`Mentioned
 * (被@)` became "On mentioned 被"); with `action` it shows the text as given.
 */
export function eventActionLabel(event: EventDefinition): string {
	const name = event.nameEn;
	// Lower-case the first letter unless the word is an abbreviation (CC, EBot, SMS): "On pending approval".
	const first = /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
	return `On ${first} (${event.nameZh})`;
}

function eventOptions(catalog: readonly EventDefinition[], withActions = false): INodePropertyOptions[] {
	return catalog.map((event) => ({
		name: eventDisplayName(event),
		value: event.code,
		...(withActions ? { action: eventActionLabel(event) } : {}),
		description: event.documentedCode ? `Code ${event.code}` : `Code ${event.code} (chosen by this package: the manual gives none)`,
	}));
}

const signatureCheckDescription = 'How requests are authenticated; a request that fails gets 401 and starts no execution';

const noneOption: INodePropertyOptions = {
	name: 'None',
	value: 'none',
	description: 'Accept every request without checking who sent it',
};

const credentialOption: INodePropertyOptions = {
	name: 'Verify With Credential',
	value: 'credential',
	description: 'Check the signature with the scheme and secrets of an Outbound Signing Secret credential',
};

/**
 * The Signature Check: None, Verify With Credential, and the sender's own check when its source has
 * one, which is then the default (a sender that always signs should be checked unless the user says not).
 */
function signatureCheck(source: EventSource): INodeProperties {
	const vendor = source.vendorCheck;
	const defaultCheck = vendor?.value ?? 'none';
	return {
		displayName: 'Signature Check',
		name: 'signatureCheck',
		type: 'options',
		noDataExpression: true,
		options: [noneOption, credentialOption, ...(vendor ? [{ name: vendor.label, value: vendor.value, description: vendor.description }] : [])],
		default: defaultCheck,
		description: signatureCheckDescription,
	};
}

/** What None means, shown only while None is selected. */
function noSignatureNotice(source: EventSource): INodeProperties {
	return {
		displayName: `No signature check: anyone who can reach this URL can start the workflow with any content, and nothing tells a forged request from a real one. ${source.unsignedNotice}`,
		name: 'noSignatureNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { signatureCheck: ['none'] } },
	};
}

function responseOptions(spec: TriggerNodeSpec): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Response Code',
			name: 'responseCode',
			...oneOf(['200 OK', 200], ['201 Created', 201], ['204 No Content', 204]),
			default: 200,
			description: `Status sent for accepted, unselected and duplicate events; choose one ${spec.source.senderName} counts as success`,
		},
	];
	const { source } = spec;
	if (source.configurableBody) {
		const defaultBody = source.defaultResponse.body;
		options.push({
			displayName: 'Response Body',
			name: 'responseBody',
			type: 'string',
			default: defaultBody,
			description: `Body sent with the success status: JSON text goes out as JSON, other text as plain text, nothing with 204.${source.responseBodyNote ? ` ${source.responseBodyNote}` : ''}`,
		});
	}
	return options;
}

/** The Options collection (named `triggerOptions`: `options` is taken by the raw-body switch). */
function triggerOptions(spec: TriggerNodeSpec): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Duplicate Key Fields',
			name: 'duplicateKeyFields',
			type: 'string',
			default: '',
			placeholder: spec.source.duplicateKeyExample ?? 'data.id',
			description:
				'JSON paths whose values together identify one delivery, comma-separated. Empty: the delivery ID header (X-JDY-DeliverId, webhook-ID) when the request has one.',
			hint: 'A delivery seen again within the window is answered as success and starts no execution',
		},
		{
			displayName: 'Duplicate Window (Hours)',
			name: 'duplicateWindowHours',
			type: 'number',
			typeOptions: { minValue: 0.01 },
			default: 24,
			description:
				'How long a delivery is remembered. With an Outbound State Store credential, every delivery is kept this long in the store, whatever their number.',
		},
		{
			displayName: 'Remembered Deliveries',
			name: 'duplicateMemorySize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: maxDeliveryKeysLimit },
			default: defaultMaxDeliveryKeys,
			description: `Most delivery keys kept in the workflow's static data (at most ${maxDeliveryKeysLimit.toLocaleString('en-US')}); beyond it the oldest are forgotten. Not used with an Outbound State Store credential: the store keeps each delivery for the Duplicate Window.`,
		},
		{
			displayName: 'Replay Window (Seconds)',
			name: 'replayWindowSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description:
				'Signed requests whose timestamp is further than this from now are refused (401), for schemes that sign a timestamp',
		},
		...responseOptions(spec),
		{
			displayName: 'Suppress Duplicates',
			name: 'suppressDuplicates',
			type: 'boolean',
			default: true,
			description:
				'Whether to answer a repeated delivery as success without starting an execution. The Test URL shows every request, repeats included.',
		},
	];
	if (spec.source.catalog.length > 1) {
		options.push({
			displayName: 'Other Event Codes',
			name: 'extraEventCodes',
			type: 'string',
			default: '',
			placeholder: 'flow.custom, backlog.custom',
			description:
				'Event codes not in the list that should also start the workflow when Events is not empty, comma-separated',
		});
	}
	const retrySpan = spec.source.automaticRetrySpanSeconds;
	if (retrySpan !== undefined) {
		options.push({
			displayName: 'Let Manual Re-Sends Through',
			name: 'letManualResendsThrough',
			type: 'boolean',
			default: false,
			description: `Whether to start the workflow again for a copy that arrives more than ${retrySpan / 60} minutes after the delivery it repeats, as a re-send from ${spec.source.senderName}'s message log does. ${spec.source.senderName} marks neither such a re-send nor its own automatic retries, so only the time tells them apart: copies within ${retrySpan / 60} minutes are still dropped as duplicates.`,
		});
	}
	if (spec.nameFilter) options.push(spec.nameFilter.fieldOption);
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return optionsCollection('triggerOptions', options);
}

/** A multi-select of catalog values (Jiandaoyun's Flow Actions), shown while Events may include the filtered type. */
function catalogFilterParameter(filter: CatalogFilter): INodeProperties {
	return {
		displayName: filter.displayName,
		name: filter.name,
		type: 'multiOptions',
		options: eventOptions(filter.catalog),
		default: [],
		description: filter.description,
		// Shown while Events is empty (every event) or includes the type. n8n 2.41 skips a hide rule for
		// an empty multi-select, and `not` hides only when every selected event differs.
		...(filter.onlyForType ? { displayOptions: { hide: { events: [{ _cnd: { not: filter.onlyForType } }] } } } : {}),
	};
}

/** The choice of the shape requests come in (OFS or E10 to-dos), when the source has several. */
function shapeParameter(source: EventSource): INodeProperties[] {
	const shapes = source.shapes;
	if (shapes === undefined) return [];
	const defaultShape = shapes.default;
	return [
		{
			displayName: shapes.displayName,
			name: shapes.name,
			type: 'options',
			noDataExpression: true,
			options: shapes.options.map((shape) => ({ name: shape.name, value: shape.value, description: shape.description })),
			default: defaultShape,
			description: shapes.description,
		},
	];
}

export function triggerProperties(spec: TriggerNodeSpec): INodeProperties[] {
	const { source } = spec;
	const properties: INodeProperties[] = [
		{
			// n8n 2.41.1's buttons: "Execute step" in this panel, "Execute workflow" on the canvas; while
			// they wait, the editor listens on the Test URL (n8n-editor-ui: ndv.execute.testNode,
			// nodeView.runButtonText.executeWorkflow).
			displayName: `Paste the Production URL into ${spec.source.senderName}'s push settings. To try the workflow before ${spec.source.senderName} is connected, click "Execute step" (or "Execute workflow" on the canvas) and, while it waits, open the Test URL in a browser: the trigger emits a realistic sample event.`,
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			placeholder: `e.g. ${spec.pathPlaceholder}`,
			description: source.endpoints?.pathDescription ?? 'Path of the webhook URL; empty uses a generated ID',
		},
		...shapeParameter(source),
	];
	if (source.catalog.length > 1) {
		properties.push({
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			options: eventOptions(source.catalog, true),
			default: [],
			description: 'Events that start the workflow; none selected means every event. Other events are answered as success and start nothing.',
		});
	}
	for (const filter of source.catalogFilters ?? []) properties.push(catalogFilterParameter(filter));
	if (spec.nameFilter) properties.push(spec.nameFilter.parameter);
	properties.push(signatureCheck(source), noSignatureNotice(source));
	if (source.recipientSplit) {
		properties.push({
			displayName: 'Split Recipients Into Items',
			name: 'splitRecipients',
			type: 'boolean',
			default: true,
			description: source.recipientSplit.description,
		});
	}
	properties.push(rawBodyParameter, triggerOptions(spec));
	return properties;
}
