/**
 * Runs `task(0) … task(count - 1)` with at most `limit` running at once and returns the results in
 * index order, whatever order they finish in: items leave the node in the order they came.
 * A task that rejects rejects the whole run (delivery tasks never do: they report failures as values).
 */
export async function mapWithConcurrency<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	async function worker(): Promise<void> {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	}
	const workers: Array<Promise<void>> = [];
	for (let started = 0; started < Math.min(Math.max(1, Math.floor(limit)), count); started++) workers.push(worker());
	await Promise.all(workers);
	return results;
}
