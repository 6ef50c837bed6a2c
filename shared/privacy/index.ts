export * from './mask';
export * from './audience';
export * from './policy';
export * from './view';
export * from './org';
export * from './story';
export * from './map';
export * from './open311';
