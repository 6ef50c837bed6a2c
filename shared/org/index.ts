export * from './branchTree';
export * from './membership';
