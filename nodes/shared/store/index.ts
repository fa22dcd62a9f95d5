/**
 * The state store (DESIGN.md §5): one interface (types.ts), an embedded implementation on
 * node:sqlite and one on PostgreSQL, opened by config and cached per process. n8n nodes reach it
 * through n8nStateStore.ts.
 */
export * from './types';
export * from './openStateStore';
export * from './storeCache';
