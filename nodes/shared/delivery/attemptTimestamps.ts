/**
 * ISO 8601 times for the record's `at` fields. With many items in flight, consecutive attempts
 * mostly start within the same millisecond; formatting a Date costs about as much as the rest of
 * an attempt's bookkeeping, so the text of the last millisecond is kept and reused.
 */
export function createAttemptTimestamps(): (epochMs: number) => string {
	let lastMs = Number.NaN;
	let lastText = '';
	return (epochMs) => {
		if (epochMs !== lastMs) {
			lastText = new Date(epochMs).toISOString();
			lastMs = epochMs;
		}
		return lastText;
	};
}
