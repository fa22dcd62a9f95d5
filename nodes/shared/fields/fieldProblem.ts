/**
 * What went wrong with one value, in words a citizen developer can act on. Normalisers report
 * `FieldProblem`s relative to the value they were given; the field layer adds the output name and the
 * field type's names and turns them into `FieldError`s.
 */

/** One problem inside a value. `path` is '' for the value itself, or a member path like `cardNo` or `to[0].username`. */
export interface FieldProblem {
	readonly path: string;
	/** What would have been accepted, e.g. `a number or numeric string like 10.00`. */
	readonly expected: string;
	/** The offending input as given (undefined when it was missing). */
	readonly received: unknown;
}

/** The outcome of normalising one value: the formatted value, or every problem found. */
export type Normalised<T> =
	| { readonly ok: true; readonly value: T; readonly assumed?: string }
	| { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** The per-field error a Failure item carries (`json.error`). */
export interface FieldError {
	/** Output name, dotted into members: `amount`, `payee.cardNo`, `data.to[0].username`. */
	readonly field: string;
	/** The Chinese name of the field type or envelope member (seed 000 / 001 / DESIGN §4). */
	readonly fieldNameZh?: string;
	/** The field type key (`money`, `date`, …) when the field came from a typed field. */
	readonly type?: string;
	readonly expected: string;
	readonly received: unknown;
	readonly message: string;
}

export function ok<T>(value: T, assumed?: string): Normalised<T> {
	return assumed === undefined ? { ok: true, value } : { ok: true, value, assumed };
}

export function problem(expected: string, received: unknown, path = ''): Normalised<never> {
	return { ok: false, problems: [{ path, expected, received }] };
}

/** Prefix every problem's path with `prefix` (a member name or `[index]`). */
export function nestProblems(prefix: string, problems: readonly FieldProblem[]): FieldProblem[] {
	return problems.map((p) => ({ ...p, path: joinPath(prefix, p.path) }));
}

export function joinPath(parent: string, child: string): string {
	if (parent === '') return child;
	if (child === '') return parent;
	return child.startsWith('[') ? `${parent}${child}` : `${parent}.${child}`;
}

const maxShown = 60;

/**
 * How a received value is quoted in a message: strings in single quotes, `nothing` for a missing
 * value, JSON (shortened) for objects, so the reader sees exactly what the expression produced.
 */
export function describeReceived(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		if (value === '') return "'' (empty text)";
		return `'${shorten(value)}'`;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value === 'bigint') return `${value}n`;
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? 'an invalid Date' : `the Date ${value.toISOString()}`;
	}
	if (typeof value === 'function') return 'a function';
	if (typeof (value as { toMillis?: unknown }).toMillis === 'function') return `the DateTime ${String(value)}`;
	try {
		const json = JSON.stringify(value);
		if (json === undefined) return String(value);
		return Array.isArray(value) ? `the list ${shorten(json)}` : `the object ${shorten(json)}`;
	} catch {
		return 'an object that cannot be shown as JSON';
	}
}

function shorten(text: string): string {
	return text.length > maxShown ? `${text.slice(0, maxShown)}…` : text;
}

/**
 * `Field 'amount' (金额 money): expected a number or numeric string like 10.00, received 'ten'`.
 * `label` is the Chinese and English name of the field type or envelope member, when there is one.
 */
export function fieldErrorMessage(field: string, label: string | undefined, expected: string, received: unknown): string {
	const shownLabel = label ? ` (${label})` : '';
	return `Field '${field}'${shownLabel}: expected ${expected}, received ${describeReceived(received)}`;
}

/** Turn a value's problems into field errors under `field`. */
export function toFieldErrors(
	field: string,
	problems: readonly FieldProblem[],
	names: { readonly nameZh?: string; readonly name?: string; readonly type?: string } = {},
): FieldError[] {
	const label = [names.nameZh, names.name].filter((part) => part).join(' ') || undefined;
	return problems.map((p) => {
		const path = joinPath(field, p.path);
		const error: FieldError = {
			field: path,
			...(names.nameZh === undefined ? {} : { fieldNameZh: names.nameZh }),
			...(names.type === undefined ? {} : { type: names.type }),
			expected: p.expected,
			received: p.received,
			message: fieldErrorMessage(path, label, p.expected, p.received),
		};
		return error;
	});
}

/**
 * The same errors one level deeper: typed fields that an envelope puts under a member (the `data` of
 * a Standard Webhooks event or a Jiandaoyun data push) are named by where they are in the message.
 */
export function nestFieldErrors(prefix: string, errors: readonly FieldError[]): FieldError[] {
	return errors.map((error) => {
		const field = joinPath(prefix, error.field);
		const label = [error.fieldNameZh, error.type].filter((part) => part).join(' ') || undefined;
		return { ...error, field, message: fieldErrorMessage(field, label, error.expected, error.received) };
	});
}
