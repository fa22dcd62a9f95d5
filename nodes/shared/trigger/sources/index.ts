export * from './hesi';
export * from './jiandaoyun';
export * from './ofsTodo';
