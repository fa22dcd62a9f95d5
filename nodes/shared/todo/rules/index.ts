/**
 * The to-do rules (seed 002): interception, records of what was pushed (state store), the batch
 * plan (duplicate filter, stale check, compensation), person mapping and push-address templates.
 * Plain TypeScript, no n8n types: the Unified Todo Push node reads its parameters into these.
 */
export * from './interception';
export * from './todoRecords';
export * from './batchPlan';
export * from './personMapping';
export * from './addressTemplates';
