import type { Priority } from '../enums';

/**
 * Words in a wish that mean someone may be in danger now. They only suggest: staff confirm
 * the priority when they approve (issue 13: "the category/keywords suggest it and staff
 * confirm"), so a false alarm costs one tap and a missed one is still caught by review.
 */
const SIGNS: readonly { reason: string; words: readonly string[] }[] = [
  { reason: '可能有燃气泄漏', words: ['燃气', '煤气', '天然气', '液化气', '漏气'] },
  { reason: '有人受伤', words: ['受伤', '砸伤', '砸中', '摔倒', '跌倒', '摔伤', '流血', '出血', '骨折'] },
  { reason: '可能是突发疾病', words: ['晕倒', '昏迷', '胸痛', '胸闷', '呼吸困难', '中风', '抽搐'] },
  { reason: '可能有火情', words: ['着火', '起火', '冒烟', '火灾'] },
  { reason: '可能有触电危险', words: ['触电', '漏电', '电线裸露'] },
  { reason: '有人被困或走失', words: ['被困', '困在', '走失', '找不到人'] },
];

export interface UrgencySign {
  /** The word found, as the person wrote it. */
  word: string;
  reason: string;
}

/** The first danger word in the text, or null. */
export function urgencySign(text: string): UrgencySign | null {
  for (const sign of SIGNS) {
    const word = sign.words.find((w) => text.includes(w));
    if (word) return { word, reason: sign.reason };
  }
  return null;
}

/**
 * The priority staff should start from when they review a wish: what it already has if
 * someone raised it, urgent if its words suggest danger, otherwise normal.
 */
export function suggestedPriority(wish: { priority?: Priority; title: string; description?: string }): { priority: Priority; sign: UrgencySign | null } {
  if (wish.priority && wish.priority !== 'normal') return { priority: wish.priority, sign: null };
  const sign = urgencySign(`${wish.title} ${wish.description ?? ''}`);
  return { priority: sign ? 'urgent' : 'normal', sign };
}

/** '描述中提到“燃气”，可能有燃气泄漏' — why the suggestion was made, for the reviewer. */
export function urgencySignText(sign: UrgencySign): string {
  return `描述中提到“${sign.word}”，${sign.reason}`;
}
