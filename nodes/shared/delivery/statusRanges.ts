/**
 * Which HTTP status codes count as accepted. The seed (000, 成功状态码) offers HTTP 200, 201 and 204 as
 * a multi-select; we also accept "any 2xx" and a custom list such as `200-299, 302` or `2xx, 302`.
 * Every form becomes the same list of inclusive ranges.
 */

export interface StatusRange {
	from: number;
	to: number;
}

/** The seed's choices. */
export const seedSuccessStatuses = [200, 201, 204] as const;

export const anyTwoHundred: readonly StatusRange[] = [{ from: 200, to: 299 }];

export function statusRangesFromCodes(codes: readonly number[]): StatusRange[] {
	return codes.map((code) => ({ from: code, to: code }));
}

function isStatusCode(value: number): boolean {
	return Number.isInteger(value) && value >= 100 && value <= 599;
}

/**
 * Parses `200, 201`, `200-299, 302` or `2xx` (separated by commas or spaces). Throws an Error naming
 * the first part that is not a status code or range, so the node can say which part to fix.
 */
export function parseStatusRanges(text: string): StatusRange[] {
	const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
	if (parts.length === 0) throw new Error('No status codes given: list codes or ranges such as "200-299, 302"');
	return parts.map((part) => {
		const family = /^([1-5])xx$/i.exec(part);
		if (family) {
			const hundred = Number(family[1]) * 100;
			return { from: hundred, to: hundred + 99 };
		}
		const range = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
		const from = range ? Number(range[1]) : NaN;
		const to = range?.[2] !== undefined ? Number(range[2]) : from;
		if (!isStatusCode(from) || !isStatusCode(to) || to < from) {
			throw new Error(
				`"${part}" is not a status code or range: use codes from 100 to 599, ranges like "200-299" or families like "2xx"`,
			);
		}
		return { from, to };
	});
}

export function statusInRanges(status: number, ranges: readonly StatusRange[]): boolean {
	for (const range of ranges) {
		if (status >= range.from && status <= range.to) return true;
	}
	return false;
}

/** `200, 201, 204` or `200-299`: how a rule is shown in failure messages. */
export function describeStatusRanges(ranges: readonly StatusRange[]): string {
	return ranges.map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`)).join(', ');
}
