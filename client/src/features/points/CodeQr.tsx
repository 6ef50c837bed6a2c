import { Qr } from '../../components/Qr';

/** A redemption code as a QR code the desk can scan (the same code as the text under it). */
export function CodeQr({ code, size = 180 }: { code: string; size?: number }) {
  return <Qr text={code} label={`兑换码二维码 ${code}`} size={size} />;
}
