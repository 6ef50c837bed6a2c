import { createHmac, randomBytes } from 'node:crypto';
import { CHECKIN_CODE_LENGTH, codeWindowOf, judgeCode, type CodeVerdict } from '@shared';
import type { ActivityDoc } from '../store/activities';

/** A fresh key for an activity's codes. */
export const newCodeSecret = () => randomBytes(16).toString('hex');

/**
 * The activity's code of one minute: its key's HMAC of the activity and the minute, as six digits. Derived, not
 * stored: showing the code writes nothing, any server process shows the same code, and nobody can work out the
 * next minute's from this one's.
 */
export function codeAt(a: Pick<ActivityDoc, '_id' | 'codeSecret'>, window: number): string {
  const mac = createHmac('sha256', a.codeSecret).update(`${a._id}:${window}`).digest();
  return String(mac.readUInt32BE(0) % 10 ** CHECKIN_CODE_LENGTH).padStart(CHECKIN_CODE_LENGTH, '0');
}

export const currentCode = (a: Pick<ActivityDoc, '_id' | 'codeSecret'>, now: Date) => codeAt(a, codeWindowOf(now));

export const verdictOf = (a: Pick<ActivityDoc, '_id' | 'codeSecret'>, typed: string, now: Date): CodeVerdict => judgeCode(typed, now, (w) => codeAt(a, w));
