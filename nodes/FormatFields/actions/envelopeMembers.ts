import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type FieldError, type FieldNote, type FormatContext, memberEntry, nestFieldErrors } from '../../shared/fields';
import { readFields } from './fieldsList';

/** What one item of any mode comes to: the body, or every error found in it. */
export type ItemOutcome =
	| { ok: true; body: unknown; notes: readonly FieldNote[] }
	| { ok: false; errors: readonly FieldError[] };

/** Envelope member (dotted path, no list positions) → the node's parameters that fill it. */
export type MemberSettings = Readonly<Record<string, readonly string[]>>;

/** A parameter of an envelope, as n8n resolves it for the item ('' when hidden or unset). */
export function parameter(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return context.getNodeParameter(name, itemIndex, '') as unknown;
}

/**
 * An envelope member is filled by a setting of the panel: its error says which, by the label the
 * envelope's own description gives it.
 */
export function withSettingLabels<T extends { ok: boolean }>(result: T, settings: MemberSettings, description: readonly INodeProperties[]): T {
	if (result.ok) return result;
	const label = (name: string): string => description.find((property) => property.name === name)?.displayName ?? name;
	const errors = (result as unknown as { errors: readonly FieldError[] }).errors.map((error) => {
		const names = memberEntry(error.field, settings);
		if (names === undefined) return error;
		const labels = names.map((name) => `"${label(name)}"`);
		const named = labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
		return { ...error, message: `${error.message}. Set it with ${named}.` };
	});
	return { ...result, errors };
}

/** The typed fields an envelope carries, or their errors placed where the fields sit in it. */
export interface EnvelopeFields {
	fields: Record<string, unknown>;
	notes: readonly FieldNote[];
	fieldErrors: readonly FieldError[];
}

/**
 * Formats the Fields list for an envelope. The Hesi body holds the fields at its top level
 * (`at: 'top'`); the other envelopes in `data`, so their errors are named `data.<field>`.
 */
export function envelopeFields(context: IExecuteFunctions, itemIndex: number, formatContext: FormatContext, at: 'top' | 'data'): EnvelopeFields {
	const formatted = readFields(context, itemIndex, formatContext);
	if (formatted.ok) return { fields: formatted.body, notes: formatted.notes, fieldErrors: [] };
	return { fields: {}, notes: [], fieldErrors: at === 'top' ? formatted.errors : nestFieldErrors('data', formatted.errors) };
}

/** An envelope without typed fields, for the envelopes that carry none in this item. */
export const noFields: EnvelopeFields = { fields: {}, notes: [], fieldErrors: [] };

/**
 * An envelope's outcome with its typed fields: a bad member and a bad field are reported together,
 * the envelope's own members first.
 */
export function envelopeOutcome(
	result: { ok: true; body: unknown } | { ok: false; errors: readonly FieldError[] },
	{ notes, fieldErrors }: EnvelopeFields,
): ItemOutcome {
	if (result.ok && fieldErrors.length === 0) return { ok: true, body: result.body, notes };
	return { ok: false, errors: [...(result.ok ? [] : result.errors), ...fieldErrors] };
}
