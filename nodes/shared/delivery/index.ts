/**
 * The delivery engine: HTTP pool, success evaluation, retry policy, hand-off schedule and the
 * delivery record (DESIGN.md §6). Free of n8n types; nodes call it from execute().
 */
export * from './types';
export * from './statusRanges';
export * from './keywordRule';
export * from './evaluateSuccess';
export * from './retryAfter';
export * from './retryPolicy';
export * from './handOffSchedule';
export * from './secretMasking';
export * from './messageId';
export * from './requestBody';
export * from './jsonSyntax';
export * from './deliveryRecord';
export * from './attemptRecord';
export * from './httpClient';
export * from './boundedConcurrency';
export * from './attemptTimestamps';
export * from './deliverMessage';
export * from './testMessage';
export * from './outboundRequest';
export * from './attemptTally';
export * from './circuitBreaker';
export * from './pushLogRow';
export * from './deliverThroughBreaker';
