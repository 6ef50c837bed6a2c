/**
 * The 三单 domain core: pure TypeScript shared by the mini-program and the cloud functions.
 * No I/O here, and nothing from @tarojs/*, wx-server-sdk or mongodb.
 */
export * from './errors';
export * from './enums';
export * from './schemas';
export * from './validation/parseInput';
export * from './lifecycle';
export * from './notify/templates';
export * from './notify/compose';
export * from './time';
export * from './wishNumber';
export * from './stories';
export * from './privacy';
export * from './actions';
export * from './routes';
export * from './coords';
export * from './geometry';
export * from './mapTiles';
export * from './points';
export * from './timebank';
export * from './org';
export * from './stats';
export * from './activities';
export * from './open311';
