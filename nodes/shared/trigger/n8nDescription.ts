/**
 * n8n adapter, part 1: the description pieces every trigger node shares (webhooks, parameters,
 * credential). This file and n8nWebhook.ts are the only trigger files that know n8n; the core
 * (pipeline.ts and its modules) stays plain TypeScript.
 */
import type {
	INodeCredentialDescription,
	INodeProperties,
	INodePropertyOptions,
	IWebhookDescription,
} from 'n8n-workflow';

import { eventDisplayName, jiandaoyunFlowActions, ofsPaths, type EventDefinition } from '../events';
import type { CredentialSigning, SchemeConfig } from '../signing';
import { outboundStateStoreTestName, stateStoreCredentialTest } from '../store/n8nCredentialTest';
import { stateStoreCredentialName } from '../store/n8nStateStore';

import { defaultMaxDeliveryKeys, maxDeliveryKeysLimit } from './deliveryMemory';
import type { EventSource } from './types';

/**
 * The node's Signature Check: none, the credential's own scheme, or the vendor's scheme with the
 * credential's secrets (Jiandaoyun's X-JDY-Signature; Hesi's signKey, placed as the credential's
 * Key Location and Key Name say).
 */
export type SignatureCheck = 'none' | 'credential' | 'jiandaoyun' | 'hesiSignKey';

/** The scheme a Signature Check verifies with, given the selected credential. */
export function schemeForCheck(check: Exclude<SignatureCheck, 'none'>, signing: CredentialSigning): SchemeConfig {
	switch (check) {
		case 'jiandaoyun':
			return { scheme: 'jiandaoyun' };
		case 'hesiSignKey':
			// The credential's Key Location / Key Name (shown for its Hesi signKey scheme), or their defaults.
			return signing.config.scheme === 'hesiSignKey' ? signing.config : { scheme: 'hesiSignKey', location: 'header', name: 'signKey' };
		default:
			return signing.config;
	}
}

/** What distinguishes one trigger node from another; the node file declares one. */
export interface TriggerNodeSpec {
	source: EventSource;
	/** Source system as users know it, for descriptions: `Hesi`, `Jiandaoyun`, `the OA system`. */
	senderName: string;
	/** Placeholder of the Path parameter, e.g. `hesi-approval`. */
	pathPlaceholder: string;
	/** Jiandaoyun: recipient splitting and the flow-action filter. */
	jiandaoyun?: true;
	/** Unified to-do: also serve the five OFS endpoints under `<path>/rest/ofs/`. */
	ofsEndpoints?: true;
	/**
	 * Filter on a name in the payload (business-object or message-center name): the node's parameter
	 * (a comma-separated list of names) and the option naming the payload field they are matched
	 * against (its default is the field used when the option is not set).
	 */
	nameFilter?: { parameter: INodeProperties; fieldOption: INodeProperties & { default: string } };
}

/**
 * Hidden parameter that makes n8n hand the request over unparsed. n8n parses a JSON body before
 * the node runs and answers a malformed one itself (422) unless the node's `options.binaryData`
 * is true (webhook-helpers.js `parseRequestBody`, the switch n8n's Webhook v1 uses for binary
 * uploads). The trigger reads the raw bytes itself: they are what the signature covers, and a
 * malformed body gets our 400 with the reason. Workflow JSON must therefore not set `options`.
 */
export const rawBodyParameter: INodeProperties = {
	displayName: 'Raw Body',
	name: 'options',
	type: 'hidden',
	default: { binaryData: true },
};

/**
 * n8n 2.41 resolves a webhook-description field without its expression engine when the description
 * carries a resolver for it under this registry symbol (n8n-workflow webhook-description-fields.js,
 * used by n8n's Webhook node) and the node's parameters hold no expression. Each field evaluated in
 * the engine costs time inside n8n's single expression isolate, which every request to a trigger
 * holds. Older n8n versions ignore the symbol and evaluate the templates, with the same result.
 */
const webhookResolvers = Symbol.for('n8n.webhookDescriptionResolvers');

type Parameters = Record<string, unknown>;

const pathField = {
	template: '={{$parameter["path"]}}',
	resolve: (parameters: Parameters) => parameters.path,
};

/**
 * The status n8n sends with an accepted event's answer (n8nWebhook.ts: n8n answers it in
 * `onReceived` mode once the execution is stored, with the body webhook() returns).
 */
const responseCodeField = {
	template: '={{$parameter["triggerOptions"]["responseCode"] || 200}}',
	resolve: (parameters: Parameters) => {
		const options = parameters.triggerOptions as Parameters | undefined;
		return (options?.responseCode as number | undefined) || 200;
	},
};

