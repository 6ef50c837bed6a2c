import * as z from 'zod';
import { CertificatesActions } from './certificates';
import { CronActions } from './cron';
import { DispatchActions } from './dispatch';
import { NotifyActions } from './notify';
import { Open311Actions } from './open311';
import { OrgActions } from './org';
import { PointsActions } from './points';
import { ActivitiesActions } from './activities';
import { StatsActions } from './stats';
import { StoriesActions } from './stories';
import { TasksActions } from './tasks';
import { TimebankActions } from './timebank';
import { WishesActions } from './wishes';

/** ActionSchemas[fn][action] is the input schema of `data` for that call, as the router parses it. */
export const ActionSchemas = {
  wishes: WishesActions,
  tasks: TasksActions,
  dispatch: DispatchActions,
  org: OrgActions,
  stats: StatsActions,
  notify: NotifyActions,
  cron: CronActions,
  certificates: CertificatesActions,
  stories: StoriesActions,
  points: PointsActions,
  timebank: TimebankActions,
  activities: ActivitiesActions,
  open311: Open311Actions,
} as const;

export type FunctionName = keyof typeof ActionSchemas;
export type ActionName<F extends FunctionName> = keyof (typeof ActionSchemas)[F] & string;
type SchemaOf<F extends FunctionName, A extends ActionName<F>> = (typeof ActionSchemas)[F][A] extends z.ZodType
  ? (typeof ActionSchemas)[F][A]
  : never;
/** What the client sends as `data` (defaults may be left out). */
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<SchemaOf<F, A>>;
/** What a handler receives after parsing (defaults filled in). */
export type ActionData<F extends FunctionName, A extends ActionName<F>> = z.output<SchemaOf<F, A>>;

export * from './wishes';
export * from './tasks';
export * from './dispatch';
export * from './org';
export * from './stats';
export * from './notify';
export * from './cron';
export * from './certificates';
export * from './stories';
export * from './points';
export * from './timebank';
export * from './activities';
export * from './open311';
export * from './outputs';
export * from './writes';
