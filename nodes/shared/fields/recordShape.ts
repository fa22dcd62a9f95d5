import { z } from 'zod';

import { type Normalised, ok, problem } from './fieldProblem';
import { zodProblems } from './zodProblems';

/**
 * Object-shaped field types (dimension, staff, business object, payee, userInfo) as data: a list of
 * members, each with what it accepts. From the list come a zod schema (built once, at load) and the
 * normaliser. The input is first tidied member by member (ids given as numbers become text, text is
 * trimmed, blank counts as missing), then the zod schema checks the tidied members; zod's issues
 * carry each member's `expected` text. Tidying in plain code, not in zod preprocess/transform steps,
 * keeps zod effects (several µs each) off the hot path.
 *
 * `acceptsTidied` is the same member list read as plain checks: a value it accepts skips the zod
 * parse (the formatter's throughput goal is 50k items/s of 20 fields, bench/format); a value it
 * refuses goes through zod, whose issues become the problems. Unit tests hold the two to the same
 * verdict on generated inputs (test/unit/shared/fields/recordShape.test.ts).
 */

export interface MemberSpec {
	readonly name: string;
	/** What the member accepts, in words (the error's `expected`). */
	readonly expected: string;
	readonly required?: boolean;
	/** The tidied text must match. */
	readonly pattern?: RegExp;
	/** The tidied text must be one of these (compared after upper-casing). */
	readonly oneOf?: readonly string[];
	/**
	 * How text is tidied: `trim` (default), `compact` (all whitespace removed: card numbers),
	 * `upper` (trimmed and upper-cased: codes like PERSONAL).
	 */
	readonly tidy?: 'trim' | 'compact' | 'upper';
	/**
	 * Only an exact number becomes text: a 19-digit card number as a JavaScript number has already
	 * lost digits, so it is refused with `numberExpected` instead.
	 */
	readonly numbersMustBeSafeIntegers?: boolean;
	readonly numberExpected?: string;
}

export interface RecordShape {
	readonly members: readonly MemberSpec[];
	/** The zod schema of the tidied members. */
	readonly schema: z.ZodTypeAny;
	/** The tidied, checked members (missing optional members are absent), or the problems. */
	parse(value: unknown): Normalised<Record<string, string>>;
}

function memberSchema(member: MemberSpec): z.ZodTypeAny {
	const message = member.expected;
	if (member.oneOf !== undefined) {
		const values = member.oneOf as [string, ...string[]];
		const schema = z.enum(values, { errorMap: () => ({ message }) });
		return member.required ? schema : schema.optional();
	}
	let schema = z.string({
		required_error: message,
		invalid_type_error: member.numberExpected ?? message,
	});
	if (member.required) schema = schema.min(1, message);
	if (member.pattern !== undefined) schema = schema.regex(member.pattern, message);
	return member.required ? schema : schema.optional();
}

function tidyMember(member: MemberSpec, value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	let text: string;
	if (typeof value === 'string') {
		text = value;
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		if (member.numbersMustBeSafeIntegers && !(Number.isSafeInteger(value) && value >= 0)) return value;
		text = String(value);
	} else {
		return value;
	}
	switch (member.tidy) {
		case 'compact':
			text = text.replace(/\s+/g, '');
			break;
		case 'upper':
			text = text.trim().toUpperCase();
			break;
		default:
			text = text.trim();
	}
	return text === '' ? undefined : text;
}

/** The plain-code reading of the member list: true exactly when the zod schema would accept `tidied`. */
export function acceptsTidied(members: readonly MemberSpec[], tidied: Readonly<Record<string, unknown>>): boolean {
	for (const member of members) {
		const value = tidied[member.name];
		if (value === undefined) {
			if (member.required) return false;
			continue;
		}
		if (typeof value !== 'string') return false;
		if (member.oneOf !== undefined) {
			if (!member.oneOf.includes(value)) return false;
			continue;
		}
		if (member.required && value.length === 0) return false;
		if (member.pattern !== undefined && !member.pattern.test(value)) return false;
	}
	return true;
}

export function defineRecordShape(members: readonly MemberSpec[], expectation: string): RecordShape {
	const shape: Record<string, z.ZodTypeAny> = {};
	for (const member of members) shape[member.name] = memberSchema(member);
	const schema = z.object(shape);
	return {
		members,
		schema,
		parse(value: unknown): Normalised<Record<string, string>> {
			if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
				return problem(expectation, value);
			}
			const input = value as Record<string, unknown>;
			const tidied: Record<string, unknown> = {};
			for (const member of members) {
				const memberValue = tidyMember(member, input[member.name]);
				if (memberValue !== undefined) tidied[member.name] = memberValue;
			}
			if (acceptsTidied(members, tidied)) return ok(tidied as Record<string, string>);
			const parsed = schema.safeParse(tidied);
			if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error, value) };
			return ok(tidied as Record<string, string>);
		},
	};
}
