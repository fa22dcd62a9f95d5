import type { INodeProperties } from 'n8n-workflow';

import { OutboundSigningSecret } from '../../../credentials/OutboundSigningSecret.credentials';
import { type SchemeFields, schemes } from './schemes';
import type { SchemeConfig } from './types';
import { signatureSchemes } from './types';

/**
 * Turns the "Outbound Signing Secret" credential's data (a plain object, as n8n hands it over)
 * into the engine's config and secrets. The field names here are the credential's property names
 * (credentials/OutboundSigningSecret.credentials.ts).
 */

export interface CredentialSigning {
	config: SchemeConfig;
	/** Newest first: `secret`, then `previousSecrets` in the order given. */
	secrets: string[];
	signWithAll: boolean;
}

const pemBlock = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;

/**
 * Secrets separated by spaces or newlines. PEM blocks (Ed25519 keys for Standard Webhooks v1a)
 * contain spaces and newlines themselves, so each is kept whole.
 */
export function splitSecrets(text: string): string[] {
	const pems = text.match(pemBlock) ?? [];
	const rest = text.replace(pemBlock, ' ');
	const order: Array<{ at: number; secret: string }> = [];
	for (const pem of pems) order.push({ at: text.indexOf(pem), secret: pem });
	for (const match of rest.matchAll(/\S+/g)) order.push({ at: match.index ?? 0, secret: match[0] });
	return order.sort((a, b) => a.at - b.at).map((entry) => entry.secret);
}

let credentialFields: Map<string, INodeProperties> | undefined;

/** The credential's field as its form shows it (label and choices), read from its description. */
function fieldOf(field: string): INodeProperties | undefined {
	credentialFields ??= new Map(new OutboundSigningSecret().properties.map((property) => [property.name, property]));
	return credentialFields.get(field);
}

const labelOf = (field: string): string => fieldOf(field)?.displayName ?? field;

/** A choice of a credential field as its dropdown shows it, e.g. the scheme `customHmac` as "Custom HMAC". */
export function choiceLabel(field: string, value: string): string {
	const option = fieldOf(field)?.options?.find((candidate) => 'value' in candidate && candidate.value === value);
	return option?.name ?? value;
}

function text(data: Record<string, unknown>, field: string): string {
	const value = data[field];
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw new Error(`Outbound Signing Secret: "${labelOf(field)}" must be text; correct it in the credential`);
}

function required(data: Record<string, unknown>, field: string): string {
	const value = text(data, field).trim();
	if (!value) throw new Error(`Outbound Signing Secret: "${labelOf(field)}" is empty; fill it in the credential`);
	return value;
}

function oneOf<T extends string>(data: Record<string, unknown>, field: string, allowed: readonly T[], fallback: T): T {
	const value = text(data, field).trim();
	if (!value) return fallback;
	if (!(allowed as readonly string[]).includes(value)) {
		const choices = allowed.map((choice) => choiceLabel(field, choice));
		throw new Error(`Outbound Signing Secret: "${labelOf(field)}" is "${value}", which is none of its choices (${choices.join(', ')}); pick one in the credential`);
	}
	return value as T;
}

/**
 * Config and secrets from the credential. Throws an Error naming the field when the credential is
 * incomplete or holds an unknown value; the message never contains a secret.
 */
export function signingFromCredential(data: Record<string, unknown>): CredentialSigning {
	const scheme = oneOf(data, 'scheme', signatureSchemes, 'standardWebhooks');
	const newest = required(data, 'secret');
	const previous = splitSecrets(text(data, 'previousSecrets'));
	const secrets = [...new Set([newest, ...previous])];
	const fields: SchemeFields = {
		text: (field) => text(data, field),
		required: (field) => required(data, field),
		oneOf: (field, allowed, fallback) => oneOf(data, field, allowed, fallback),
	};
	return { config: schemes[scheme].config(fields), secrets, signWithAll: data.signWithAllSecrets === true };
}
