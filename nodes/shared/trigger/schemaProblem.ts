import type { ZodError, ZodIssue } from 'zod';

/** A union's issue in one phrase: "Required" when the value is missing, else what was expected. */
function unionMessage(issue: Extract<ZodIssue, { code: 'invalid_union' }>): string {
	const firstIssues = issue.unionErrors.map((error) => error.issues[0]).filter((first) => first !== undefined);
	const typeIssues = firstIssues.filter((first) => first.code === 'invalid_type');
	if (typeIssues.length === firstIssues.length && typeIssues.length > 0) {
		const received = typeIssues[0].code === 'invalid_type' ? typeIssues[0].received : undefined;
		if (received === 'undefined') return 'Required';
		const expected = typeIssues.map((typeIssue) => (typeIssue.code === 'invalid_type' ? typeIssue.expected : ''));
		return `Expected ${[...new Set(expected)].join(' or ')}, received ${String(received)}`;
	}
	return firstIssues.map((first) => first.message).join(' or ') || issue.message;
}

/**
 * One line naming where a body failed its schema and why, e.g.
 * `data.to.0.username: Required; op: Expected string, received number`. At most three problems are
 * named so a 400 answer stays short.
 */
export function describeSchemaProblem(error: ZodError): string {
	const issues = error.issues.slice(0, 3).map((issue) => {
		const where = issue.path.length === 0 ? '(body)' : issue.path.join('.');
		const message = issue.code === 'invalid_union' ? unionMessage(issue) : issue.message;
		return `${where}: ${message}`;
	});
	const more = error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : '';
	return `${issues.join('; ')}${more}`;
}
