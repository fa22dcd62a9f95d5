import { FieldLayoutError } from './fieldLayoutError';
import { type FieldError, toFieldErrors } from './fieldProblem';
import { type FieldSettings, type FieldTypeDefinition, type FieldTypeKey, type FormatContext, fieldTypeLabel, fieldTypes, findFieldType } from './fieldTypes';
import { actionNameFor } from './notification';
import { type OutputPath, assignPath, planOutputPaths } from './outputPath';

/**
 * Formats a list of typed fields into one outbound body (Format Fields, mode "Fields"; also the
 * `fields` of the Hesi body and the `data` of other envelopes). Compile the layout once, then format
 * each item's values against it: types are looked up, names split and checked once, not per item.
 */

/** One field as configured: where it goes, its type, whether it must have a value, its settings. */
export interface FieldLayout {
	/** Output name; with dot notation `payee.account` builds `{payee: {account: …}}`. */
	readonly name: string;
	readonly type: FieldTypeKey | string;
	/** Default true: an empty value (nothing, null, or blank text for non-text types) fails the item. False: the field is left out. */
	readonly required?: boolean;
	readonly settings?: FieldSettings;
}

export interface CompiledField {
	readonly name: string;
	readonly path: OutputPath;
	readonly type: FieldTypeDefinition;
	readonly required: boolean;
	readonly settings: FieldSettings;
}

export interface CompiledFields {
	readonly fields: readonly CompiledField[];
	/** Index of the first `action` field, for filling an empty `actionName` from the catalog. */
	readonly actionFieldIndex: number;
}

export interface CompileOptions {
	/** Default true: dots in output names build nested objects. */
	readonly dotNotation?: boolean;
}

/** What the formatter assumed about a value (seconds vs milliseconds, the time zone of a date, …). */
export interface FieldNote {
	readonly field: string;
	readonly assumed: string;
}

export type FormatResult =
	| { readonly ok: true; readonly body: Record<string, unknown>; readonly notes: readonly FieldNote[] }
	| { readonly ok: false; readonly errors: readonly FieldError[] };

export function compileFields(layout: readonly FieldLayout[], options: CompileOptions = {}): CompiledFields {
	const paths = planOutputPaths(
		layout.map((field) => field.name),
		options.dotNotation ?? true,
	);
	const fields = layout.map((field, index): CompiledField => {
		const type = findFieldType(field.type);
		if (type === undefined) {
			throw new FieldLayoutError(
				`Field ${index + 1} ('${field.name}') has an unknown type '${field.type}'`,
				index,
				`Pick one of the field's "Type" choices: ${fieldTypes.map(fieldTypeLabel).join(', ')}`,
			);
		}
		return { name: field.name, path: paths[index], type, required: field.required ?? true, settings: field.settings ?? {} };
	});
	return { fields, actionFieldIndex: fields.findIndex((field) => field.type.key === 'action') };
}

/** Nothing, null, or (for every type but text, where '' is a value) blank text. */
export function isEmptyValue(value: unknown, type: FieldTypeKey): boolean {
	if (value === undefined || value === null) return true;
	return type !== 'text' && typeof value === 'string' && value.trim() === '';
}

/**
 * Format one item: `values[i]` is the value of `compiled.fields[i]`. Every field is checked, so a
 * Failure item lists all its bad fields, not just the first.
 */
export function formatFields(compiled: CompiledFields, values: readonly unknown[], context: FormatContext): FormatResult {
	const body: Record<string, unknown> = {};
	let errors: FieldError[] | undefined;
	let notes: FieldNote[] | undefined;
	let pendingActionName: CompiledField | undefined;
	let actionCode: string | undefined;
	const { fields } = compiled;
	for (let index = 0; index < fields.length; index++) {
		const field = fields[index];
		const value = values[index];
		const type = field.type;
		if (isEmptyValue(value, type.key)) {
			if (type.key === 'actionName' && compiled.actionFieldIndex >= 0) {
				pendingActionName = field;
				continue;
			}
			if (!field.required) continue;
		}
		const result = type.normalise(value, context, field.settings);
		if (result.ok) {
			assignPath(body, field.path, result.value);
			if (result.assumed !== undefined && context.collectNotes) (notes ??= []).push({ field: field.name, assumed: result.assumed });
			if (index === compiled.actionFieldIndex) actionCode = result.value as string;
		} else {
			(errors ??= []).push(...toFieldErrors(field.name, result.problems, { nameZh: type.nameZh, name: type.key, type: type.key }));
		}
	}
	if (pendingActionName !== undefined && actionCode !== undefined) {
		// Seed 000: actionName is the Chinese name of the action code; fill it from the catalog.
		const name = actionNameFor(actionCode);
		if (name !== undefined) {
			assignPath(body, pendingActionName.path, name);
			if (context.collectNotes) (notes ??= []).push({ field: pendingActionName.name, assumed: `filled from action ${actionCode}` });
		}
	} else if (pendingActionName !== undefined && pendingActionName.required && errors === undefined) {
		const type = pendingActionName.type;
		errors = toFieldErrors(pendingActionName.name, [{ path: '', expected: type.expected, received: values[fields.indexOf(pendingActionName)] }], {
			nameZh: type.nameZh,
			name: type.key,
			type: type.key,
		});
	}
	if (errors !== undefined) return { ok: false, errors };
	return { ok: true, body, notes: notes ?? [] };
}
