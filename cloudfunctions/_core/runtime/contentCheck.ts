import { AppError } from '@shared';

/** Free text goes through this before it is stored (WeChat msgSecCheck in production). */
export interface ContentChecker {
  /** Throws VALIDATION_FAILED naming the offending field. */
  check(fields: Record<string, string | undefined>, openid?: string): Promise<void>;
}

/** A small local word list so demos and tests see the refusal path. */
export class WordListChecker implements ContentChecker {
  constructor(private readonly words: string[] = ['赌博', '代开发票', '违禁品']) {}
  async check(fields: Record<string, string | undefined>): Promise<void> {
    for (const [path, text] of Object.entries(fields)) {
      if (text && this.words.some((w) => text.includes(w))) throw blocked(path);
    }
  }
}

/** msgSecCheck v2 scenes: 1 资料, 2 评论, 3 论坛. A wish is a post on the community's board. */
const SCENE_OF_FIELD: Record<string, number> = { name: 1, note: 2, comment: 2 };
export function msgSecCheckScene(field: string): number {
  return SCENE_OF_FIELD[field] ?? 3;
}

/** msgSecCheck's verdict, as an errcode (87014) or a v2 `suggest`; 'review' passes: our review is the secretary's. */
export function judgedRisky(errcode: number | undefined, suggest: string | undefined): boolean {
  return errcode === 87014 || suggest === 'risky';
}

export function blocked(path: string): AppError {
  return new AppError('VALIDATION_FAILED', '内容含有不适宜发布的信息，请修改后再提交', {
    fields: [{ path, message: '内容未通过安全检查' }],
  });
}

/**
 * Lets a WeChat-backed checker plug in: it receives one text (and which field it is, to pick
 * the msgSecCheck scene) and says whether it may be published. `local` runs first: it costs
 * no call and still holds when the remote checker cannot answer.
 */
export class CallbackChecker implements ContentChecker {
  constructor(
    private readonly isSafe: (text: string, openid: string | undefined, field: string) => Promise<boolean>,
    private readonly local?: ContentChecker,
  ) {}
  async check(fields: Record<string, string | undefined>, openid?: string): Promise<void> {
    await this.local?.check(fields, openid);
    const texts = Object.entries(fields).filter((e): e is [string, string] => !!e[1]);
    // In parallel (a wish has three fields), but the first field in form order is the one named.
    const verdicts = await Promise.all(texts.map(([path, text]) => this.isSafe(text, openid, path)));
    const flagged = verdicts.indexOf(false);
    if (flagged >= 0) throw blocked(texts[flagged][0]);
  }
}
