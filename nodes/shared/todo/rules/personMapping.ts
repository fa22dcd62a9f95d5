/**
 * Person mapping (seed 002 line 78, 人员转换关系: "the person correspondence with the third-party
 * system, agreed by the customer"): the OA's user ids of a to-do's receiver and creator become the
 * target's ids, read from one field of a mapping table: login name, work code, email or mobile
 * (Landray's `ekpUserKey` choices, seed lines 133-140, are the target-side view of the same idea).
 *
 * The table is rows `{oaUserId, loginName, workCode, email, mobile}` (a node parameter, or an
 * expression's result), or a lookup object found in the input item, keyed by OA user id. A user
 * with no row (or no value in the chosen field) either fails the item with a message saying how
 * to fix it, or goes through with the OA id, as the node's setting says. Pure.
 */
import { valueAtPath } from '../../trigger/jsonPath';
import type { TargetEvent, TodoEvent } from '../types';

export const personFields = ['loginName', 'workCode', 'email', 'mobile'] as const;
export type PersonField = (typeof personFields)[number];

/** How each field is named in messages (and in the node's options). */
export const personFieldNames: Readonly<Record<PersonField, string>> = { loginName: 'login name', workCode: 'work code', email: 'email', mobile: 'mobile' };

/**
 * The parameter labels messages refer to, so the node's editor and its errors agree; a node with
 * other labels passes its own in `PersonMappingSettings.labels`.
 */
export const personMappingLabels = { table: 'Person Mapping Table', unmapped: 'Unmapped Users' } as const;

export interface PersonMappingRow {
	oaUserId: string;
	loginName?: string;
	workCode?: string;
	email?: string;
	mobile?: string;
}

export interface PersonMappingSettings {
	/** The target's id is this field of the receiver's row. */
	field: PersonField;
	/** `fail`: the item fails (a clear error); `passThrough`: the OA id goes as it is. */
	unmapped: 'fail' | 'passThrough';
	labels?: { table: string; unmapped: string };
}

/** A problem with the table or a user it lacks; the node turns it into the item's error. */
export class PersonMappingError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'PersonMappingError';
	}
}

/** The rows by OA user id. */
export type PersonTable = ReadonlyMap<string, PersonMappingRow>;

/**
 * Reads a table: an array of rows, an object keyed by OA user id (each value a row without
 * `oaUserId`, or the target id itself as text), or either as JSON text. `source` names where it
 * came from in messages (e.g. `the Person Mapping Table parameter`, `the item's field people`).
 * Two rows of one OA user that disagree are an error: which one was meant cannot be known.
 */
export function personTableFrom(value: unknown, source: string): PersonTable {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return new Map();
		try {
			parsed = JSON.parse(value);
		} catch {
			throw new PersonMappingError(`${source} is not JSON`, 'Give an array of rows like [{"oaUserId": "lisi", "loginName": "li.si"}], or an object keyed by OA user id.');
		}
	}
	if (parsed === undefined || parsed === null) return new Map();
	const rows: unknown[] = Array.isArray(parsed)
		? parsed
		: typeof parsed === 'object'
			? Object.entries(parsed as Record<string, unknown>).map(([oaUserId, row]) => (row !== null && typeof row === 'object' ? { ...row, oaUserId } : sameInEveryField(oaUserId, row)))
			: [parsed];
	const table = new Map<string, PersonMappingRow>();
	rows.forEach((raw, index) => {
		const row = rowFrom(raw, `${source}, row ${index + 1}`);
		const before = table.get(row.oaUserId);
		if (before !== undefined && JSON.stringify(before) !== JSON.stringify(row)) {
			throw new PersonMappingError(`${source} maps the OA user ${row.oaUserId} twice, differently (row ${index + 1})`, 'Keep one row per OA user id.');
		}
		table.set(row.oaUserId, row);
	});
	return table;
}

/** The table at a dotted path of the input item's JSON (e.g. `people` or `lookup.users`). */
export function personTableFromItem(json: unknown, path: string): PersonTable {
	const source = `the item's field ${path}`;
	const found = valueAtPath(json, path);
	if (found === undefined) throw new PersonMappingError(`${source} is missing`, `Add the mapping to each item at ${path}, or read the table from a node parameter.`);
	return personTableFrom(found, source);
}

function rowFrom(raw: unknown, where: string): PersonMappingRow {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		throw new PersonMappingError(`${where} is not an object`, 'Each row is like {"oaUserId": "lisi", "loginName": "li.si", "workCode": "A017", "email": "lisi@example.com", "mobile": "13800000000"}.');
	}
	const record = raw as Record<string, unknown>;
	const oaUserId = text(record.oaUserId, `${where}: oaUserId`);
	if (!oaUserId) throw new PersonMappingError(`${where} has no oaUserId`, 'Each row names the OA user id it maps.');
	const row: PersonMappingRow = { oaUserId };
	for (const field of personFields) {
		const value = text(record[field], `${where}: ${field}`);
		if (value) row[field] = value;
	}
	return row;
}

/** `{"lisi": "li.si"}`: a lookup object whose values are the target ids themselves, whatever the field. */
function sameInEveryField(oaUserId: string, targetId: unknown): Record<string, unknown> {
	return Object.fromEntries([['oaUserId', oaUserId], ...personFields.map((field) => [field, targetId])]);
}

function text(value: unknown, where: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new PersonMappingError(`${where} is ${Array.isArray(value) ? 'a list' : typeof value}, not text`, 'Give ids as text (or whole numbers).');
}

/**
 * The target's id of one OA user. An empty id (a `delete_flow` has no receiver) stays empty;
 * an unmapped one fails or passes through as the settings say.
 */
export function mapPerson(table: PersonTable, oaUserId: string, settings: PersonMappingSettings, role: 'receiver' | 'creator'): string {
	if (oaUserId === '') return '';
	const mapped = table.get(oaUserId.trim())?.[settings.field];
	if (mapped) return mapped;
	if (settings.unmapped === 'passThrough') return oaUserId;
	const labels = settings.labels ?? personMappingLabels;
	const field = personFieldNames[settings.field];
	const found = table.has(oaUserId.trim());
	throw new PersonMappingError(
		found ? `The ${role} ${oaUserId} has no ${field} in the person mapping` : `The ${role} ${oaUserId} is not in the person mapping`,
		`Add ${found ? `a ${field} to the row of` : 'a row for'} OA user ${oaUserId} in "${labels.table}", or set "${labels.unmapped}" to pass unmapped users through as they are.`,
	);
}

/** The event as it goes to a target: receiver and creator mapped, the OA receiver kept. */
export function mapEventPeople(event: TodoEvent & { compensated?: boolean }, table: PersonTable, settings: PersonMappingSettings): TargetEvent {
	return {
		...event,
		receiver: mapPerson(table, event.receiver, settings, 'receiver'),
		// The creator is shown, not addressed: an unmapped one keeps its OA id rather than failing the to-do.
		creator: mapPerson(table, event.creator, { ...settings, unmapped: 'passThrough' }, 'creator'),
		oaReceiver: event.receiver,
	};
}

/** No mapping configured: the target knows the OA's ids. */
export function unmappedTargetEvent(event: TodoEvent & { compensated?: boolean }): TargetEvent {
	return { ...event, oaReceiver: event.receiver };
}
