import { FieldLayoutError } from './fieldLayoutError';

/**
 * Output names → where values go in the body. With dot notation `payee.account.cardNo` is the path
 * `['payee', 'account', 'cardNo']` (nested objects, like n8n's Set node); without it the name is one
 * key. Checked once per layout: empty names, empty segments, duplicates, and a name that is both a
 * value and a parent (`amount` and `amount.currency`) are layout errors.
 */
export type OutputPath = readonly string[];

/** Keys that would reach Object.prototype when assigned; never valid output names. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export function planOutputPaths(names: readonly string[], dotNotation: boolean): OutputPath[] {
	const seen = new Map<string, number>();
	const paths = names.map((name, index): OutputPath => {
		const trimmed = typeof name === 'string' ? name.trim() : '';
		if (trimmed === '') {
			throw new FieldLayoutError(`Field ${index + 1} has no output name`, index, 'Give every field a name, e.g. amount or payee.cardNo');
		}
		const path = dotNotation ? trimmed.split('.') : [trimmed];
		if (path.some((segment) => segment === '')) {
			throw new FieldLayoutError(
				`Field ${index + 1} ('${trimmed}') has an empty part between dots`,
				index,
				'Write nested names like payee.cardNo, without leading, trailing or double dots',
			);
		}
		const forbidden = path.find((segment) => forbiddenKeys.has(segment));
		if (forbidden !== undefined) {
			throw new FieldLayoutError(`Field ${index + 1} ('${trimmed}') uses the reserved name '${forbidden}'`, index, 'Choose another output name');
		}
		const key = path.join('\u0000');
		const earlier = seen.get(key);
		if (earlier !== undefined) {
			throw new FieldLayoutError(
				`Fields ${earlier + 1} and ${index + 1} both write '${trimmed}'`,
				index,
				'Give each field its own output name',
			);
		}
		seen.set(key, index);
		return path;
	});
	for (let index = 0; index < paths.length; index++) {
		for (let depth = 1; depth < paths[index].length; depth++) {
			const parent = seen.get(paths[index].slice(0, depth).join('\u0000'));
			if (parent !== undefined) {
				throw new FieldLayoutError(
					`Field ${index + 1} ('${names[index].trim()}') writes inside field ${parent + 1} ('${names[parent].trim()}'), which holds a value`,
					index,
					'Rename one of them: a name cannot hold a value and nested fields at once',
				);
			}
		}
	}
	return paths;
}

/** Put `value` at `path` in `target`, creating the objects on the way. */
export function assignPath(target: Record<string, unknown>, path: OutputPath, value: unknown): void {
	if (path.length === 1) {
		target[path[0]] = value;
		return;
	}
	let current = target;
	const last = path.length - 1;
	for (let depth = 0; depth < last; depth++) {
		const key = path[depth];
		let next = current[key];
		if (typeof next !== 'object' || next === null) {
			next = {};
			current[key] = next;
		}
		current = next as Record<string, unknown>;
	}
	current[path[last]] = value;
}
