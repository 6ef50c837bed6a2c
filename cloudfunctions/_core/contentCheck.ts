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

export function blocked(path: string): AppError {
  return new AppError('VALIDATION_FAILED', '内容含有不适宜发布的信息，请修改后再提交', {
    fields: [{ path, message: '内容未通过安全检查' }],
  });
}

/** Lets a WeChat-backed checker plug in: it receives one text and says whether it may be published. */
export class CallbackChecker implements ContentChecker {
  constructor(private readonly isSafe: (text: string, openid?: string) => Promise<boolean>) {}
  async check(fields: Record<string, string | undefined>, openid?: string): Promise<void> {
    for (const [path, text] of Object.entries(fields)) {
      if (text && !(await this.isSafe(text, openid))) throw blocked(path);
    }
  }
}