/**
 * Empty on purpose: left undefined, n8n would answer an accepted event with its default, the text
 * `firstEntryJson` (webhook-on-received-response-extractor.js), instead of our body.
 */
const responseDataField = { template: '', resolve: () => '' };

type DescriptionField = { template: string; resolve: (parameters: Parameters) => unknown };

/** The description with each field's template set and its resolver attached for n8n. */
function withResolvers(description: IWebhookDescription, fields: Record<string, DescriptionField>): IWebhookDescription {
	for (const [name, field] of Object.entries(fields)) description[name] = field.template;
	Object.defineProperty(description, webhookResolvers, { value: fields, enumerable: false });
	return description;
}

/** POST on the path; GET on the same path emits a sample in test mode. */
export function triggerWebhooks(spec: TriggerNodeSpec): IWebhookDescription[] {
	const answered = { responseCode: responseCodeField, responseData: responseDataField };
	const webhooks: IWebhookDescription[] = [
		withResolvers(
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: pathField.template, isFullPath: true },
			{ path: pathField, ...answered },
		),
		withResolvers(
			{
				// n8n's own name for a trigger's GET companion (Form Trigger); webhook() tells them by method.
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: pathField.template,
				isFullPath: true,
				ndvHideUrl: true,
			},
			{ path: pathField },
		),
	];
	if (spec.ofsEndpoints) {
		for (const endpoint of ofsPaths) {
			webhooks.push(
				withResolvers(
					{
						// A name per endpoint: webhook() reads it with getWebhookName() to know the state. n8n's
						// type lists only 'default' | 'setup'; the name is free at runtime (webhook.service.js).
						name: endpoint as IWebhookDescription['name'],
						httpMethod: 'POST',
						responseMode: 'onReceived',
						// No resolver for this path: an empty Path falls back to the node's webhookId, which only
						// the expression can read.
						path: `={{($parameter["path"] || $webhookId) + "/rest/ofs/${endpoint}"}}`,
						isFullPath: true,
					},
					answered,
				),
			);
		}
	}
	return webhooks;
}

/**
 * The signing secret (for the Signature Check), and the optional state store: with it, duplicates
 * are remembered in the store every n8n process shares; without it, in the workflow's static data
 * and a journal file (n8nWebhook.ts). Its test runs in the node's `methods.credentialTest`
 * (`triggerMethods`), as n8n 2.41 requires of a `testedBy` by name.
 */
export function triggerCredentials(): INodeCredentialDescription[] {
	return [
		{
			name: 'outboundSigningSecret',
			required: true,
			displayOptions: { show: { signatureCheck: ['credential', 'jiandaoyun', 'hesiSignKey'] } },
		},
		{ name: stateStoreCredentialName, required: false, testedBy: outboundStateStoreTestName },
	];
}

/** Every trigger node's `methods`: the state store credential's test. */
export const triggerMethods = { credentialTest: stateStoreCredentialTest };

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

const signatureCheckOptions: INodePropertyOptions[] = [noneOption, credentialOption];

const signatureCheck: INodeProperties = {
	displayName: 'Signature Check',
	name: 'signatureCheck',
	type: 'options',
	noDataExpression: true,
	options: signatureCheckOptions,
	default: 'none',
	description: signatureCheckDescription,
};

/** Jiandaoyun always signs its pushes, so its trigger checks the Jiandaoyun signature by default. */
const jiandaoyunSignatureCheck: INodeProperties = {
	displayName: 'Signature Check',
	name: 'signatureCheck',
	type: 'options',
	noDataExpression: true,
	options: [
		...signatureCheckOptions,
		{
			name: 'Jiandaoyun Signature',
			value: 'jiandaoyun',
			description: "Check X-JDY-Signature with the credential's secret (the Secret generated in Jiandaoyun's push settings)",
		},
	],
	default: 'jiandaoyun',
	description: signatureCheckDescription,
};

const hesiSignKeyOption: INodePropertyOptions = {
	name: 'Hesi signKey',
	value: 'hesiSignKey',
	description:
		"Check the signKey (签名秘钥) Hesi sends with every message against the credential's Secret, in the header or body field the credential's Key Location and Key Name give (default: header signKey)",
};

