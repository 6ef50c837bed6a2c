import * as z from 'zod';
import { IsoDateTime, startsBefore } from '../schemas/primitives';

/** A certificate serial: ZY-YYYYMMDD- plus 8 letters/digits; anything else is refused before a lookup. */
export const CertificateSerial = z.string().regex(/^ZY-\d{8}-[A-Z0-9]{8}$/, '证明编号格式不正确');

export const IssueCertificateInput = z
  .strictObject({ from: IsoDateTime, to: IsoDateTime })
  .refine((r) => startsBefore(r.from, r.to), { message: '开始时间应早于结束时间', path: ['to'] });
export const SerialInput = z.strictObject({ serial: CertificateSerial });

export const CertificatesActions = {
  issue: IssueCertificateInput,
  download: SerialInput,
  verify: SerialInput,
  mine: z.strictObject({}),
} as const;
