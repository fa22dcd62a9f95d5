/**
 * Dotted paths into a JSON payload (`userInfo.id`, `data.to.0.username`), as users type them in
 * duplicate-key and filter settings.
 */

export function splitPath(path: string): string[] {
	return path
		.split('.')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** The value at a dotted path, or undefined when any step is missing. */
export function valueAtPath(value: unknown, path: string): unknown {
	let current = value;
	for (const key of splitPath(path)) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** A scalar at the path as text (strings, numbers, booleans); undefined for objects and missing values. */
export function textAtPath(value: unknown, path: string): string | undefined {
	const found = valueAtPath(value, path);
	if (typeof found === 'string') return found;
	if (typeof found === 'number' || typeof found === 'boolean') return String(found);
	return undefined;
}

/** `a, b ,c` → `['a', 'b', 'c']`: comma- or newline-separated lists typed in a node parameter. */
export function parseList(text: string | undefined): string[] {
	if (!text) return [];
	return text
		.split(/[,\n]/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}
