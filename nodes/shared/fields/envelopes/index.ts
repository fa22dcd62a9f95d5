export * from './envelopeResult';
export * from './hesiBody';
export * from './jiandaoyunMessage';
export * from './ofsTodo';
export * from './standardWebhooksEvent';
