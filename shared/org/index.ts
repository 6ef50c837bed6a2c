export * from './branchTree';
