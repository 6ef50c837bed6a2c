export * from './rules';
export * from '../vocab/activities';
