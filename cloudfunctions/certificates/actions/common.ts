import type { CertificateView } from '@shared/actions';
import { certificatePdf } from '../../_core/certificates/pdf';
import type { CertificateDoc } from '../../_core/store/certificates';

export function viewOf(c: CertificateDoc): CertificateView {
  return { serial: c._id, holderName: c.holderName, communityName: c.communityName, from: c.from, to: c.to, hours: c.hours, services: c.services, issuedAt: c.issuedAt };
}

/** The record with its PDF inline, the way stats.export hands over a file. */
export async function withPdf(c: CertificateDoc) {
  const bytes = await certificatePdf(c);
  return { certificate: viewOf(c), fileName: `志愿服务证明-${c._id}.pdf`, mimeType: 'application/pdf', base64: bytes.toString('base64') };
}
