import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * One choice of an n8n dropdown, as a row: the label, the value saved in the workflow and, where the
 * label does not say it all, what it means (shown under the label).
 */
export type Choice = [name: string, value: INodePropertyOptions['value'], description?: string];

function options(rows: Choice[]): INodePropertyOptions[] {
	return rows.map(([name, value, description]) => (description === undefined ? { name, value } : { name, value, description }));
}

/**
 * An Options parameter (pick one), spread into the parameter's declaration: `...oneOf(['Any 2xx',
 * 'any2xx', 'Any status from 200 to 299'], …)` stands for `type: 'options', options: [{ name: 'Any 2xx',
 * value: 'any2xx', description: … }, …]`. Every dropdown whose choices are written out (not built from
 * a catalog, nor operations with actions) is declared so, one row a choice in the order n8n lists them,
 * right after the parameter's name (where n8n's own declarations put the type), then noDataExpression,
 * default and the rest.
 */
export function oneOf(...rows: Choice[]): { type: 'options'; options: INodePropertyOptions[] } {
	return { type: 'options', options: options(rows) };
}

/** A Multiple Options parameter (pick any), declared as oneOf is. */
export function anyOf(...rows: Choice[]): { type: 'multiOptions'; options: INodePropertyOptions[] } {
	return { type: 'multiOptions', options: options(rows) };
}
