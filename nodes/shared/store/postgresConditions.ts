import type { MessageFilter } from './records';
import { messageFilterTerms } from './storeRows';

/** Collects the positional parameters of one PostgreSQL statement: `bind(value)` returns its `$n`. */
export class Parameters {
	readonly values: unknown[] = [];
	bind(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

/** The shared filter terms (storeRows.ts) in PostgreSQL's SQL; a list given empty matches nothing (`= ANY('{}')` is false). */
export function messageConditions(filter: MessageFilter, parameters: Parameters): string[] {
	return messageFilterTerms(filter).map((term) => {
		if (term.kind === 'anyOf') return `${term.column} = ANY(${parameters.bind(term.values)}::text[])`;
		if (term.kind === 'present') return `${term.column} ${term.present ? 'IS NOT NULL' : 'IS NULL'}`;
		return `${term.column} ${term.operator} ${parameters.bind(term.value)}`;
	});
}

export function whereClause(conditions: readonly string[]): string {
	return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
