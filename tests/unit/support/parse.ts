import { ActionSchemas, parseInput, type FunctionName } from '@shared';
import type * as z from 'zod';

/** What the router does with a call: parse its `data` with that action's schema (field paths relative to `data`). */
export function parseAction(fn: FunctionName, call: { action: string; data?: unknown }): { action: string; data: any } {
  return { action: call.action, data: parseInput((ActionSchemas[fn] as Record<string, z.ZodType>)[call.action], call.data ?? {}) };
}
