export * from './primitives';
export * from './settings';
export * from './user';
export * from './org';
export * from './wish';
export * from './event';
export * from './service';
export * from './notification';
