import * as z from 'zod';
import { RequestId } from '../schemas/primitives';
import { parseInput, validationError } from '../validation/parseInput';
import { CronActions } from './cron';
import { DispatchActions } from './dispatch';
import { NotifyActions } from './notify';
import { OrgActions } from './org';
import { StatsActions } from './stats';
import { TasksActions } from './tasks';
import { WishesActions } from './wishes';

/** ActionSchemas[fn][action] is the input schema of `data` for that call (DESIGN.md §5). */
export const ActionSchemas = {
  wishes: WishesActions,
  tasks: TasksActions,
  dispatch: DispatchActions,
  org: OrgActions,
  stats: StatsActions,
  notify: NotifyActions,
  cron: CronActions,
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

export const FunctionNames = Object.keys(ActionSchemas) as FunctionName[];

export function isFunctionName(value: unknown): value is FunctionName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ActionSchemas, value);
}

export function actionNamesOf<F extends FunctionName>(fn: F): ActionName<F>[] {
  return Object.keys(ActionSchemas[fn]) as ActionName<F>[];
}

/** The event a function receives: `{ action, data, requestId? }`, typed per action. */
export type ActionEvent<F extends FunctionName> = {
  [A in ActionName<F>]: { action: A; data: ActionData<F, A>; requestId?: string };
}[ActionName<F>];

const Envelope = z.strictObject({
  action: z.string().min(1).max(40),
  data: z.unknown().optional(),
  requestId: RequestId.optional(),
});

/**
 * Route-and-validate in one step for a function's main(): checks the action name,
 * then parses `data` with that action's schema (field paths are relative to `data`).
 * Extra keys WeChat adds to a cloud event (userInfo, tcbContext) are ignored here.
 */
export function parseAction<F extends FunctionName>(fn: F, event: unknown): ActionEvent<F> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw validationError([{ path: '', message: '请求格式不正确' }]);
  }
  const raw = event as Record<string, unknown>;
  const envelope = parseInput(Envelope, {
    action: raw.action,
    data: raw.data,
    ...(raw.requestId !== undefined ? { requestId: raw.requestId } : {}),
  });
  const schemas = ActionSchemas[fn] as Record<string, z.ZodType>;
  if (!Object.prototype.hasOwnProperty.call(schemas, envelope.action)) {
    throw validationError([{ path: 'action', message: `未知操作：${fn}.${envelope.action}` }]);
  }
  const data = parseInput(schemas[envelope.action], envelope.data ?? {});
  const parsed: Record<string, unknown> = { action: envelope.action, data };
  if (envelope.requestId !== undefined) parsed.requestId = envelope.requestId;
  return parsed as ActionEvent<F>;
}

/**
 * The same contract as one zod schema, for routers that prefer
 * `discriminatedUnion('action', …)`: `{ action, data, requestId? }`, strict.
 */
export function actionEventSchema<F extends FunctionName>(fn: F) {
  const options = Object.entries(ActionSchemas[fn] as Record<string, z.ZodType>).map(([action, data]) =>
    z.strictObject({ action: z.literal(action), data, requestId: RequestId.optional() }),
  );
  return z.discriminatedUnion('action', options as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

export * from './wishes';
export * from './tasks';
export * from './dispatch';
export * from './org';
export * from './stats';
export * from './notify';
export * from './cron';
export * from './outputs';
export * from './writes';
