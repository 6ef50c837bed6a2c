import { AppError, verifiedCertificateOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';

/** The public check of a serial: the holder's name masked (shared/privacy `verifiedCertificateOf`), the period, hours and issuing community, nothing more. */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.certificates.verify,
  async run({ input, rt }) {
    const c = await rt.repos.certificates.bySerial(input.serial);
    if (!c) throw new AppError('NOT_FOUND', '证明不存在或编号有误');
    return verifiedCertificateOf({ serial: c._id, holderName: c.holderName, from: c.from, to: c.to, hours: c.hours, services: c.services, communityName: c.communityName, issuedAt: c.issuedAt });
  },
});
