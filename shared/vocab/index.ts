/**
 * The domain's words without their schemas: the lists, labels and guards of roles, wish states,
 * categories, channels, priorities, org levels and timeline steps, and the input limits. No zod here:
 * a browser page that only shows these never fetches the validation library (client/config/index.ts).
 * The schemas of the same names are in enums/ and schemas/, which re-export all of this.
 */
export * from './roles';
export * from './wishStates';
export * from './categories';
export * from './channels';
export * from './priorities';
export * from './orgLevels';
export * from './wishActions';
export * from './limits';
export * from './photoRefs';
export * from './mapStates';
export * from './activities';
export * from './autoTitle';
