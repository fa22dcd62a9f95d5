/**
 * Typed field formatters (seed 000 "支持字段") and outbound envelopes (seed 001, DESIGN §4,
 * Standard Webhooks), with zod schemas of their shapes. Plain TypeScript: no n8n imports.
 */
export * from './businessObject';
export * from './contact';
export * from './currencies';
export * from './dateValue';
export * from './decimal';
export * from './dimension';
export * from './envelopes';
export * from './fieldLayoutError';
export * from './fieldProblem';
export * from './fieldTypes';
export * from './formatFields';
export * from './money';
export * from './notification';
export * from './numberValue';
export * from './outboundRequest';
export * from './outputPath';
export * from './payee';
export * from './recordShape';
export * from './staff';
export * from './switchValue';
export * from './text';
export * from './zodProblems';
export * from './zonedTime';
