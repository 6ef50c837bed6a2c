import type { z } from 'zod';
import type { Role } from '@shared';
import type { Caller } from '../access/caller';
import type { Identity, Runtime } from '../runtime/types';

export interface ActionContext<I, C extends Caller | null = Caller> {
  input: I;
  caller: C;
  rt: Runtime;
  identity?: Identity;
}

interface Common<S extends z.ZodType> {
  input: S;
}

/** An action for signed-in people; `roles` (any of) is checked before it runs. */
export interface UserAction<S extends z.ZodType, O> extends Common<S> {
  auth?: 'user';
  roles?: readonly Role[];
  /**
   * What a retry with the same requestId is answered with, when the first answer must not be kept whole: a secret
   * shown once is kept nowhere in plain, not even in the record of the reply (routing/idempotency).
   */
  replayed?(output: O): O;
  run(ctx: ActionContext<z.output<S>>): Promise<O>;
  /**
   * A write run once per requestId runs in a transaction; this read runs before it (and before each retry of it),
   * outside any transaction, and throws the refusal `run` would give when the outcome is already plain from what is
   * committed (no places left): then no transaction starts. `run`'s own check, in the transaction, stays the truth.
   */
  refuseEarly?(ctx: ActionContext<z.output<S>>): Promise<void>;
  /**
   * The document every run of this action with this input writes (a wish's places): runs on one take turns in a
   * process rather than failing each other's transactions (routing/idempotency `RunOptions.turn`).
   */
  turnsOn?(input: z.output<S>): string;
}

/** An action anyone may call (the public wall). */
export interface PublicAction<S extends z.ZodType, O> extends Common<S> {
  auth: 'public';
  run(ctx: ActionContext<z.output<S>, Caller | null>): Promise<O>;
}

/** Timer-trigger work: the platform (or local mode) only. */
export interface SystemAction<S extends z.ZodType, O> extends Common<S> {
  auth: 'system';
  run(ctx: ActionContext<z.output<S>, null>): Promise<O>;
}

export type ActionDef<S extends z.ZodType = z.ZodType, O = unknown> = UserAction<S, O> | PublicAction<S, O> | SystemAction<S, O>;

export function defineAction<S extends z.ZodType, O>(def: UserAction<S, O>): UserAction<S, O>;
export function defineAction<S extends z.ZodType, O>(def: PublicAction<S, O>): PublicAction<S, O>;
export function defineAction<S extends z.ZodType, O>(def: SystemAction<S, O>): SystemAction<S, O>;
export function defineAction(def: ActionDef): ActionDef {
  return def;
}
