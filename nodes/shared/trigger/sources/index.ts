export * from './hesi';
export * from './jiandaoyun';
export * from './ofsTodo';
export * from './e10Todo';
