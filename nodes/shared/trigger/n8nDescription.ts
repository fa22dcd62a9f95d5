/**
 * n8n adapter, part 1: the description every trigger node shares (webhooks, credential, and the
 * whole node description from one spec; the parameters are in n8nProperties.ts, the node class in
 * n8nTriggerNode.ts). The n8n*.ts files are the only trigger files that know n8n; the core
 * (pipeline.ts and its modules) stays plain TypeScript, and what differs between senders is data in
 * their source (sources/*.ts).
 */
import { NodeConnectionTypes, type INodeCredentialDescription, type INodeProperties, type INodeTypeDescription, type IWebhookDescription } from 'n8n-workflow';

import type { CredentialSigning, SchemeConfig } from '../signing';
import { outboundStateStoreTestName, stateStoreCredentialTest } from '../store/n8nCredentialTest';
import { stateStoreCredentialName } from '../store/n8nStateStore';

import { triggerProperties } from './n8nProperties';
import type { EventSource } from './types';

export { eventActionLabel, rawBodyParameter, triggerProperties } from './n8nProperties';

/**
 * The node's Signature Check: none, the credential's own scheme, or the sender's own check
 * (`source.vendorCheck`: Jiandaoyun's X-JDY-Signature, Hesi's signKey) with the credential's secrets.
 */
export type SignatureCheck = string;

/** The scheme a Signature Check verifies with, given the selected credential. */
export function schemeForCheck(check: SignatureCheck, signing: CredentialSigning, source: EventSource): SchemeConfig {
	const vendor = source.vendorCheck;
	return vendor !== undefined && check === vendor.value ? vendor.scheme(signing.config) : signing.config;
}

/** Signature Check's choice as the panel shows it. */
export function signatureCheckLabel(check: SignatureCheck, source: EventSource): string {
	if (check === 'credential') return 'Verify With Credential';
	return source.vendorCheck?.value === check ? source.vendorCheck.label : check;
}

/** What distinguishes one trigger node from another; the node file declares one (n8nTriggerNode.ts). */
export interface TriggerNodeSpec {
	source: EventSource;
	/** Placeholder of the Path parameter, e.g. `hesi-approval`. */
	pathPlaceholder: string;
	/**
	 * Filter on a name in the payload (business-object or message-center name): the node's parameter
	 * (a comma-separated list of names) and the option naming the payload field they are matched
	 * against (its default is the field used when the option is not set).
	 */
	nameFilter?: { parameter: INodeProperties; fieldOption: INodeProperties & { default: string } };
}

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

/** POST on the path; GET on the same path emits a sample in test mode; plus the source's own endpoints. */
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
	const endpoints = spec.source.endpoints;
	for (const endpoint of endpoints?.names ?? []) {
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
					path: `={{($parameter["path"] || $webhookId) + "/${endpoints?.pathPrefix}/${endpoint}"}}`,
					isFullPath: true,
				},
				answered,
			),
		);
	}
	return webhooks;
}

/**
 * The signing secret (for the Signature Check), and the optional state store: with it, duplicates
 * are remembered in the store every n8n process shares; without it, in the workflow's static data
 * and a journal file (n8nWebhook.ts). Its test runs in the node's `methods.credentialTest`
 * (`triggerMethods`), as n8n 2.41 requires of a `testedBy` by name.
 */
export function triggerCredentials(spec: TriggerNodeSpec): INodeCredentialDescription[] {
	const vendor = spec.source.vendorCheck;
	return [
		{
			name: 'outboundSigningSecret',
			required: true,
			displayOptions: { show: { signatureCheck: ['credential', ...(vendor ? [vendor.value] : [])] } },
		},
		{ name: stateStoreCredentialName, required: false, testedBy: outboundStateStoreTestName },
	];
}

/** Every trigger node's `methods`: the state store credential's test. */
export const triggerMethods = { credentialTest: stateStoreCredentialTest };

/** The usual subtitle of a trigger node: the selected events, else "All events". */
export const eventsSubtitle = '={{$parameter["events"].length ? $parameter["events"].join(", ") : "All events"}}';

/**
 * The typeVersions of every trigger node. They differ only in who parses the request body:
 * - 1: the node (the hidden `options.binaryData`, n8nProperties.ts): a malformed JSON body gets our
 *   400 in the sender's shape. n8n reads that switch with an expression on every request
 *   (webhook-helpers.js `parseRequestBody`), which under n8n 2.x's default `vm` engine takes an
 *   expression isolate, about 100 ms of n8n CPU a request (docs/performance.md).
 * - 2 (opt-in, set in the workflow's JSON): n8n parses JSON, XML and form bodies before the node runs (the node
 *   still verifies the exact bytes, which n8n keeps in `req.rawBody`). Every webhook-description
 *   field resolves without the engine (the resolvers above) and no expression is read, so with
 *   `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true` a request takes no isolate at all. A body that does
 *   not parse as its Content-Type is answered by n8n: 422 `{"code":422,"message":"Failed to parse
 *   request body","hint":…}` (a corrupt gzip body or one over n8n's size limit: 500), no execution,
 *   an error line in n8n's log. That is why a new node is still 1: hostile bodies must get a 4xx.
 */
export const triggerVersions = { version: [1, 2], defaultVersion: 1 };

/**
 * What every trigger node's description shares, from its spec: the node file spreads it into its
 * description after its names, icon, subtitle and text (n8n's lint reads those from the literal), so the
 * triggers cannot drift apart.
 */
export function triggerNodeDescription(spec: TriggerNodeSpec): Omit<INodeTypeDescription, 'displayName' | 'name' | 'icon' | 'description' | 'defaults' | 'subtitle'> {
	return {
		group: ['trigger'],
		...triggerVersions,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: triggerCredentials(spec),
		webhooks: triggerWebhooks(spec),
		eventTriggerDescription: 'Waiting for you to send an event to the Test URL, or open it in a browser for a sample',
		activationMessage: `Paste the Production URL into ${spec.source.senderName}'s push settings.`,
		properties: triggerProperties(spec),
	};
}
