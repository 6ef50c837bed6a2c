import * as z from 'zod';
import { Id, Phone } from '../schemas/primitives';
import { PaidHours } from '../schemas/wish';
import { FamilyRelations } from '../timebank/rules';

const Empty = z.strictObject({});

export const FamilyRelationInput = z.enum(FamilyRelations, { error: '请选择与对方的关系' });

export const TimebankActions = {
  /** My 时间银行: the balance in my town, hours held for my wishes, the ledger it is the sum of, my family links. */
  mine: Empty,
  /** Ask someone to be linked as family, by the phone number they registered with; they accept or decline. */
  askFamily: z.strictObject({ phone: Phone, relation: FamilyRelationInput }),
  /** The one asked answers a family request. */
  answerFamily: z.strictObject({ linkId: Id, accept: z.boolean() }),
  /** Either of the two ends a family link (or the one who asked withdraws the request). */
  removeFamily: z.strictObject({ linkId: Id }),
  /** Give hours to a linked family member in the same town. */
  transfer: z.strictObject({ toUserId: Id, hours: PaidHours }),
  /** Staff: each kept balance of the town beside the sum of its ledger, and the holds of wishes already settled. */
  audit: Empty,
} as const;
