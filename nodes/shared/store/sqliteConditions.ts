import type { SQLInputValue } from 'node:sqlite';

import { decodePageCursor } from './pageCursor';
import type { MessageFilter } from './records';
import { messageFilterTerms } from './storeRows';

/** A WHERE condition of the embedded store with its positional (`?`) parameters. */
export interface Condition {
	sql: string;
	params: SQLInputValue[];
}

/**
 * A list filter as one JSON parameter read by json_each: no limit on how many ids a caller passes
 * (SQLite caps bound parameters), and one cached statement whatever the list's length.
 */
export function inList(column: string, values: readonly string[]): Condition {
	return { sql: `${column} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] };
}

/** The shared filter terms (storeRows.ts) in SQLite's SQL. */
export function messageConditions(filter: MessageFilter): Condition[] {
	return messageFilterTerms(filter).map((term): Condition => {
		if (term.kind === 'anyOf') return inList(term.column, term.values);
		if (term.kind === 'present') return { sql: `${term.column} ${term.present ? 'IS NOT NULL' : 'IS NULL'}`, params: [] };
		return { sql: `${term.column} ${term.operator} ?`, params: [term.value] };
	});
}

export function whereOf(conditions: readonly Condition[]): Condition {
	if (conditions.length === 0) return { sql: '', params: [] };
	return { sql: ` WHERE ${conditions.map((condition) => `(${condition.sql})`).join(' AND ')}`, params: conditions.flatMap((condition) => condition.params) };
}

/** Newest first by `timeColumn`, then id: rows written after the first page sort before the cursor and never shift later pages. */
export function keysetAfter(after: string | null | undefined, timeColumn: string, idColumn: string): Condition[] {
	if (after === null || after === undefined) return [];
	const { time, id } = decodePageCursor(after);
	// A row value, not `t < ? OR (t = ? AND id < ?)`: SQLite reads it as one range of the (time, id) index.
	return [{ sql: `(${timeColumn}, ${idColumn}) < (?, ?)`, params: [time, id] }];
}
