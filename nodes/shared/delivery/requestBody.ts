/**
 * Turns a body value into the exact text sent. A string is sent as it is, byte for byte: it may be
 * signed (Sign Request signs the bytes, DESIGN.md §3), so re-serialising it would break the
 * signature. Objects are serialised for the chosen content type.
 */

export const contentTypes = ['json', 'form', 'xml', 'raw'] as const;

export type ContentType = (typeof contentTypes)[number];

export const contentTypeHeaders: Record<Exclude<ContentType, 'raw'>, string> = {
	json: 'application/json',
	form: 'application/x-www-form-urlencoded',
	xml: 'application/xml',
};

/** A request that cannot be built; the item fails with reason `invalid_request` and this message. */
export class InvalidRequestError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidRequestError';
	}
}

function serialiseJson(value: unknown): string {
	let text: string | undefined;
	try {
		text = JSON.stringify(value);
	} catch (error) {
		// Circular structures and BigInt values cannot be written as JSON.
		throw new InvalidRequestError(`The body cannot be serialised as JSON: ${(error as Error).message}`);
	}
	if (text === undefined) throw new InvalidRequestError(`The body cannot be serialised as JSON: it is ${typeof value}`);
	return text;
}

function formValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') return serialiseJson(value);
	return String(value);
}

/** Top-level fields become form fields; nested objects and arrays are sent as JSON text. */
function serialiseForm(value: unknown): string {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new InvalidRequestError('A form-urlencoded body must be an object of fields, or a ready-made string such as "a=1&b=2"');
	}
	const form = new URLSearchParams();
	for (const [name, field] of Object.entries(value)) form.append(name, formValue(field));
	return form.toString();
}

function kindOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The text to send for `value`, or undefined for no body. Throws InvalidRequestError. */
export function encodeBody(value: unknown, contentType: ContentType): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value === 'string') return value;
	switch (contentType) {
		case 'json':
			return serialiseJson(value);
		case 'form':
			return serialiseForm(value);
		case 'xml':
		case 'raw':
			throw new InvalidRequestError(
				`An ${contentType === 'xml' ? 'XML' : 'raw'} body must be text, but the body is ${kindOf(value)}: build the text with an expression, or choose JSON`,
			);
	}
}
