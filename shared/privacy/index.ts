export * from './mask';
export * from './view';
