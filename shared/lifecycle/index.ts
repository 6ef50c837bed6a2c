export * from './actions';
export * from './relations';
export * from './rules';
export * from './transitions';
export * from './decide';
export * from './create';
export * from './effects';
export * from './urgency';
