import { type FieldError, type FieldProblem, fieldErrorMessage, joinPath } from '../fieldProblem';

/**
 * What an envelope builder returns: the body, or the field errors of the members that were wrong.
 * Members are labelled with the Chinese name their source document gives them, like typed fields.
 */
export type EnvelopeResult<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Member path (dotted, without list positions) → its Chinese label (seed 001 field table, DESIGN §4, …). */
export type MemberLabels = Readonly<Record<string, string>>;

/**
 * The entry for the most specific member a problem path is in: `data.to[0].username` finds the
 * entry of `data.to` when the table has one, else that of `data`. Format Fields looks up the node
 * settings that fill a member the same way.
 */
export function memberEntry<T>(path: string, table: Readonly<Record<string, T>>): T | undefined {
	let member = path.replace(/\[\d+\]/g, '');
	for (;;) {
		if (Object.hasOwn(table, member)) return table[member];
		const dot = member.lastIndexOf('.');
		if (dot === -1) return undefined;
		member = member.slice(0, dot);
	}
}

/** The label of the most specific member a problem path is in (see memberEntry). */
export function memberLabel(path: string, labels: MemberLabels): string | undefined {
	return memberEntry(path, labels);
}

export function envelopeErrors(problems: readonly FieldProblem[], labels: MemberLabels, prefix = ''): FieldError[] {
	return problems.map((p) => {
		const field = joinPath(prefix, p.path);
		const labelZh = memberLabel(p.path, labels);
		return {
			field,
			...(labelZh === undefined ? {} : { fieldNameZh: labelZh }),
			expected: p.expected,
			received: p.received,
			message: fieldErrorMessage(field, labelZh, p.expected, p.received),
		};
	});
}

/** Given means present and not blank: nothing, null and '' count as not given. */
export function isGiven(value: unknown): boolean {
	return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** Text members of envelopes: text, or a number written as text. */
export function readText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

/** Collects problems of several members, then answers with the body or the errors. */
export class ProblemList {
	readonly problems: FieldProblem[] = [];

	add(path: string, expected: string, received: unknown): void {
		this.problems.push({ path, expected, received });
	}

	addAll(prefix: string, problems: readonly FieldProblem[]): void {
		for (const p of problems) this.problems.push({ ...p, path: joinPath(prefix, p.path) });
	}

	/** Required text (a number becomes text); blank text is refused. */
	requiredText(path: string, value: unknown, expected: string): string {
		const text = readText(value);
		if (text === undefined || text.trim() === '') {
			this.add(path, expected, value);
			return '';
		}
		return text;
	}

	get isEmpty(): boolean {
		return this.problems.length === 0;
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A link the receiver can open: http or https. */
export function isWebUrl(value: string): boolean {
	if (!URL.canParse(value)) return false;
	const protocol = new URL(value).protocol;
	return protocol === 'http:' || protocol === 'https:';
}
