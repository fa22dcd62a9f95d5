/**
 * A field layout the user must fix (an unknown type, an empty or clashing output name): a
 * configuration problem of the whole node, not of one item's data.
 */
export class FieldLayoutError extends Error {
	constructor(
		message: string,
		/** 0-based position of the field in the layout. */
		readonly fieldIndex: number,
		/** How to fix it. */
		readonly hint: string,
	) {
		super(message);
		this.name = 'FieldLayoutError';
	}
}
