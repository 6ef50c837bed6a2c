import { randomBytes } from 'node:crypto';
import { AppError, formatChinaDateTime } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import type { CertificateDoc } from '../../_core/store/certificates';
import { withPdf } from './common';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newSerial(now: Date): string {
  const tail = Array.from(randomBytes(8), (b) => ALPHABET[b % ALPHABET.length]).join('');
  return `ZY-${formatChinaDateTime(now).slice(0, 10).replace(/-/g, '')}-${tail}`;
}

/** A helper's 志愿服务证明 for a period: hours and services counted from their service records in their community. */
export default defineAction({
  roles: ['volunteer', 'party_member'],
  input: ActionSchemas.certificates.issue,
  async run({ input, caller, rt }) {
    const communityId = caller.communityId;
    if (!communityId) throw new AppError('FORBIDDEN', '请先加入社区');
    const { services, hours } = await rt.repos.services.ofHelper(caller.id, communityId, input);
    if (services === 0) throw new AppError('VALIDATION_FAILED', '该时间段内没有服务记录', { fields: [{ path: 'from', message: '没有服务记录' }] });
    const communityName = (await rt.repos.communities.names([communityId])).get(communityId) ?? '';
    const cert: CertificateDoc = {
      _id: newSerial(rt.now()), holderId: caller.id, holderName: caller.user.name ?? '', communityId, communityName,
      from: new Date(input.from), to: new Date(input.to), hours: Math.round(hours * 10) / 10, services, issuedAt: rt.now(),
    };
    await rt.repos.certificates.insert(cert);
    return withPdf(cert);
  },
});
