import type { ZodError } from 'zod';

import type { FieldProblem } from './fieldProblem';

/**
 * Zod issues → field problems. Our schemas put the `expected` text in every issue's message, so a
 * problem reads "expected <message>, received <the input at the issue's path>".
 */
export function zodProblems(error: ZodError, input: unknown): FieldProblem[] {
	return error.issues.map((issue) => ({
		path: issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : key)).reduce<string>(
			(path, key) => (path === '' ? key : key.startsWith('[') ? `${path}${key}` : `${path}.${key}`),
			'',
		),
		expected: issue.message,
		received: valueAt(input, issue.path),
	}));
}

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
	let current: unknown = input;
	for (const key of path) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string | number, unknown>)[key];
	}
	return current;
}
