import { Instant, type Wish } from '@shared';
import type * as z from 'zod';
import type { AsStored, WishDoc } from './types';

/** The domain's view of a stored wish: its id as `id`, without what only storage keeps. */
export function domainOf(doc: WishDoc): Wish {
  const { _id, events: _events, rev: _rev, slotsFree: _slotsFree, ...wish } = doc;
  return { ...wish, id: _id };
}

/**
 * A value of a shared schema as the database keeps it: every field the schema declares an
 * `Instant` becomes a Date (the domain accepts ISO text too, which is how instants travel).
 * Walked along the schema, so a new instant field needs no change here.
 */
export function storedBy<S extends z.ZodType>(schema: S, value: z.output<S>): AsStored<z.output<S>> {
  return convert(schema, value) as AsStored<z.output<S>>;
}

function convert(schema: z.ZodType, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (schema === Instant) return value instanceof Date ? value : new Date(value as string);
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> } } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return convert(def.innerType!, value);
    case 'array':
      return (value as unknown[]).map((v) => convert(def.element!, v));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = def.shape![k] ? convert(def.shape![k], v) : v;
      return out;
    }
    default:
      return value;
  }
}
