import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { encode } from 'uqr';
import { formatChinaDateTime } from '@shared';
import type { CertificateDoc } from '../store/certificates';

/** Debian's fonts-noto-cjk; the .ttc holds several faces, picked by PostScript name. */
export const CJK_FONT_PATH = process.env.XINYUAN_CJK_FONT ?? '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const CJK_FONT_FACE = 'NotoSansCJKsc-Regular';

const day = (d: Date) => formatChinaDateTime(d).slice(0, 10);

/** The public page a QR code on the certificate opens (the h5 build's hash route). */
export function verifyUrl(serial: string): string {
  const base = (process.env.XINYUAN_PUBLIC_URL ?? 'https://xinyuan.example.cn').replace(/\/$/, '');
  return `${base}/#/pages/verify/index?serial=${encodeURIComponent(serial)}`;
}

/** Draws the QR modules as filled squares (uqr's matrix), so no image codec is needed. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { data } = encode(text, { border: 1 });
  const cell = size / data.length;
  data.forEach((row, r) => row.forEach((dark, c) => dark && doc.rect(x + c * cell, y + r * cell, cell, cell)));
  doc.fill('#000');
}

/** The certificate as a one-page A4 PDF with the CJK font embedded (subset). */
export function certificatePdf(cert: CertificateDoc): Promise<Buffer> {
  if (!existsSync(CJK_FONT_PATH)) throw new Error(`CJK font missing: ${CJK_FONT_PATH} (install fonts-noto-cjk)`);
  const doc = new PDFDocument({ size: 'A4', margin: 60, info: { Title: '志愿服务证明', Subject: cert._id } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font(CJK_FONT_PATH, CJK_FONT_FACE);
  doc.fontSize(28).text('志愿服务证明', { align: 'center' }).moveDown(1.5);
  doc.fontSize(14).text(
    `兹证明 ${cert.holderName} 同志于 ${day(cert.from)} 至 ${day(new Date(cert.to.getTime() - 1))} 期间，在${cert.communityName}参加志愿服务 ${cert.services} 次，累计服务时长 ${cert.hours} 小时。`,
    { lineGap: 8 },
  ).moveDown(1);
  doc.text('特此证明。').moveDown(3);
  doc.text(cert.communityName, { align: 'right' });
  doc.text(day(cert.issuedAt), { align: 'right' }).moveDown(2);
  doc.fontSize(11).text(`证明编号：${cert._id}`);
  doc.text('扫描二维码或访问核验页面，输入编号即可核验本证明。');
  drawQr(doc, verifyUrl(cert._id), 60, doc.y + 12, 110);
  doc.end();
  return done;
}
