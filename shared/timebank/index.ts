export * from './ledger';
export * from './rules';
