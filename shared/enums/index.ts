export * from './roles';
export * from './wishStates';
export * from './categories';
export * from './channels';
export * from './priorities';
export * from './orgLevels';
export * from './mapStates';
