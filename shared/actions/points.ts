import * as z from 'zod';
import { Id, Note, text } from '../schemas/primitives';
import { REDEMPTION_CODE_ALPHABET, REDEMPTION_CODE_LENGTH, normalizeCode } from '../points/store';

const Empty = z.strictObject({});

/** A redemption code as typed or scanned (dashes, spaces and case forgiven); anything else is refused before a lookup. */
export const RedemptionCode = z
  .string()
  // Letters, digits, spaces and dashes only, before anything else reads it: no control or direction characters.
  .regex(/^[A-Za-z0-9 -]{1,32}$/, '兑换码格式不正确')
  .transform(normalizeCode)
  .pipe(z.string().regex(new RegExp(`^[${REDEMPTION_CODE_ALPHABET}]{${REDEMPTION_CODE_LENGTH}}$`), '兑换码格式不正确'));

export const StoreItemInput = z.strictObject({
  /** Absent: a new item. */
  itemId: Id.optional(),
  name: text(20),
  description: Note.optional(),
  /** Points one redemption costs. */
  cost: z.number({ error: '请填写所需积分' }).int('积分应为整数').min(1, '至少 1 积分').max(100_000, '最多 100000 积分'),
  /** How many are on the shelf: a redemption takes one, a cancelled one puts it back. */
  stock: z.number({ error: '请填写库存' }).int('库存应为整数').min(0, '库存不能为负').max(100_000, '库存最多 100000'),
  active: z.boolean().default(true),
});

export const PointsActions = {
  /** My balance, my ledger history and my redemptions. */
  mine: Empty,
  /** The community's shelf: what is on it (staff also see items taken off). */
  catalogue: Empty,
  redeem: z.strictObject({ itemId: Id }),
  /** Cancel a redemption not yet handed over: its points come back as a new entry, its item back on the shelf. */
  cancel: z.strictObject({ redemptionId: Id }),
  saveItem: StoreItemInput,
  /** Staff: what a code is for, before handing it over. */
  lookup: z.strictObject({ code: RedemptionCode }),
  /** Staff: the item is handed over against the code (a code is good once). */
  fulfil: z.strictObject({ code: RedemptionCode }),
  /** Staff: each account's kept balance beside the sum of its ledger. */
  audit: Empty,
} as const;
