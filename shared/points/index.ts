export * from './rule';
export * from './ledger';
export * from './store';
