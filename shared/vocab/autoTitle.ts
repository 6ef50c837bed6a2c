import { Limits } from './limits';

/** As long as a title may be: the cards shorten it on screen, the data keeps whole words. */
const AutoTitleMax = Limits.title;
const SentenceEnd = /[。！？!?；;]/;
const ClauseEnd = /[，,、：:]/;

/**
 * A title from what an elder said: their first sentence when it is short enough, else up to
 * the last pause (，、) that fits, never a cut through the middle of a phrase; only a first
 * sentence with no pause at all is shortened, and then it says so (…).
 */
export function titleFromDescription(description: string): string {
  const text = description.trim().replace(/\s+/g, ' ');
  const sentenceEnd = text.search(SentenceEnd);
  const sentence = (sentenceEnd >= 0 ? text.slice(0, sentenceEnd) : text).trim();
  if (sentence.length <= AutoTitleMax) return sentence;
  const head = sentence.slice(0, AutoTitleMax + 1);
  let pause = -1;
  for (let i = head.length - 1; i > 0; i--) {
    if (ClauseEnd.test(head[i])) {
      pause = i;
      break;
    }
  }
  // A pause too early leaves only a fragment ("本人"): better the longer clause, marked as cut.
  if (pause >= AutoTitleMax / 2) return sentence.slice(0, pause);
  return `${sentence.slice(0, AutoTitleMax - 1)}…`;
}
