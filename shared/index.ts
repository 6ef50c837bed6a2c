/**
 * The 三单 domain core: pure TypeScript shared by the mini-program and the cloud functions.
 * No I/O here, and nothing from @tarojs/*, wx-server-sdk or mongodb.
 */
export * from './errors';
export * from './enums';
export * from './schemas';
export * from './validation/parseInput';
export * from './lifecycle/actions';
export * from './notify/templates';
export * from './actions';
