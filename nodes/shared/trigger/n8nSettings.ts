/**
 * n8n adapter, part 2a: the node's parameters as the core's settings (TriggerSettings), with the
 * signature check built from the credential. What a source adds (its shapes, catalog filters,
 * recipient splitting, its own Signature Check) is read from its definition, never by its name.
 */
import type { IDataObject, INode, IWebhookFunctions } from 'n8n-workflow';

import { verifyRequest, signingFromCredential, defaultToleranceSeconds, type SchemeConfig } from '../signing';
import { verifyFailure } from '../signing/verifyFailure';
import { cachedCredential } from './credentialCache';
import { defaultDuplicateWindowSeconds, defaultMaxDeliveryKeys, deliveryKeysBound } from './deliveryMemory';
import { parseList } from './jsonPath';
import { schemeForCheck, signatureCheckLabel, type SignatureCheck, type TriggerNodeSpec } from './n8nDescription';
import type { EventSource, SuccessStatus, TriggerSettings, ValueFilter } from './types';

function asNumber(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function asText(value: unknown): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/**
 * What the signature check needs: `notConfigured` says, by the panel's labels, why it cannot run (its
 * credential is not selected, e.g. a workflow imported without credentials or a Test URL call before
 * one was chosen; deleted; or unusable), and then nothing else is set. `unusableSecret()` tells after
 * a check whether the secret turned out unusable for the scheme (verifyRequest throws only for that).
 */
export interface SignatureSettings extends Pick<TriggerSettings, 'verify' | 'secretFields' | 'signatureInBody'> {
	notConfigured?: string;
	/** n8n's own words about the credential, for n8n's log. */
	notConfiguredDetail?: string;
	unusableSecret?: () => string | undefined;
}

async function signatureVerifier(
	context: IWebhookFunctions,
	node: INode,
	source: EventSource,
	check: SignatureCheck,
	toleranceSeconds: number,
): Promise<SignatureSettings> {
	if (check === 'none') return {};
	const label = signatureCheckLabel(check, source);
	let credential: unknown;
	try {
		credential = await cachedCredential(context, 'outboundSigningSecret', { node });
	} catch (error) {
		// n8n: "Node does not have any credentials set…" (none selected) or "Credential with ID … does not
		// exist…" (deleted): for n8n's log only, the sender need not learn credential ids.
		return {
			notConfigured: `Signature Check is ${label}, but no usable Credential for Outbound Signing Secret is selected. Select one in the trigger, or set Signature Check to None`,
			notConfiguredDetail: (error as Error).message,
		};
	}
	let config: SchemeConfig;
	let secrets: string[];
	try {
		const signing = signingFromCredential(credential as Record<string, unknown>);
		config = schemeForCheck(check, signing, source);
		secrets = signing.secrets;
	} catch (error) {
		return {
			notConfigured: `Signature Check is ${label}, but the selected Credential for Outbound Signing Secret cannot be used: ${(error as Error).message}`,
		};
	}
	let unusable: string | undefined;
	const verify: TriggerSettings['verify'] = (request) => {
		try {
			return verifyRequest(request, { config, secrets, toleranceSeconds, now: Date.now() });
		} catch (error) {
			// verifyRequest throws only for an unusable configuration (e.g. a secret in the wrong format).
			unusable = `Signature Check is ${label}, but the secret of the selected Credential for Outbound Signing Secret cannot be used for the ${config.scheme} scheme: ${(error as Error).message}`;
			return verifyFailure('no_secret_configured', unusable);
		}
	};
	// Hesi can send its shared key as a body field; it is checked, then kept out of the items.
	const keyField = config.scheme === 'hesiSignKey' && config.location === 'body' ? (config.name ?? 'signKey') : undefined;
	return {
		verify,
		secretFields: keyField === undefined ? undefined : [keyField],
		signatureInBody: keyField !== undefined || config.scheme === 'feishu',
		unusableSecret: () => unusable,
	};
}

/**
 * The node's parameters as the core's settings (the signature check only when a POST needs it).
 * `node`: the request's `context.getNode()`, read once by the caller (n8n deep-copies it per call).
 */
export async function readSettings(
	context: IWebhookFunctions,
	spec: TriggerNodeSpec,
	withSignatureCheck: boolean,
	node: INode = context.getNode(),
): Promise<TriggerSettings & Pick<SignatureSettings, 'notConfigured' | 'notConfiguredDetail' | 'unusableSecret'>> {
	const source = sourceOf(context, spec.source);
	const options = context.getNodeParameter('triggerOptions', {}) as IDataObject;
	// The node's catalog and filters are the spec's source's: a shape changes how requests read, not the panel.
	const events = spec.source.catalog.length > 1 ? (context.getNodeParameter('events', []) as string[]) : [];
	const filters: ValueFilter[] = (spec.source.catalogFilters ?? []).map((filter) => ({
		path: filter.path,
		values: context.getNodeParameter(filter.name, []) as string[],
		...(filter.onlyForType === undefined ? {} : { onlyForType: filter.onlyForType }),
	}));
	if (spec.nameFilter) {
		const { parameter, fieldOption } = spec.nameFilter;
		const names = parseList(asText(context.getNodeParameter(parameter.name, '')));
		const path = asText(options[fieldOption.name])?.trim() || fieldOption.default;
		filters.push({ path, values: names });
	}
	const status = asNumber(options.responseCode, source.defaultResponse.status) as SuccessStatus;
	const body = source.configurableBody
		? (asText(options.responseBody) ?? source.defaultResponse.body)
		: source.defaultResponse.body;
	const check = context.getNodeParameter('signatureCheck', 'none') as SignatureCheck;
	const toleranceSeconds = asNumber(options.replayWindowSeconds, defaultToleranceSeconds);
	let windowSeconds = asNumber(options.duplicateWindowHours, defaultDuplicateWindowSeconds / 3600) * 3600;
	// A copy after the sender's automatic retries is a deliberate re-send (Hesi's 重试: sources/hesi.ts).
	if (source.automaticRetrySpanSeconds !== undefined && options.letManualResendsThrough === true) {
		windowSeconds = Math.min(windowSeconds, source.automaticRetrySpanSeconds);
	}
	return {
		source,
		...(withSignatureCheck ? await signatureVerifier(context, node, source, check, toleranceSeconds) : {}),
		selection: { events, filters, extraEvents: parseList(asText(options.extraEventCodes)) },
		duplicates: {
			// Test mode shows every request that passes the checks, as n8n's own test URLs do: a user
			// re-sending one sample must not be told "already received" while the editor waits.
			enabled: options.suppressDuplicates !== false && context.getMode() !== 'manual',
			fields: parseList(asText(options.duplicateKeyFields)),
			windowSeconds,
			maxKeys: deliveryKeysBound(asNumber(options.duplicateMemorySize, defaultMaxDeliveryKeys)),
		},
		response: { status, body },
		splitRecipients: spec.source.recipientSplit ? (context.getNodeParameter('splitRecipients', true) as boolean) : false,
	};
}

/** The source that reads this node's requests: the shape its parameter chooses, else the spec's source. */
function sourceOf(context: IWebhookFunctions, source: EventSource): EventSource {
	const shapes = source.shapes;
	if (shapes === undefined) return source;
	const value = context.getNodeParameter(shapes.name, shapes.default) as string;
	return (shapes.options.find((shape) => shape.value === value) ?? shapes.options.find((shape) => shape.value === shapes.default))?.source ?? source;
}

/** The catalog value test mode's sample shows: the first one selected in the first catalog filter (a flow action). */
export function sampleDetail(spec: TriggerNodeSpec, settings: TriggerSettings): string | undefined {
	const filter = spec.source.catalogFilters?.[0];
	return filter === undefined ? undefined : settings.selection.filters.find((entry) => entry.path === filter.path)?.values[0];
}
