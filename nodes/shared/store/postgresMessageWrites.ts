import type { PostgresConnection } from './postgresConnection';
import type { MessageWrite } from './types';

/** The PostgreSQL store's push log writes (writeMessages): multi-row upserts of JSON documents. */

/** Rows per INSERT of writeMessages: big batches stay well inside one statement's limits. */
const writeChunkSize = 500;

/**
 * writeMessages: the optional fields a write may leave out, by their MessageWrite name and column.
 * A field left out keeps the row's value; a field given as null clears it.
 */
const optionalMessageFields = [
	['reason', 'reason', 'text'],
	['target', 'target', 'text'],
	['event', 'event', 'text'],
	['flowId', 'flow_id', 'text'],
	['receiver', 'receiver', 'text'],
	['source', 'source', 'text'],
	['nextDueAt', 'next_due_at', 'bigint'],
	['lastAttemptAt', 'last_attempt_at', 'bigint'],
	['payload', 'payload', 'jsonb'],
	['delivery', 'delivery', 'jsonb'],
] as const;

/** Splits writes into rounds without a repeated message id (one INSERT cannot update a row twice), keeping their order per id. */
function roundsOfDistinctIds(writes: readonly MessageWrite[]): MessageWrite[][] {
	const rounds: MessageWrite[][] = [];
	const seen = new Map<string, number>();
	for (const write of writes) {
		const round = seen.get(write.messageId) ?? 0;
		seen.set(write.messageId, round + 1);
		(rounds[round] ??= []).push(write);
	}
	return rounds;
}

export async function writeMessages(db: PostgresConnection, writes: readonly MessageWrite[], now: number): Promise<{ inserted: number; updated: number }> {
	if (writes.length === 0) return { inserted: 0, updated: 0 };
	const sql = writeMessagesSql(db.tables.messages);
	return db.transaction(async (client) => {
		let inserted = 0;
		let updated = 0;
		for (const round of roundsOfDistinctIds(writes)) {
			for (let start = 0; start < round.length; start += writeChunkSize) {
				const chunk = round.slice(start, start + writeChunkSize);
				const givenFields = Object.fromEntries(
					chunk.map((write) => [write.messageId, Object.keys(write).filter((field) => write[field as keyof MessageWrite] !== undefined)]),
				);
				const { rows } = await client.query<{ inserted: boolean }>(sql, [
					JSON.stringify(chunk),
					now,
					JSON.stringify(givenFields),
				]);
				for (const row of rows) {
					if (row.inserted) inserted++;
					else updated++;
				}
			}
		}
		return { inserted, updated };
	});
}

/**
 * One multi-row upsert. $1 is the writes as a JSON array, $2 is `now`, $3 maps each message id
 * to the names of the fields its write gives: JSON drops fields that are undefined, so a field
 * left out (keep the row's value) is told from one given as null (clear it). A write never
 * touches the lease: the claimer holding it still acknowledges. `xmax = 0` holds for the rows
 * the statement inserted, not for those it updated (PostgreSQL's usual upsert idiom).
 */
function writeMessagesSql(table: string): string {
	const fieldValue = (field: string, type: string) =>
		type === 'jsonb' ? `NULLIF(w.doc -> '${field}', 'null'::jsonb)` : `(w.doc ->> '${field}')::${type}`;
	const columns = optionalMessageFields.map(([, column]) => column).join(', ');
	const values = optionalMessageFields.map(([field, , type]) => fieldValue(field, type)).join(', ');
	const keptUnlessGiven = optionalMessageFields
		.map(([field, column]) => `${column} = CASE WHEN $3::jsonb -> excluded.message_id ? '${field}' THEN excluded.${column} ELSE m.${column} END`)
		.join(',\n\t\t\t\t');
	return `INSERT INTO ${table} AS m (message_id, status, attempts, repushes, created_at, updated_at, ${columns})
		SELECT w.doc ->> 'messageId', w.doc ->> 'status', COALESCE((w.doc ->> 'attempts')::integer, 0), 0, $2, $2, ${values}
		FROM jsonb_array_elements($1::jsonb) AS w (doc)
		ON CONFLICT (message_id) DO UPDATE SET
			status = excluded.status,
			attempts = m.attempts + excluded.attempts,
			updated_at = excluded.updated_at,
			${keptUnlessGiven}
		RETURNING (xmax = 0) AS inserted`;
}