/**
 * Hesi sends its signKey with every message, so its triggers check it by default.
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
function hesiSignatureCheck(): INodeProperties {
	return { ...signatureCheck, options: [...signatureCheckOptions, hesiSignKeyOption], default: 'hesiSignKey' };
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

/** Default bodies per source, as literals (n8n's lint wants literal defaults); tests tie them to the sources. */
const responseBodyOptions: Record<string, INodeProperties> = {
	hesi: {
		displayName: 'Response Body',
		name: 'responseBody',
		type: 'string',
		default: '{"code":"1"}',
		description:
			'Body sent with the success status: JSON text goes out as JSON, other text as plain text, nothing with 204. Hesi can require a keyword such as code=1 in it.',
	},
	jiandaoyun: {
		displayName: 'Response Body',
		name: 'responseBody',
		type: 'string',
		default: 'success',
		description:
			'Body sent with the success status: JSON text goes out as JSON, other text as plain text, nothing with 204. Jiandaoyun expects success.',
	},
};

function responseOptions(spec: TriggerNodeSpec): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Response Code',
			name: 'responseCode',
			type: 'options',
			options: [
				{ name: '200 OK', value: 200 },
				{ name: '201 Created', value: 201 },
				{ name: '204 No Content', value: 204 },
			],
			default: 200,
			description: `Status sent for accepted, unselected and duplicate events; choose one ${spec.senderName} counts as success`,
		},
	];
	const body = spec.source.configurableBody ? responseBodyOptions[spec.source.source] : undefined;
	if (body) options.push(body);
	return options;
}

/** The Options collection (named `triggerOptions`: `options` is taken by the raw-body switch). */
function optionsCollection(spec: TriggerNodeSpec): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Duplicate Key Fields',
			name: 'duplicateKeyFields',
			type: 'string',
			default: '',
			placeholder: spec.source.source === 'hesi' ? 'flowId, nodeId, action, userInfo.id' : 'data.id',
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
			description: `Whether to start the workflow again for a copy that arrives more than ${retrySpan / 60} minutes after the delivery it repeats, as a re-send from ${spec.senderName}'s message log does. ${spec.senderName} marks neither such a re-send nor its own automatic retries, so only the time tells them apart: copies within ${retrySpan / 60} minutes are still dropped as duplicates.`,
		});
	}
	if (spec.nameFilter) options.push(spec.nameFilter.fieldOption);
	options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Options',
		name: 'triggerOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

export function triggerProperties(spec: TriggerNodeSpec): INodeProperties[] {
	const { source } = spec;
	const properties: INodeProperties[] = [
		{
			// n8n 2.41.1's buttons: "Execute step" in this panel, "Execute workflow" on the canvas; while
			// they wait, the editor listens on the Test URL (n8n-editor-ui: ndv.execute.testNode,
			// nodeView.runButtonText.executeWorkflow).
			displayName: `Paste the Production URL into ${spec.senderName}'s push settings. To try the workflow before ${spec.senderName} is connected, click "Execute step" (or "Execute workflow" on the canvas) and, while it waits, open the Test URL in a browser: the trigger emits a realistic sample event.`,
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
			description: spec.ofsEndpoints
				? 'Path of the webhook URL. The OFS endpoints are served under it: <path>/rest/ofs/ReceiveRequestInfoByJson and the other four.'
				: 'Path of the webhook URL; empty uses a generated ID',
		},
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
	if (spec.jiandaoyun) {
		properties.push({
			displayName: 'Flow Actions',
			name: 'flowActions',
			type: 'multiOptions',
			options: eventOptions(jiandaoyunFlowActions),
			default: [],
			description: 'For flow_message pushes: the flow actions that start the workflow; none selected means every action',
			// Shown while Events is empty (every event) or includes flow_message. n8n 2.41 skips a hide
			// rule for an empty multi-select, and `not` hides only when every selected event differs.
			displayOptions: { hide: { events: [{ _cnd: { not: 'flow_message' } }] } },
		});
	}
	if (spec.nameFilter) properties.push(spec.nameFilter.parameter);
	if (source.vendorCheck === 'jiandaoyun') properties.push(jiandaoyunSignatureCheck);
	else if (source.vendorCheck === 'hesiSignKey') properties.push(hesiSignatureCheck());
	else properties.push(signatureCheck);
	properties.push(noSignatureNotice(source));
	if (spec.jiandaoyun) {
		properties.push({
			displayName: 'Split Recipients Into Items',
			name: 'splitRecipients',
			type: 'boolean',
			default: true,
			description:
				'Whether to output one item per data.to recipient, so the old flow-message format (all recipients in one push) gives the same items as the new one (one push per recipient)',
		});
	}
	properties.push(rawBodyParameter, optionsCollection(spec));
	return properties;
}
