import type { StateStore } from './types';

/**
 * Both stores are the StateStore interface bound to one connection: each of their modules exports
 * functions named after the interface's methods that take the connection first (sqliteKeys.ts,
 * postgresOutbox.ts, …), and `bindStore` makes the store object of them. A store's entry module
 * (sqliteStore.ts, postgresStore.ts) then lists only what is its own.
 */

type OperationName = Exclude<keyof StateStore, 'kind' | 'location'>;

/** Every method of StateStore; `satisfies` keeps the list complete as the interface grows. */
const operationNames = [
	'rememberIfAbsent',
	'rememberManyIfAbsent',
	'isRemembered',
	'forget',
	'readValue',
	'compareAndSet',
	'listValues',
	'addToWindow',
	'readWindow',
	'writeMessages',
	'logMessages',
	'claimDue',
	'acknowledge',
	'release',
	'requeue',
	'getMessage',
	'searchMessages',
	'deleteMessages',
	'purge',
	'stats',
	'openFuse',
	'closeFuse',
	'listFuses',
	'createTask',
	'getTask',
	'updateTask',
	'listTasks',
	'deleteTask',
	'close',
] as const satisfies readonly OperationName[];

/** Fails to compile when StateStore has a method that `operationNames` leaves out. */
type MissingOperations = Exclude<OperationName, (typeof operationNames)[number]>;
const allOperationsListed: MissingOperations extends never ? true : never = true;
void allOperationsListed;

/** A StateStore method taking the connection first; a synchronous store (node:sqlite) may answer without a promise. */
export type StoreOperations<Connection> = {
	[Name in OperationName]: (connection: Connection, ...args: Parameters<StateStore[Name]>) => ReturnType<StateStore[Name]> | Awaited<ReturnType<StateStore[Name]>>;
};

/** The store: every method calls its operation with `connection`, and always answers with a promise (a throw becomes a rejection). */
export function bindStore<Connection>(connection: Connection, identity: Pick<StateStore, 'kind' | 'location'>, operations: StoreOperations<Connection>): StateStore {
	const store: Record<string, unknown> = { kind: identity.kind, location: identity.location };
	for (const name of operationNames) {
		const operation = operations[name] as (connection: Connection, ...args: unknown[]) => unknown;
		store[name] = async (...args: unknown[]) => operation(connection, ...args);
	}
	return store as unknown as StateStore;
}
