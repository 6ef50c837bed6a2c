import * as z from 'zod';
import { Id, PageInput } from '../schemas/primitives';
import { TemplateKey } from '../schemas/notification';

/** The result of wx.requestSubscribeMessage: each accepted template buys one send. */
export const SubscribeInput = z.strictObject({
  results: z
    .array(z.strictObject({ template: TemplateKey, accepted: z.boolean() }))
    .min(1)
    .max(3, '一次最多订阅 3 个模板'),
});
export const InboxInput = z.strictObject({ unreadOnly: z.boolean().default(false), ...PageInput });
export const ReadInput = z
  .strictObject({ ids: z.array(Id).min(1).max(100).optional(), all: z.literal(true).optional() })
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), { message: '请给出 ids 或 all 之一', path: ['ids'] });

export const NotifyActions = {
  subscribe: SubscribeInput,
  inbox: InboxInput,
  read: ReadInput,
} as const;
